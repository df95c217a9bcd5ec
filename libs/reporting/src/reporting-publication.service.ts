import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, type Actor, type StepContext } from '../../contracts/src/identity.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { scoreUnits } from './domain/assessment.js';
import { rebuiltBulletin, TARGET_MODEL, type BulletinInputs } from './domain/bulletin.js';
import { yearAfterCampaign, yearBeforeCampaign } from './domain/campaign-start.js';
import { localDateOf } from './domain/periods.js';
import {
  unitBulletinView,
  yearIsOver,
  type AssessmentView,
  type UnitBulletinView,
} from './domain/publication.js';
import { ReportingReader } from './reporting-reader.service.js';
import { NO_WORKFLOW_RUN } from '../../contracts/src/ledger.js';

export const BULLETIN_CASE_TYPE = 'bulletin';
export const ASSESSMENT_CASE_TYPE = 'assessment';
export const assessmentCaseId = (year: number) => `assessment/${year}`;

const bulletinNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, 'bulletin.not-found', `No bulletin ${id}`);

export interface ApprovalInput {
  /** The committee's decision that approved the scores, e.g. 县食安委〔2024〕1号 or a meeting's minutes. */
  committeeDecision: string;
  /** The day the committee approved them. */
  approvedOn: string;
}

/**
 * Publication steps of the reporting cycles, each on the ledger with who and when: a bulletin is
 * published before units read it; a year's score (专项得分) is frozen once 食安委 approved it.
 */
