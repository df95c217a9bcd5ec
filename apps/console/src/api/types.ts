// Shapes of the API's answers the console reads. The case states are the engine's own contract types
// (type-only imports: nothing of the engine is bundled); list envelopes and views are declared here.
export type {
  RiskItemView,
  RiskItemState,
  RiskItemStep,
} from '../../../../libs/contracts/src/risk-item.contracts';
export type { CardView, CardLevelReached } from '../../../../libs/contracts/src/card.contracts';
export type {
  ReferralView,
  ReferralClockRun,
  ReferralDocument,
  ReferralStep,
} from '../../../../libs/contracts/src/referral.contracts';
export type {
  BulletinSummary,
  MonthlyDispatchResult,
  ReportRequestView,
} from '../../../../libs/contracts/src/reporting.contracts';
import type {
  BulletinRunResult,
  MonthlyDispatchResult,
} from '../../../../libs/contracts/src/reporting.contracts';
export type { DirectiveView } from '../../../../libs/contracts/src/directive.contracts';
import type { BulletinTable } from '../../../../libs/reporting/src/domain/bulletin-tables';
export type { BulletinTable };
export type {
  ComplaintCaseView,
  ComplaintClockRun,
  ComplaintDetail,
} from '../../../../libs/contracts/src/complaint.contracts';
import type { ComplaintFiguresRow } from '../../../../libs/contracts/src/complaint.contracts';
import type { StepMismatch } from '../../../../libs/audit/src/domain/replay-comparison';

export type Role = 'handler' | 'unit_head' | 'supervisor' | 'leader' | 'police_liaison' | 'auditor' | 'admin';

/** GET /auth/me */
export interface Person {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  /** After an admin reset: every other route answers 403 until the person picks a password. */
  mustChangePassword: boolean;
}

/** GET /auth/methods: single sign-on is offered by its configured name, or null when it is off. */
export interface SignInMethods {
  password: boolean;
  singleSignOn: { label: string } | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
  limit: number;
  offset: number;
}

/** GET /staff: the staff directory, the names that go with the ids the ledger and the cases record. */
export interface StaffEntry {
  id: string;
  displayName: string;
  role: Role;
  unitId: string;
  /** false: deactivated, still listed for the steps they took. */
  active: boolean;
}

export interface Unit {
  id: string;
  nameZh: string;
  /** Null: none given (it is optional). */
  nameEn: string | null;
  kind: string;
  /** Null for a top-level unit. */
  parentId: string | null;
  /** A deactivated unit is kept (cases refer to it) but takes no new people or work. */
  active: boolean;
  /** When it was last deactivated; null while in use (and for one retired before this was kept). */
  retiredAt: string | null;
  isSample?: boolean;
}

export interface LedgerEntry {
  sequence: number;
  action: string;
  actor: { userId: string; role: string; unitId: string };
  reason: string | null;
  occurredAt: string;
  /** `risk-item/FX-2026-000001`: its first part is the case type, which names the steps. */
  workflowId: string;
  hash: string;
  prevHash: string;
  stateAfter?: unknown;
}

export interface BulletinRecord {
  id: string;
  quarter: string;
  cutoff: string;
  planVersion: number;
  htmlSha256: string;
  laggingUnits: string[];
  /** GET /bulletins only: units asked for an indicator that reported no value (未报送); null for an earlier target model's. */
  unreportedUnits?: string[] | null;
  createdAt: string;
  /** Null until a supervisor publishes it to the units. */
  publishedAt: string | null;
  publishedBy: string | null;
}

/** GET /bulletins/{id}/unit-view: one unit's reading of a bulletin. */
export interface UnitBulletinView {
  unitId: string;
  publishedAt: string | null;
  own: {
    /** Shared by units tied on the ranking's figures (1, 1, 3); null for a unit answering for no indicator. */
    rank: number | null;
    attainment: number | null;
    laggingIndicators: number;
    reports: { requested: number; submitted: number; missed: number };
    riskItems: { opened: number; closed: number; overdue: number };
  } | null;
  indicators: Array<{
    actionNo: number;
    indicatorId: string;
    nameZh: string;
    path: number;
    actual: number | null;
    gap: number | null;
    lagging: boolean;
  }>;
  ranking: Array<{
    rank: number | null;
    unitId: string;
    nameZh: string;
    attainment: number | null;
    laggingIndicators: number;
  }>;
  /** The document's sentence on the units behind and those that did not report; bulletins of layout 4 only. */
  catchUpZh?: string;
}

