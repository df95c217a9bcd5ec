import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type ReferralFiguresQuery,
  type ReferralFiguresRow,
  type ReferralFiguresSource,
} from '../../contracts/src/referral-figures.js';
import { type ReferralClock } from '../../contracts/src/referral.contracts.js';

/** A row of the figures plus the 以罚代刑 flags (refusals over the threshold or found unfounded, risk items closed on them). */
export interface ReferralMetricsRow extends ReferralFiguresRow {
  administrativeOnly: number;
  /** referred ÷ leadsMeetingThreshold; null without leads. */
  referralRate: number | null;
  /** filed ÷ referred; null without referrals. */
  filingRate: number | null;
}

/** Time from a clock's start to the step it waited for, per clock (windows excluded). */
export interface ReferralStepTimes {
  clock: ReferralClock;
  completed: number;
  averageHours: number | null;
  worstHours: number | null;
  overdue: number;
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/**
 * Referral figures from the read models. The denominator of the referral rate counts every referral
 * lead plus every risk item marked as meeting the criminal threshold that has no referral.
 */
@Injectable()
export class ReferralFiguresService implements ReferralFiguresSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(query: ReferralFiguresQuery): Promise<ReferralFiguresRow[]> {
    return (await this.rows(query)).map(
      ({ unitId, actionNo, leadsMeetingThreshold, referred, refusedWithReason, filed, overdueClocks }) => ({
        unitId,
        actionNo,
        leadsMeetingThreshold,
        referred,
        refusedWithReason,
        filed,
        overdueClocks,
      }),
    );
  }

  async rows(query: ReferralFiguresQuery): Promise<ReferralMetricsRow[]> {
    const raw: Array<Record<string, string | number>> = await this.dataSource.query(
      `WITH cut AS (SELECT coalesce($5::timestamptz, now()) AS at),
       leads AS (
         SELECT unit_id, action_no, 1 AS lead, coalesce(transferred_at < cut.at, false)::int AS referred,
           (outcome = 'refused-by-head' AND coalesce(closed_at < cut.at, false))::int AS refused,
           coalesce(filed_at < cut.at, false)::int AS filed,
           (SELECT count(*) FROM jsonb_array_elements(state->'clocks') c
             WHERE (c->>'expiredAt')::timestamptz < cut.at AND c->>'onExpiry' = 'escalate')::int AS overdue_clocks,
           administrative_only::int AS administrative_only
         FROM referral, cut WHERE recorded_at >= $1 AND recorded_at < $2
         UNION ALL
         -- A risk item at the threshold is a lead of its own unless the referral made of it is counted
         -- above (recorded in the period): one referred only later is still this period's lead, unreferred.
         SELECT coalesce(responsible_unit_id, registering_unit_id), action_no,
           (NOT EXISTS (SELECT 1 FROM referral r WHERE r.id = risk_item.referral_id
             AND r.recorded_at >= $1 AND r.recorded_at < $2))::int, 0, 0, 0, 0,
           administrative_only::int
         FROM risk_item WHERE criminal_threshold_at >= $1 AND criminal_threshold_at < $2
       )
       SELECT unit_id, action_no, sum(lead)::int AS leads, sum(referred)::int AS referred,
         sum(refused)::int AS refused, sum(filed)::int AS filed, sum(overdue_clocks)::int AS overdue_clocks,
         sum(administrative_only)::int AS administrative_only
       FROM leads
       WHERE ($3::text IS NULL OR unit_id = $3) AND ($4::int IS NULL OR action_no = $4)
       GROUP BY unit_id, action_no ORDER BY unit_id, action_no`,
      [query.from, query.to, query.unitId ?? null, query.actionNo ?? null, query.asOf ?? null],
    );
    return raw.map((r) => {
      const leads = Number(r.leads);
      const referred = Number(r.referred);
      const filed = Number(r.filed);
      return {
        unitId: String(r.unit_id),
        actionNo: Number(r.action_no),
        leadsMeetingThreshold: leads,
        referred,
        refusedWithReason: Number(r.refused),
        filed,
        overdueClocks: Number(r.overdue_clocks),
        administrativeOnly: Number(r.administrative_only),
        referralRate: ratio(referred, leads),
        filingRate: ratio(filed, referred),
      };
    });
  }

  async stepTimes(query: ReferralFiguresQuery): Promise<ReferralStepTimes[]> {
    const raw: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT c->>'clock' AS clock,
         count(*) FILTER (WHERE c->>'stoppedAt' IS NOT NULL)::int AS completed,
         avg(extract(epoch FROM (c->>'stoppedAt')::timestamptz - (c->>'startedAt')::timestamptz)) / 3600 AS average,
         max(extract(epoch FROM (c->>'stoppedAt')::timestamptz - (c->>'startedAt')::timestamptz)) / 3600 AS worst,
         count(*) FILTER (WHERE c->>'expiredAt' IS NOT NULL)::int AS overdue
       FROM referral r, jsonb_array_elements(r.state->'clocks') c
       WHERE r.recorded_at >= $1 AND r.recorded_at < $2 AND c->>'onExpiry' = 'escalate'
         AND ($3::text IS NULL OR r.unit_id = $3) AND ($4::int IS NULL OR r.action_no = $4)
       GROUP BY c->>'clock' ORDER BY c->>'clock'`,
      [query.from, query.to, query.unitId ?? null, query.actionNo ?? null],
    );
    const hours = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
    return raw.map((r) => ({
      clock: String(r.clock) as ReferralClock,
      completed: Number(r.completed),
      averageHours: hours(r.average),
      worstHours: hours(r.worst),
      overdue: Number(r.overdue),
    }));
  }
}
