import { type CaseRunLimit } from './case-run.js';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { type FileRecord } from './file-record.js';
import { type Actor, type StepContext } from './identity.js';
import { type LedgerStep } from './ledger.js';
import { type NoticesRecorded, type NotifyRequest } from './notification.contracts.js';
import { type ReferralLink } from './referral.contracts.js';
import { type HazardSubject } from './subject.contracts.js';

/** A hazard (隐患) on the ledger, supervised until closed (挂账督办 → 销号); docs/domain.md §3.1. */
export const RISK_ITEM_CASE_TYPE = 'risk-item';
export const RISK_ITEM_ID_PREFIX = 'FX';
export const RISK_ITEM_ID_PATTERN = /^FX-\d{4}-\d{6}$/;
export const riskItemWorkflowId = (riskItemId: string) => `${RISK_ITEM_CASE_TYPE}/${riskItemId}`;

export enum RiskSource {
  Inspection = 'inspection', // 监督检查
  Sampling = 'sampling', // 抽检
  Complaint = 'complaint', // 投诉举报
  Whistleblower = 'whistleblower', // 内部吹哨
  Monitoring = 'monitoring', // 风险监测
  Media = 'media', // 舆情
  HigherLevel = 'higher-level', // 上级交办
}

export enum RiskGrade {
  General = 'general', // 一般
  Major = 'major', // 较大
  Critical = 'critical', // 重大
}

export enum RiskItemStatus {
  Registered = 'registered',
  Assigned = 'assigned',
  Rectifying = 'rectifying',
  Submitted = 'submitted',
  Suspended = 'suspended',
  Closed = 'closed',
  Cancelled = 'cancelled',
}

export enum RiskItemStep {
  Assign = 'assign',
  StartRectification = 'start-rectification',
  SubmitRectification = 'submit-rectification',
  Accept = 'accept',
  Reject = 'reject',
  Suspend = 'suspend',
  Resume = 'resume',
  Cancel = 'cancel',
  Replan = 'replan',
  MarkCriminalThreshold = 'mark-criminal-threshold',
}

/** The item's subject: a registered business, or one of the kinds without a credit code. */
export type TargetBusiness = HazardSubject;

export interface EvidenceFile extends FileRecord {
  /** Evidence before or after rectification (整改前/整改后). */
  stage: 'before' | 'after';
}

/** A due date with the rule that produced it, as shown to users. */
export interface PlannedDeadline {
  dueAt: string;
  /** When the reminder goes out; null when the period is shorter than the reminder lead. */
  reminderAt: string | null;
  rule: { en: string; zh: string };
  policyVersion: string;
}

export interface Rectification {
  measures: string;
  evidence: EvidenceFile[];
  submittedBy: string;
  submittedAt: string;
}

export interface Verification {
  result: 'accepted' | 'rejected';
  reason: string | null;
  verifiedBy: string;
  verifiedAt: string;
}

export interface RiskItemState {
  id: string;
  source: RiskSource;
  sourceDate: string;
  actionNo: number;
  business: TargetBusiness;
  description: string;
  grade: RiskGrade;
  status: RiskItemStatus;
  registeredBy: string;
  registeringUnitId: string;
  registeredAt: string;
  responsibleUnitId: string | null;
  responsibleUserId: string | null;
  /** The current rectification deadline (null before assignment). */
  deadline: PlannedDeadline | null;
  reminderSent: boolean;
  overdue: boolean;
  /** Verification deadline after a submission. */
  verificationDueAt: string | null;
  verificationReminded: boolean;
  /** While suspended: the status to return to and the time left on the clock. */
  suspension: {
    resumeTo: RiskItemStatus;
    remainingMs: number;
    reminderLeadMs: number | null;
    since: string;
  } | null;
  rectification: Rectification | null;
  verifications: Verification[];
  round: number;
  cancelReason: string | null;
  closedAt: string | null;
  reopenOf: string | null;
  sequence: number;
  /**
   * The 以罚代刑 guard (R art. 11): the item meets the criminal threshold, the referral recorded for it
   * and whether it closed on an administrative outcome alone. Absent on items older than the guard.
   */
  criminalThreshold?: { markedBy: string; markedAt: string; reason: string };
  referral?: ReferralLink;
  administrativeOnly?: boolean;
  /** Copied from the policy at registration; absent on older items (supervisors only). */
  verificationDelegation?: VerificationDelegation;
}

/**
 * Verification (销号) of the grades named here may be done by the head of the item's responsible unit
 * (the township or department) besides the county supervisors, who keep every other grade.
 */
export interface VerificationDelegation {
  grades: RiskGrade[];
}

export interface RiskItemView extends RiskItemState {
  allowedSteps: RiskItemStep[];
}

