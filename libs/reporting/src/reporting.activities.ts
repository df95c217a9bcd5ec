import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import { CardSignals } from '../../cards/src/card-signals.service.js';
import { CardSubjectType } from '../../contracts/src/card.contracts.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import {
  type BulletinSummary,
  type ReportCardEffect,
  type ReportingActivities,
  type ReportRequestOpening,
  type ReportRequestState,
} from '../../contracts/src/reporting.contracts.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { renderBulletin } from './bulletin-document.js';
import { laggingCardTriggers } from './domain/bulletin.js';
import { planMonthlyDispatch } from './domain/dispatch.js';
import { previousQuarterOf } from './domain/periods.js';
import { ReportingReader } from './reporting-reader.service.js';

@Injectable()
export class ReportingActivitiesService implements ReportingActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly calendar: CalendarService,
    private readonly reader: ReportingReader,
    private readonly cards: CardSignals,
  ) {}

  /**
   * Ledger entry and projection row in one transaction; then the unit's card about this request hears
   * of it (raised when missed, its subject resolved by a late submission). Every part is idempotent.
   */
  async recordReportRequestStep(step: LedgerStep<ReportRequestState>, card: ReportCardEffect): Promise<void> {
    const s = step.stateAfter;
    await this.dataSource.transaction(async (tx) => {
      await this.ledger.append(tx, step);
      await tx.query(
        `INSERT INTO report_request (id, kind, unit_id, action_no, deliverable_id, period_label, plan_version,
           status, due_at, opened_at, submitted_at, state, last_sequence, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at,
           state = EXCLUDED.state, last_sequence = EXCLUDED.last_sequence, updated_at = now()
         WHERE report_request.last_sequence < EXCLUDED.last_sequence`,
        [
          s.id,
          s.kind,
          s.unitId,
          s.actionNo,
          s.deliverableId,
          s.period.label,
          s.planVersion,
          s.status,
          s.deadline.dueAt,
          s.openedAt,
          s.submission?.submittedAt ?? null,
          JSON.stringify(s),
          s.sequence,
        ],
      );
    });
    const subject = { type: CardSubjectType.MissedReport, id: s.id };
    if (card === 'raise') {
      await this.cards.raise({
        key: `${step.workflowId}:${step.sequence}:missed`,
        unitId: s.unitId,
        subject,
        reason: `${s.title.zh} 逾期未报 / report missed, due ${s.deadline.dueAt}`,
        context: null,
      });
    } else if (card === 'resolve') {
      await this.cards.resolveSubject(s.unitId, subject, step.occurredAt);
    }
  }

  async planMonthlyDispatch({ at }: { at: string }): Promise<ReportRequestOpening[]> {
    const plan = await this.reader.activePlan();
    const expand = await this.reader.unitExpander(plan);
    return planMonthlyDispatch(plan, this.reader.policy, at, this.calendar.table, expand);
  }

  /**
   * Reads the inputs at this moment (the cut-off), stores them with the rendered bulletin, then raises a
   * lagging-indicator card per lagging unit. Keyed by the run, so a retried activity stores nothing twice.
   */
  async generateQuarterlyBulletin({ at, runKey }: { at: string; runKey: string }): Promise<BulletinSummary> {
    const quarter = previousQuarterOf(at);
    const existing: Array<{ id: string; cutoff: Date; lagging_units: string[] }> =
      await this.dataSource.query(`SELECT id, cutoff, lagging_units FROM bulletin WHERE run_key = $1`, [
        runKey,
      ]);
    let summary: BulletinSummary;
    if (existing[0]) {
      summary = {
        id: existing[0].id,
        quarter: quarter.label,
        cutoff: existing[0].cutoff.toISOString(),
        laggingUnits: existing[0].lagging_units,
      };
    } else {
      const inputs = await this.reader.bulletinInputs(quarter, new Date().toISOString());
      const rendered = renderBulletin(inputs);
      const [{ n }]: Array<{ n: number }> = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM bulletin WHERE quarter = $1`,
        [quarter.label],
      );
      const id = `TB-${quarter.label}-${n + 1}`;
      await this.dataSource.query(
        `INSERT INTO bulletin (id, run_key, quarter, cutoff, plan_version, policy_version, inputs, html,
           indicators_csv, units_csv, html_sha256, lagging_units)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          id,
          runKey,
          quarter.label,
          inputs.cutoff,
          inputs.planVersion,
          inputs.policyVersion,
          JSON.stringify(inputs),
          rendered.html,
          rendered.indicatorsCsv,
          rendered.unitsCsv,
          rendered.htmlSha256,
          rendered.bulletin.laggingUnits,
        ],
      );
      summary = {
        id,
        quarter: quarter.label,
        cutoff: inputs.cutoff,
        laggingUnits: rendered.bulletin.laggingUnits,
      };
    }
    for (const trigger of laggingCardTriggers(summary)) await this.cards.raise(trigger);
    return summary;
  }
}
