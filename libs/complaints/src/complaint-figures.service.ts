import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ComplaintFiguresRow } from '../../contracts/src/complaint.contracts.js';

export interface ComplaintFiguresScope {
  from: Date;
  to: Date;
  unitId?: string;
  actionNo?: number;
}

const DAYS = (later: string, earlier: string) =>
  `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${later} - ${earlier}) / 86400)
     FILTER (WHERE ${later} IS NOT NULL))::numeric, 2)`;

/** Figures for the bulletin from the read model; it holds no identity, so neither can they. */
@Injectable()
export class ComplaintFiguresService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rows(scope: ComplaintFiguresScope): Promise<ComplaintFiguresRow[]> {
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT unit_id, action_no, count(*) AS received,
         count(*) FILTER (WHERE substantiated AND category = 'report') AS verified,
         count(*) FILTER (WHERE outcome_kind IN ('risk-item', 'referral')) AS converted,
         count(*) FILTER (WHERE reward_status = 'paid') AS rewards_paid,
         coalesce(sum(reward_fen) FILTER (WHERE reward_status = 'paid'), 0) AS rewards_paid_fen,
         ${DAYS('accepted_at', 'received_at')} AS to_acceptance,
         ${DAYS('decided_at', 'received_at')} AS to_decision,
         ${DAYS('informed_at', 'decided_at')} AS to_notice
       FROM complaint
       WHERE received_at >= $1 AND received_at < $2
         AND ($3::text IS NULL OR unit_id = $3) AND ($4::int IS NULL OR action_no = $4)
       GROUP BY unit_id, action_no ORDER BY unit_id, action_no`,
      [scope.from, scope.to, scope.unitId ?? null, scope.actionNo ?? null],
    );
    const num = (value: string | number | null) => (value === null ? null : Number(value));
    return rows.map((r) => ({
      unitId: String(r.unit_id),
      actionNo: Number(r.action_no),
      received: Number(r.received),
      verified: Number(r.verified),
      converted: Number(r.converted),
      rewardsPaid: Number(r.rewards_paid),
      rewardsPaidFen: Number(r.rewards_paid_fen),
      medianDaysToAcceptance: num(r.to_acceptance),
      medianDaysToDecision: num(r.to_decision),
      medianDaysToNotice: num(r.to_notice),
    }));
  }
}
