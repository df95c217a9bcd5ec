import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CardStatus, CardSubjectType } from '../../contracts/src/card.contracts.js';
import { RiskItemStatus } from '../../contracts/src/risk-item.contracts.js';
import { PLAN_SOURCE, type PlanSource, type StoredPlan } from '../../contracts/src/plan.contracts.js';
import {
  REFERRAL_FIGURES_SOURCE,
  type ReferralFiguresRow,
  type ReferralFiguresSource,
} from '../../contracts/src/referral-figures.js';
import {
  ReportRequestKind,
  ReportRequestStatus,
  type ReportRequestState,
} from '../../contracts/src/reporting.contracts.js';
import { type AssessmentInputs } from './domain/assessment.js';
import { BULLETIN_LAYOUT, TARGET_MODEL, type BulletinInputs } from './domain/bulletin.js';
import { type UnitExpander } from './domain/dispatch.js';
import { monthsOf, startOfLocalDay, type ReportingPeriod } from './domain/periods.js';
import { type ReportingPolicy } from './domain/reporting-policy.js';
import { existedIn, inUseAt, type UnitState } from './domain/unit-lifetime.js';
import { addDays } from '../../calendar/src/domain/holiday-table.js';
import { CARD_LADDER } from '../../cards/src/card-ladder.provider.js';
import { type CardLadderPolicy } from '../../cards/src/domain/card-ladder.js';
import { REPORTING_POLICY } from './reporting-policy.provider.js';

/** The kinds of unit a year's assessment scores: the county departments and the townships. */
const ASSESSED_KINDS: readonly string[] = ['county_department', 'township'];

/**
 * Reads what the cycles are made from: the plan (through PLAN_SOURCE), the report requests, risk-item and
 * card projections, and referral figures (REFERRAL_FIGURES_SOURCE, provided by the referral context);
 * the card ladder (CARD_LADDER) for the Chinese names of the card colours a score deducts.
 */
