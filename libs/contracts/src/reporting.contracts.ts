import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { type Actor, type StepContext } from './identity.js';
import { type LedgerStep } from './ledger.js';
import { type LocalDateString, type MeasureUnit } from './plan.contracts.js';
import { type PlannedDeadline } from './risk-item.contracts.js';
import { ReportingCycle } from './reporting-cycle.js';

/**
 * Reporting cycles (月调度、季通报、年考核), docs/domain.md §3.4. A report request (a monthly progress report of
 * one lead unit on one action, or a dated deliverable) is a case with its own workflow.
 */
export const REPORT_REQUEST_CASE_TYPE = 'report-request';
/**
 * Deterministic, so a re-run or backfilled dispatch never opens the same request twice:
 * `BS-<period>-<unit>-A<action>` for monthly reports, `BS-<period>-<unit>-<deliverable>` for deliverables.
 */
export const REPORT_REQUEST_ID_PATTERN = /^BS-\d{4}(-\d{2})?-[a-z0-9-]+$/;
export const reportRequestId = (period: string, unitId: string, subject: string) =>
  `BS-${period}-${unitId}-${subject}`;
export const reportRequestWorkflowId = (id: string) => `${REPORT_REQUEST_CASE_TYPE}/${id}`;

export enum ReportRequestKind {
  MonthlyReport = 'monthly-report',
  Deliverable = 'deliverable',
}

export enum ReportRequestStatus {
  Open = 'open',
  /** Past its due date without a submission; a late submission is still accepted. */
  Missed = 'missed',
  Submitted = 'submitted',
}

/** An indicator the report must give a value for, as defined in the plan version it was opened under. */
export interface ExpectedIndicator {
  id: string;
  nameZh: string;
  measure: MeasureUnit;
}

export interface IndicatorValue {
  indicatorId: string;
  value: number;
}

export interface ReportRequestOpening {
  id: string;
  kind: ReportRequestKind;
  unitId: string;
  actionNo: number | null;
  deliverableId: string | null;
  title: { zh: string; en: string };
  /** The month (`2023-03`) or year (`2023`) reported on, with its first and last day. */
  period: { label: string; from: LocalDateString; to: LocalDateString };
  planVersion: number;
  indicators: ExpectedIndicator[];
  deadline: PlannedDeadline;
}

export interface ReportSubmission {
  values: IndicatorValue[];
  /** 工作进展 (for a deliverable: the document's text or a summary of it). */
  progress: string;
  /** 存在问题. */
  problems: string;
  submittedBy: string;
  submittedAt: string;
  late: boolean;
}

export interface ReportRequestState extends ReportRequestOpening {
  status: ReportRequestStatus;
  openedAt: string;
  /** Opened after its due date had passed (a backfilled past period): missed without a card. */
  openedLate: boolean;
  reminded: boolean;
  /** A colour card (subject type missed-report) was raised when it was missed. */
  cardRaised: boolean;
  submission: ReportSubmission | null;
  sequence: number;
}

export interface ReportRequestView extends ReportRequestState {
  canSubmit: boolean;
}

export interface SubmitReportInput {
  context: StepContext;
  values: IndicatorValue[];
  progress: string;
  problems: string;
}

/** A request's history is a handful of events (open, remind, miss, submit): it never continues as new. */
export interface ReportRequestWorkflowInput {
  opening: ReportRequestOpening;
}

export const submitReportUpdate = defineUpdate<ReportRequestView, [SubmitReportInput]>('submitReport');
export const reportRequestStateQuery = defineQuery<ReportRequestView, [Actor | undefined]>(
  'reportRequestState',
);

/** What a step means for the unit's colour card about this request. */
export type ReportCardEffect = 'raise' | 'resolve' | null;

/** A scheduled cycle's run: the instant it stands for (the schedule's time, not the moment it ran). */
export interface ReportingCycleInput {
  at?: string;
}

export { ReportingCycle } from './reporting-cycle.js';

export const REPORTING_CYCLE_WORKFLOW = {
  [ReportingCycle.MonthlyDispatch]: 'monthlyDispatchWorkflow',
  [ReportingCycle.QuarterlyBulletin]: 'quarterlyBulletinWorkflow',
} as const satisfies Record<ReportingCycle, string>;

export interface MonthlyDispatchResult {
  at: string;
  period: string;
  opened: string[];
  alreadyOpen: string[];
  /** Why the run opened nothing (null when it opened something), so an empty run never passes unexplained. */
  nothingOpenedBecause?: string | null;
}

export interface BulletinSummary {
  id: string;
  quarter: string;
  cutoff: string;
  laggingUnits: string[];
  /** True when an earlier run had made the quarter's bulletin: this run stored and raised nothing. */
  alreadyGenerated?: boolean;
}

/**
 * A quarterly run that made no bulletin: the quarter it reports on ends before the campaign starts (a
 * scheduled run in the campaign's first quarter, or before it). Said in the run's result and logged.
 */
export interface NoBulletin {
  quarter: string;
  noBulletinBecause: string;
}

/** What a quarterly bulletin run did. */
export type BulletinRunResult = BulletinSummary | NoBulletin;

export interface ReportingActivities {
  recordReportRequestStep(step: LedgerStep<ReportRequestState>, card: ReportCardEffect): Promise<void>;
  /** The requests a month's dispatch opens, under the active plan and the reporting policy. */
  planMonthlyDispatch(request: { at: string }): Promise<ReportRequestOpening[]>;
  /**
   * Builds, stores and renders the bulletin of the quarter before `at`; raises cards for lagging units.
   * `runKey` (the cycle run) makes it idempotent. Nothing for a quarter before the campaign (NoBulletin).
   */
  generateQuarterlyBulletin(request: { at: string; runKey: string }): Promise<BulletinRunResult>;
}