@Injectable()
export class ReportingPublication {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly reader: ReportingReader,
  ) {}

  async publishBulletin(id: string, context: StepContext) {
    return this.dataSource.transaction(async (tx) => {
      const rows: Array<{ inputs: string; published_at: Date | null; published_by: string | null }> =
        await tx.query(`SELECT inputs, published_at, published_by FROM bulletin WHERE id = $1 FOR UPDATE`, [
          id,
        ]);
      const row = rows[0];
      if (!row) throw bulletinNotFound(id);
      if (row.published_at) {
        throw new DubanError(
          ErrorKind.Conflict,
          'bulletin.already-published',
          `Bulletin ${id} is published`,
          {
            publishedAt: row.published_at.toISOString(),
            publishedBy: row.published_by,
          },
        );
      }
      if ((JSON.parse(row.inputs) as Partial<BulletinInputs>).targetModel !== TARGET_MODEL) {
        throw new DubanError(
          ErrorKind.Conflict,
          'bulletin.earlier-target-model',
          `Bulletin ${id} was made under the earlier target model (exact '=' targets, no baselines); ` +
            'it is not published to units (decision 0018)',
        );
      }
      const publishedAt = new Date().toISOString();
      await tx.query(`UPDATE bulletin SET published_at = $2, published_by = $3 WHERE id = $1`, [
        id,
        publishedAt,
        context.actor.userId,
      ]);
      await this.ledger.appendNext(tx, {
        caseType: BULLETIN_CASE_TYPE,
        caseId: id,
        actor: context.actor,
        action: 'publish-bulletin',
        reason: null,
        stateBefore: { published: false },
        stateAfter: { published: true, publishedAt, publishedBy: context.actor.userId },
        occurredAt: publishedAt,
        workflowId: id,
        runId: NO_WORKFLOW_RUN,
        requestId: context.requestId,
      });
      return { id, publishedAt, publishedBy: context.actor.userId };
    });
  }

  /**
   * A unit's reading of a bulletin. Unit staff read their own unit in a published bulletin only (an
   * unpublished one does not exist for them); county-wide roles may read any unit in any bulletin.
   */
  async unitView(
    id: string,
    actor: Actor,
    unitId?: string,
  ): Promise<UnitBulletinView & { publishedAt: string | null }> {
    const county = COUNTY_WIDE_ROLES.includes(actor.role);
    const rows: Array<{ inputs: string; published_at: Date | null }> = await this.dataSource.query(
      `SELECT inputs, published_at FROM bulletin WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row || (!county && !row.published_at)) throw bulletinNotFound(id);
    const bulletin = rebuiltBulletin(JSON.parse(row.inputs) as BulletinInputs);
    if (!bulletin) throw bulletinNotFound(id);
    const view = unitBulletinView(bulletin, county ? (unitId ?? actor.unitId) : actor.unitId);
    return { ...view, publishedAt: row.published_at?.toISOString() ?? null };
  }

  /**
   * The frozen score when approved; otherwise computed now from the current records (a draft). County-wide
   * roles read every unit; unit staff their own unit's score and lines only, so a township sees why it
   * lost points without reading another unit's breakdown or score (the published bulletin ranks units on
   * attainment, not on this score).
   */
  async assessment(year: number, actor: Actor): Promise<AssessmentView> {
    const view = (await this.approved(year)) ?? (await this.draft(year));
    if (COUNTY_WIDE_ROLES.includes(actor.role)) return view;
    return { ...view, units: view.units.filter((u) => u.unitId === actor.unitId) };
  }

  /**
   * Freezes the year's score as 食安委 approved it: stored once (append-only), ledgered with who
   * recorded it and the committee's decision and day. A frozen score does not change.
   */
  async approve(year: number, input: ApprovalInput, context: StepContext): Promise<AssessmentView> {
    if (!yearIsOver(year, localDateOf(new Date().toISOString()))) {
      throw new DubanError(
        ErrorKind.Conflict,
        'assessment.year-not-over',
        `${year} is not over: the annual score is approved after the year ends`,
      );
    }
    const { from: campaignFrom, to: campaignTo } = (await this.reader.activePlan()).plan.campaign.period;
    if (yearBeforeCampaign(year, campaignFrom)) {
      throw new DubanError(
        ErrorKind.Conflict,
        'assessment.before-campaign',
        `${year} ends before the campaign starts (${campaignFrom}): it has no score of the campaign to approve`,
        { year, campaignFrom },
      );
    }
    if (yearAfterCampaign(year, campaignTo)) {
      throw new DubanError(
        ErrorKind.Conflict,
        'assessment.after-campaign',
        `${year} begins after the campaign ends (${campaignTo}): it has no score of the campaign to approve`,
        { year, campaignTo },
      );
    }
    if (input.approvedOn < `${year + 1}-01-01`) {
      throw new DubanError(ErrorKind.Validation, 'assessment.invalid-approval', 'Invalid approval', {}, [
        {
          path: 'approvedOn',
          message: `the committee approves ${year}'s score after the year, not on ${input.approvedOn}`,
        },
      ]);
    }
    const draft = await this.draft(year);
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [assessmentCaseId(year)]);
      const existing: unknown[] = await tx.query(`SELECT 1 FROM assessment_approval WHERE year = $1`, [year]);
      if (existing.length > 0) {
        throw new DubanError(
          ErrorKind.Conflict,
          'assessment.already-approved',
          `The ${year} score is already approved and frozen`,
        );
      }
      const rows: Array<{ recorded_at: Date }> = await tx.query(
        `INSERT INTO assessment_approval (year, label, plan_version, policy_version, committee_decision,
           approved_on, approved_by, scores)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING recorded_at`,
        [
          year,
          JSON.stringify(draft.label),
          draft.planVersion,
          draft.policyVersion,
          input.committeeDecision,
          input.approvedOn,
          context.actor.userId,
          JSON.stringify(draft.units),
        ],
      );
      const approval = {
        committeeDecision: input.committeeDecision,
        approvedOn: input.approvedOn,
        approvedBy: context.actor.userId,
        recordedAt: rows[0].recorded_at.toISOString(),
      };
      await this.ledger.appendNext(tx, {
        caseType: ASSESSMENT_CASE_TYPE,
        caseId: assessmentCaseId(year),
        actor: context.actor,
        action: 'approve-assessment',
        reason: input.committeeDecision,
        stateBefore: { status: 'draft' },
        stateAfter: {
          status: 'approved',
          ...approval,
          planVersion: draft.planVersion,
          policyVersion: draft.policyVersion,
          scores: draft.units.map((u) => ({ unitId: u.unitId, score: u.score, grade: u.grade })),
        },
        occurredAt: approval.recordedAt,
        workflowId: assessmentCaseId(year),
        runId: NO_WORKFLOW_RUN,
        requestId: context.requestId,
      });
      return { ...draft, status: 'approved' as const, approval };
    });
  }

  private async draft(year: number): Promise<AssessmentView> {
    const inputs = await this.reader.assessmentInputs(year);
    const { assessment, version } = this.reader.policy;
    return {
      year,
      label: assessment.label,
      status: 'draft',
      planVersion: inputs.planVersion,
      policyVersion: version,
      approval: null,
      units: scoreUnits(assessment, inputs),
    };
  }

  private async approved(year: number): Promise<AssessmentView | null> {
    const rows: Array<{
      label: string;
      plan_version: number;
      policy_version: string;
      committee_decision: string;
      approved_on: string;
      approved_by: string;
      recorded_at: Date;
      scores: string;
    }> = await this.dataSource.query(
      `SELECT label, plan_version, policy_version, committee_decision, approved_on::text AS approved_on,
         approved_by, recorded_at, scores FROM assessment_approval WHERE year = $1`,
      [year],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      year,
      label: JSON.parse(row.label) as AssessmentView['label'],
      status: 'approved',
      planVersion: row.plan_version,
      policyVersion: row.policy_version,
      approval: {
        committeeDecision: row.committee_decision,
        approvedOn: row.approved_on,
        approvedBy: row.approved_by,
        recordedAt: row.recorded_at.toISOString(),
      },
      units: JSON.parse(row.scores) as AssessmentView['units'],
    };
  }
}