@Injectable()
export class ReportingReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REPORTING_POLICY) readonly policy: ReportingPolicy,
    @Inject(PLAN_SOURCE) private readonly plans: PlanSource,
    @Inject(REFERRAL_FIGURES_SOURCE) private readonly referrals: ReferralFiguresSource,
    @Inject(CARD_LADDER) private readonly cardLadder: CardLadderPolicy,
  ) {}

  activePlan(): Promise<StoredPlan> {
    return this.plans.activePlan();
  }

  /**
   * A unit id stands for itself; a group of the plan (the townships) for every township that `counts`:
   * for a period's bulletin or assessment, those that existed in it (`existedIn`); for a dispatch, those
   * in use at its moment (`inUseAt`).
   */
  async unitExpander(stored: StoredPlan, counts: (unit: UnitState) => boolean): Promise<UnitExpander> {
    return expanderOf(stored, await this.unitRows(), counts);
  }

  /** The ids of the units in use at `at` (not retired by then). */
  async unitsInUseAt(at: string): Promise<Set<string>> {
    return new Set((await this.unitRows()).filter((u) => inUseAt(u, at)).map((u) => u.id));
  }

  /** Every unit with its kind and life (added, retired), by id: a county has a few hundred. */
  private async unitRows(): Promise<Array<UnitState & { id: string; nameZh: string; kind: string }>> {
    const rows: Array<{
      id: string;
      name_zh: string;
      kind: string;
      active: boolean;
      added_at: Date | null;
      retired_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT id, name_zh, kind, active, added_at, retired_at FROM unit ORDER BY id`,
    );
    return rows.map((r) => ({
      id: r.id,
      nameZh: r.name_zh,
      kind: r.kind,
      active: r.active,
      addedAt: r.added_at?.toISOString() ?? null,
      retiredAt: r.retired_at?.toISOString() ?? null,
    }));
  }

  /** The plan's actions for scoring: groups expanded, for the lead unit and each indicator's named units. */
  private planActions(stored: StoredPlan, expand: UnitExpander) {
    return stored.plan.actions.map((a) => ({
      number: a.number,
      nameZh: a.nameZh,
      leadUnits: expand(a.leadUnit),
      indicators: a.indicators.map((i) =>
        i.responsibleUnits ? { ...i, responsibleUnits: i.responsibleUnits.flatMap(expand) } : i,
      ),
    }));
  }

  /**
   * The values each unit gave in the campaign's first dispatch (the report on its first month): the
   * baselines reach targets ramp from where the plan gives none (decision 0018).
   */
  private async firstDispatch(stored: StoredPlan): Promise<BulletinInputs['firstDispatch']> {
    const rows: Array<{ state: ReportRequestState }> = await this.dataSource.query(
      `SELECT state FROM report_request WHERE kind = $1 AND period_label = $2 AND status = $3 ORDER BY id`,
      [
        ReportRequestKind.MonthlyReport,
        stored.plan.campaign.period.from.slice(0, 7),
        ReportRequestStatus.Submitted,
      ],
    );
    return rows.flatMap(({ state }) =>
      (state.submission?.values ?? []).map((v) => ({ unitId: state.unitId, ...v })),
    );
  }

  async bulletinInputs(quarter: ReportingPeriod, cutoff: string): Promise<BulletinInputs> {
    const stored = await this.activePlan();
    // The plan's townships are those of the quarter: none added after it, none retired before it.
    const unitRows = await this.unitRows();
    const expand = expanderOf(stored, unitRows, (unit) => existedIn(unit, quarter));
    const from = startOfLocalDay(quarter.from);
    const to = startOfLocalDay(addDays(quarter.to, 1));
    const reports: Array<{ state: ReportRequestState }> = await this.dataSource.query(
      `SELECT state FROM report_request WHERE kind = $1 AND period_label = ANY($2) AND opened_at <= $3 ORDER BY id`,
      [ReportRequestKind.MonthlyReport, monthsOf(quarter), cutoff],
    );
    // Risk items and cards are the quarter's, whenever the run reads them (a backfill years later too):
    // those registered and raised by its end; overdue = past their deadline unmet at its end, not closed
    // or cancelled before it. Reports keep the cut-off (a county loads its past reports, then backfills).
    const riskItems: Array<{ unit_id: string; opened: number; closed: number; overdue: number }> =
      await this.dataSource.query(
        `SELECT coalesce(responsible_unit_id, registering_unit_id) AS unit_id,
           count(*) FILTER (WHERE registered_at >= $1)::int AS opened,
           count(*) FILTER (WHERE status = $3 AND closed_at >= $1 AND closed_at < $2)::int AS closed,
           count(*) FILTER (WHERE overdue AND due_at < $2 AND NOT (status IN ($3, $4) AND closed_at < $2))::int
             AS overdue
         FROM risk_item WHERE registered_at < $2 GROUP BY 1 ORDER BY 1`,
        [from, to, RiskItemStatus.Closed, RiskItemStatus.Cancelled],
      );
    // A card withdrawn (撤销亮牌) by the quarter's end was taken back by the county: not counted as raised.
    // A lagging-indicator card is about an earlier quarter (raised by its bulletin, which names the unit):
    // not counted again in the quarter it happened to be raised in.
    const cards: Array<{ unit_id: string; colour: string; raised: number; lifted: number }> =
      await this.dataSource.query(
        `SELECT unit_id, colour,
           count(*) FILTER (WHERE raised_at >= $1)::int AS raised,
           count(*) FILTER (WHERE status = $4 AND closed_at >= $1 AND closed_at < $2)::int AS lifted
         FROM card WHERE raised_at < $2 AND NOT (status = $3 AND closed_at < $2) AND subject_type <> $5
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [from, to, CardStatus.Withdrawn, CardStatus.Lifted, CardSubjectType.LaggingIndicator],
      );
    return {
      targetModel: TARGET_MODEL,
      layout: BULLETIN_LAYOUT,
      campaignNameZh: stored.plan.campaign.nameZh,
      issuingUnit: stored.plan.campaign.supervisingUnit,
      quarter,
      cutoff,
      planVersion: stored.version,
      policyVersion: this.policy.version,
      campaignFrom: stored.plan.campaign.period.from,
      lagging: this.policy.lagging,
      units: unitRows.map((u) => ({ id: u.id, nameZh: u.nameZh })),
      actions: this.planActions(stored, expand),
      firstDispatch: await this.firstDispatch(stored),
      reports: reports.map(({ state }) => ({
        unitId: state.unitId,
        actionNo: state.actionNo ?? 0,
        month: state.period.label,
        status: state.status,
        values: state.submission?.values ?? null,
        indicatorIds: state.indicators.map((i) => i.id),
      })),
      riskItems: riskItems.map((r) => ({
        unitId: r.unit_id,
        opened: r.opened,
        closed: r.closed,
        overdue: r.overdue,
      })),
      cards: cards.map((c) => ({ unitId: c.unit_id, colour: c.colour, raised: c.raised, lifted: c.lifted })),
      referrals: await this.referralFigures(new Date(from), new Date(to)),
    };
  }

  async assessmentInputs(year: number): Promise<AssessmentInputs> {
    const stored = await this.activePlan();
    const period = { label: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
    const unitRows = await this.unitRows();
    const expand = expanderOf(stored, unitRows, (unit) => existedIn(unit, period));
    const from = startOfLocalDay(`${year}-01-01`);
    const to = startOfLocalDay(`${year + 1}-01-01`);
    const reports: Array<{ state: ReportRequestState }> = await this.dataSource.query(
      `SELECT state FROM report_request WHERE kind = $1 AND period_label LIKE $2 ORDER BY period_label, id`,
      [ReportRequestKind.MonthlyReport, `${year}-%`],
    );
    const values = new Map<string, AssessmentInputs['values'][number]>();
    for (const { state } of reports) {
      for (const { indicatorId, value } of state.submission?.values ?? []) {
        const actionNo = state.actionNo ?? 0;
        values.set(`${state.unitId}/${actionNo}/${indicatorId}`, {
          unitId: state.unitId,
          actionNo,
          indicatorId,
          value,
        });
      }
    }
    const now = new Date().toISOString();
    // Requests on a period of the year (a monthly report on one of its months, `yyyy-mm`; a deliverable of
    // it, `yyyy`) whose due date has passed: the December report, due in January, counts for December's
    // year, as its values do. On time = submitted, not late.
    const requests: Array<{ unit_id: string; kind: ReportRequestKind; due: number; on_time: number }> =
      await this.dataSource.query(
        `SELECT unit_id, kind, count(*)::int AS due,
           count(*) FILTER (WHERE status = $3 AND (state->'submission'->>'late')::boolean IS NOT TRUE)::int AS on_time
         FROM report_request WHERE left(period_label, 4) = $1 AND due_at < $2
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [String(year), now, ReportRequestStatus.Submitted],
      );
    // Risk items due in the year whose outcome is known: the deadline has passed, or the item was closed
    // (销号) before it. An item still open before its deadline is neither in time nor late yet; a
    // cancelled one (撤销, a supervisor's ledgered decision that it should not stand) counts neither way.
    const riskItems: Array<{ unit_id: string; due: number; overdue: number }> = await this.dataSource.query(
      `SELECT coalesce(responsible_unit_id, registering_unit_id) AS unit_id, count(*)::int AS due,
         count(*) FILTER (WHERE overdue)::int AS overdue
       FROM risk_item
       WHERE due_at >= $1 AND due_at < $2 AND status <> $4 AND (due_at < $3 OR status = $5)
       GROUP BY 1 ORDER BY 1`,
      [from, to, now, RiskItemStatus.Cancelled, RiskItemStatus.Closed],
    );
    // A lagging-indicator card is the lag of its bulletin's quarter: it costs that quarter's year, though
    // the Q4 bulletin raises it in January. Other cards count in the year they were raised.
    // A unit's lag in a quarter counts once, even where a quarter was reported twice (before reruns of a
    // quarter were idempotent, each bulletin raised its own lagging-indicator card): its first card counts.
    // A withdrawn card (撤销亮牌) was taken back by the county and costs nothing.
    const cards: Array<{ unit_id: string; colour: string; n: number }> = await this.dataSource.query(
      `SELECT unit_id, colour, count(*)::int AS n FROM (
         SELECT DISTINCT ON (card.unit_id, coalesce(bulletin.quarter, card.id)) card.unit_id, card.colour
         FROM card LEFT JOIN bulletin ON card.subject_type = $3 AND bulletin.id = card.subject_id
         WHERE CASE WHEN bulletin.id IS NULL THEN card.raised_at >= $1 AND card.raised_at < $2
                    ELSE bulletin.quarter LIKE $5 END
           AND card.status <> $4
         ORDER BY card.unit_id, coalesce(bulletin.quarter, card.id), card.raised_at
       ) counted GROUP BY 1, 2`,
      [from, to, CardSubjectType.LaggingIndicator, CardStatus.Withdrawn, `${year}-Q%`],
    );
    // A unit added after the year ended, or retired before it began, did not exist in it: not scored for it.
    const units = unitRows.filter((u) => ASSESSED_KINDS.includes(u.kind) && existedIn(u, period));
    const referrals = await this.referralFigures(new Date(from), new Date(to));
    return {
      year,
      planVersion: stored.version,
      campaignFrom: stored.plan.campaign.period.from,
      units: units.map((u) => ({ id: u.id, nameZh: u.nameZh })),
      actions: this.planActions(stored, expand),
      askedFor: [
        ...new Set(reports.flatMap(({ state }) => state.indicators.map((i) => `${state.unitId}/${i.id}`))),
      ],
      values: [...values.values()],
      firstDispatch: await this.firstDispatch(stored),
      requests: requests.map((r) => ({
        unitId: r.unit_id,
        kind: r.kind === ReportRequestKind.Deliverable ? 'deliverable' : 'monthly-report',
        due: r.due,
        onTime: r.on_time,
      })),
      riskItems: riskItems.map((r) => ({ unitId: r.unit_id, due: r.due, overdue: r.overdue })),
      referrals: referrals.map((r) => ({
        unitId: r.unitId,
        leads: r.leadsMeetingThreshold,
        handled: r.referred + r.refusedWithReason,
      })),
      cards: cards.map((c) => ({ unitId: c.unit_id, colour: c.colour, count: c.n })),
      // The names a score line gives each colour (黄牌警示 …): the ladder's, as the cards themselves carry.
      cardLevels: this.cardLadder.levels.map((l) => ({ colour: l.colour, nameZh: l.nameZh })),
    };
  }

  /**
   * Leads of [from, to) with their outcome as it stood at `to`, the period's whenever it is read; sorted,
   * so the same figures always make the same inputs.
   */
  private async referralFigures(from: Date, to: Date): Promise<ReferralFiguresRow[]> {
    const rows = await this.referrals.figures({ from, to, asOf: to });
    return [...rows].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.actionNo - b.actionNo);
  }
}

/** The plan's groups (the townships) expanded to the township units that `counts`; other ids as they are. */
function expanderOf(
  stored: StoredPlan,
  units: ReadonlyArray<UnitState & { id: string; kind: string }>,
  counts: (unit: UnitState) => boolean,
): UnitExpander {
  const townships = units.filter((u) => u.kind === 'township' && counts(u)).map((u) => u.id);
  const groups = new Set(stored.plan.units.filter((u) => u.group).map((u) => u.id));
  return (ref) => (groups.has(ref) ? townships : [ref]);
}