export interface RegisterRiskItemInput {
  id: string;
  source: RiskSource;
  sourceDate: string;
  actionNo: number;
  business: TargetBusiness;
  description: string;
  grade: RiskGrade;
  reopenOf: string | null;
  /** The delegation of verification in force at registration (policy data). */
  verificationDelegation?: VerificationDelegation;
  context: StepContext;
}

/** What the workflow starts from: a new registration, or the state carried over by continue-as-new. */
export type RiskItemWorkflowInput = ({ registration: RegisterRiskItemInput } | { continued: RiskItemState }) &
  CaseRunLimit;

/**
 * A day-based deadline the API planned for the step, under the policy and holiday table in force, on
 * the Asia/Shanghai day `on`. The workflow takes it only for a step taken on that same day (a day clock
 * depends on nothing but its start day), so it is the deadline the workflow would have planned itself,
 * without a local activity and the activation after it. Absent: the workflow plans it.
 */
export interface DeadlinePlannedAtTheEdge {
  on: string;
  deadline: PlannedDeadline;
}

export interface AssignRiskItemInput {
  context: StepContext;
  responsibleUnitId: string;
  responsibleUserId: string | null;
  /** The rectification deadline. */
  planned?: DeadlinePlannedAtTheEdge;
}
export interface SubmitRectificationInput {
  context: StepContext;
  measures: string;
  evidence: EvidenceFile[];
  /** The verification deadline. */
  planned?: DeadlinePlannedAtTheEdge;
}
export interface VerifyRectificationInput {
  context: StepContext;
  result: 'accepted' | 'rejected';
  /** A rejection's new rectification deadline. */
  planned?: DeadlinePlannedAtTheEdge;
}
/** Steps that carry nothing but who and why (start, suspend, resume, cancel). */
export interface PlainStepInput {
  context: StepContext;
}
export interface ReplanRiskItemInput {
  context: StepContext;
  /** An explicit new due instant; omitted → recomputed from the current policy. */
  dueAt: string | null;
  /** Without `dueAt`: the recomputed rectification deadline. */
  planned?: DeadlinePlannedAtTheEdge;
}

export const riskItemRegisteredUpdate = defineUpdate<RiskItemView, [Actor]>('riskItemRegistered');
export const assignRiskItemUpdate = defineUpdate<RiskItemView, [AssignRiskItemInput]>('assignRiskItem');
export const startRectificationUpdate = defineUpdate<RiskItemView, [PlainStepInput]>('startRectification');
export const submitRectificationUpdate = defineUpdate<RiskItemView, [SubmitRectificationInput]>(
  'submitRectification',
);
export const verifyRectificationUpdate = defineUpdate<RiskItemView, [VerifyRectificationInput]>(
  'verifyRectification',
);
export const suspendRiskItemUpdate = defineUpdate<RiskItemView, [PlainStepInput]>('suspendRiskItem');
export const resumeRiskItemUpdate = defineUpdate<RiskItemView, [PlainStepInput]>('resumeRiskItem');
export const cancelRiskItemUpdate = defineUpdate<RiskItemView, [PlainStepInput]>('cancelRiskItem');
export const replanRiskItemUpdate = defineUpdate<RiskItemView, [ReplanRiskItemInput]>('replanRiskItem');
/** The item meets the criminal threshold (a reason is required); its close then needs a referral. */
export const markCriminalThresholdUpdate = defineUpdate<RiskItemView, [PlainStepInput]>(
  'markCriminalThreshold',
);
/** Sent by the referral context when a referral from this item is recorded, or refused by the head. */
export const riskItemReferralSignal = defineSignal<[ReferralLink]>('riskItemReferral');
export const riskItemStateQuery = defineQuery<RiskItemView, [Actor | undefined]>('riskItemState');

/** Which clock a deadline is planned for. */
export type DeadlinePurpose = 'rectification' | 'verification';

export interface PlanDeadlineRequest {
  purpose: DeadlinePurpose;
  grade: RiskGrade;
  /** The instant the clock starts. */
  from: string;
}

/** An overdue item, for the colour-card process to turn into a card. */
export interface EscalationEvent {
  key: string;
  caseType: string;
  caseId: string;
  unitId: string;
  reason: 'risk-item-overdue';
  occurredAt: string;
}

export interface RiskItemActivities {
  /**
   * Records the step; the notices that go with it (runs since `notices-recorded-with-the-step`) reach
   * the inbox in the same transaction; the item starts their outbound deliveries when the record says
   * one has a target (after a human step's answer).
   */
  recordRiskItemStep(
    step: LedgerStep<RiskItemState>,
    escalation: EscalationEvent | null,
    notices?: NotifyRequest[],
  ): Promise<NoticesRecorded>;
  planRiskItemDeadline(request: PlanDeadlineRequest): Promise<PlannedDeadline>;
}

export type { NotifyRequest };