export interface BulletinDetail extends BulletinRecord {
  inputs: {
    units: Array<{ id: string; nameZh: string }>;
    actions: Array<{ number: number; nameZh: string; leadUnits: string[] }>;
  };
}

export interface PlanVersion {
  version: number;
  sha256: string;
  documentNo: string;
  loadedBy: string;
  loadedAt: string;
  reason: string;
}

/** A problem of a plan file, with where it is (422 plan.invalid). */
export interface PlanProblem {
  path: string;
  message: string;
  line: number;
  column: number;
}

export interface AuditTimelineEntry {
  at: string;
  source: 'ledger' | 'temporal';
  kind: string;
  summary: string;
  actor: { userId: string; role: string; unitId: string };
  reason: string | null;
  sequence: number | null;
}

export interface AuditTimeline {
  caseId: string;
  caseType: string;
  items: AuditTimelineEntry[];
  page: number;
  pageSize: number;
  total: number;
}

export interface AuditState {
  sequence: number;
  action: string;
  occurredAt: string;
  state: unknown;
}

export interface AuditDiff {
  changes: Array<{ path: string; op: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }>;
}

export interface ChainVerdict {
  intact: boolean;
  entries: number;
  head?: string;
  brokenAt?: number;
  reason?: string;
}

export interface ReplayVerdict {
  deterministic: boolean;
  replayedSteps: number;
  ledgerEntries: number;
  firstMismatch: StepMismatch | null;
  finalStateMatches: boolean;
  reproduced: boolean;
  runs: Array<{ runId: string; deterministic: boolean; error: string | null }>;
}

export type { StoredPlan, Indicator, IndicatorTarget } from '../../../../libs/contracts/src/plan.contracts';
export type { AssessmentView } from '../../../../libs/reporting/src/domain/publication';
export type {
  UnitScore,
  ScoreLine,
  StoredScoreLine,
  StoredUnitScore,
} from '../../../../libs/reporting/src/domain/assessment';

/** GET /me/notifications */
export interface NotificationView {
  id: string;
  kind: string;
  caseType: string;
  caseId: string;
  unitId: string;
  title: string;
  body: string;
  occurredAt: string;
  createdAt: string;
  readAt: string | null;
}

/** GET /reporting/schedules */
export interface ReportingScheduleView {
  cycle: string;
  scheduleId: string;
  paused: boolean;
  nextRuns: string[];
  recentRuns: Array<{ scheduledAt: string; workflowId: string }>;
  /** Newest first, from the ledger. */
  runsByHand: CycleRunByHand[];
}

/** A cycle run a person started now or over past days, with who and why. */
export type CycleRunByHand = {
  cycle: string;
  at: string;
  by: { userId: string; role: string; unitId: string };
  reason: string;
} & ({ kind: 'trigger'; workflowId: string } | { kind: 'backfill'; from: string; to: string });

/** POST /reporting/schedules/{cycle}/trigger: what the run did. */
export type TriggeredRun = { workflowId: string } & (
  | { cycle: 'monthly-dispatch'; result: MonthlyDispatchResult }
  | { cycle: 'quarterly-bulletin'; result: BulletinRunResult }
);

/** GET /bulletins/{id}/tables */
export interface BulletinTables {
  id: string;
  quarter: string;
  tables: BulletinTable[];
}

/** GET /webhooks (the secret is never returned) */
export interface WebhookSubscription {
  id: string;
  name: string;
  url: string;
  kinds: string[];
  unitId: string | null;
  active: boolean;
  createdBy: string;
  createdAt: string;
}

/** GET /webhooks/{id}/deliveries */
/** What a test message to a webhook receiver came to (`POST /webhooks/:id/test`). */
export interface WebhookTest {
  delivery: string;
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDelivery {
  id: string;
  key: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  firstAttemptAt: string;
  deliveredAt: string | null;
}

/** GET /complaints/figures: counts per handling unit and campaign action, never anything of a reporter. */
export interface ComplaintFigures {
  from: string;
  to: string;
  rows: ComplaintFiguresRow[];
}

/** POST /complaints/{id}/reveal-requests/{n}/reveal: shown once, kept in the page's memory only. */
export interface RevealedIdentity {
  complaintId: string;
  revealId: number;
  identity: {
    name: string | null;
    phone: string | null;
    idNumber: string | null;
    contact: string | null;
  } | null;
}
