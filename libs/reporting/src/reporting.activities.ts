import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import { CardSignals } from '../../cards/src/card-signals.service.js';
import { CardSubjectType } from '../../contracts/src/card.contracts.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import {
  type BulletinRunResult,
  type BulletinSummary,
  type ReportCardEffect,
  type ReportingActivities,
  type ReportRequestOpening,
  type ReportRequestState,
} from '../../contracts/src/reporting.contracts.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { renderBulletin } from './bulletin-document.js';
import { bulletinId, laggingCardTriggers, rebuiltBulletin, type BulletinInputs } from './domain/bulletin.js';
import { quarterBeforeCampaign } from './domain/campaign-start.js';
import { planMonthlyDispatch } from './domain/dispatch.js';
import { previousQuarterOf, type ReportingPeriod } from './domain/periods.js';
import { inUseAt } from './domain/unit-lifetime.js';
import { ReportingReader } from './reporting-reader.service.js';

@Injectable()
export class ReportingActivitiesService implements ReportingActivities {
  private readonly logger = new Logger('ReportingCycles');

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
        reason: `${s.title.zh} 逾期未报（报送期限 ${s.deadline.dueAt}）`,
        context: null,
      });
    } else if (card === 'resolve') {
      await this.cards.resolveSubject(s.unitId, subject, step.occurredAt);
    }
  }

  async planMonthlyDispatch({ at }: { at: string }): Promise<ReportRequestOpening[]> {
    const plan = await this.reader.activePlan();
    // A township retired by the run's moment is asked for nothing more (backfills: as it stood then).
    const expand = await this.reader.unitExpander(plan, (unit) => inUseAt(unit, at));
    return planMonthlyDispatch(plan, this.reader.policy, at, this.calendar.table, expand);
  }

  /**
   * A quarter has one bulletin, whichever run makes it (schedule, trigger, backfill, a rerun): the first
   * run reads the inputs at that moment (the cut-off), stores them with the rendered bulletin and raises
   * a lagging-indicator card per lagging unit; any later run answers with that bulletin and raises nothing.
   * A retry of the run that made it raises its cards again (joined, never doubled). A run reporting on a
   * quarter before the campaign (the schedule's runs in the campaign's first quarter, or before it) makes
   * nothing and says why; runs by hand are refused that early before they start.
   */
  async generateQuarterlyBulletin({
    at,
    runKey,
  }: {
    at: string;
    runKey: string;
  }): Promise<BulletinRunResult> {
    const campaignFrom = (await this.reader.activePlan()).plan.campaign.period.from;
    const early = quarterBeforeCampaign(at, campaignFrom);
    if (early) {
      const noBulletinBecause = `${early.label} ends before the campaign starts (${campaignFrom}): no bulletin is made for it`;
      this.logger.log(`quarterly bulletin run ${runKey}: ${noBulletinBecause}`);
      return { quarter: early.label, noBulletinBecause };
    }
    const quarter = previousQuarterOf(at);
    const bulletin =
      (await this.quarterBulletin(quarter.label)) ?? (await this.storeBulletin(quarter, runKey));
    if (bulletin.run_key !== runKey) return { ...summaryOf(bulletin), alreadyGenerated: true };
    const summary = summaryOf(bulletin);
    // A unit retired since (停用) takes no more work: the bulletin names it, no card escalates on it.
    const inUse = await this.reader.unitsInUseAt(new Date().toISOString());
    // The rows say why each unit lags; inputs of an earlier target model are not built again.
    const rows = rebuiltBulletin(JSON.parse(bulletin.inputs) as BulletinInputs);
    for (const trigger of laggingCardTriggers(summary, rows)) {
      if (inUse.has(trigger.unitId)) await this.cards.raise(trigger);
    }
    return summary;
  }

  /**
   * Reads the inputs now (the cut-off) and stores them with the rendered bulletin. A concurrent run of
   * the same quarter inserts the same id: one wins, and both go on with the winner's bulletin.
   */
  private async storeBulletin(quarter: ReportingPeriod, runKey: string): Promise<StoredBulletin> {
    const inputs = await this.reader.bulletinInputs(quarter, new Date().toISOString());
    const rendered = renderBulletin(inputs);
    await this.dataSource.query(
      `INSERT INTO bulletin (id, run_key, quarter, cutoff, plan_version, policy_version, inputs, html,
         indicators_csv, units_csv, html_sha256, lagging_units)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO NOTHING`,
      [
        bulletinId(quarter.label),
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
    const stored = await this.quarterBulletin(quarter.label);
    if (!stored) throw new Error(`bulletin ${bulletinId(quarter.label)} was not stored`);
    return stored;
  }

  /** The quarter's bulletin: the first stored (a quarter stored twice before reruns were idempotent keeps it). */
  private async quarterBulletin(quarter: string): Promise<StoredBulletin | null> {
    const rows: StoredBulletin[] = await this.dataSource.query(
      `SELECT id, run_key, quarter, cutoff, lagging_units, inputs FROM bulletin WHERE quarter = $1
       ORDER BY created_at, id LIMIT 1`,
      [quarter],
    );
    return rows[0] ?? null;
  }
}

interface StoredBulletin {
  id: string;
  run_key: string;
  quarter: string;
  cutoff: Date;
  lagging_units: string[];
  /** As stored (text, the bytes it was rendered from). */
  inputs: string;
}

const summaryOf = (b: StoredBulletin): BulletinSummary => ({
  id: b.id,
  quarter: b.quarter,
  cutoff: b.cutoff.toISOString(),
  laggingUnits: b.lagging_units,
});
