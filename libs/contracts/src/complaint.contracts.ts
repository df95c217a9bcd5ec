import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { type FileRecord } from './file-record.js';
import { type Actor, type StepContext } from './identity.js';
import { type LedgerStep } from './ledger.js';

/**
 * Complaints (投诉), public reports (举报) and insider whistleblowers (内部吹哨人). The reporter's identity
 * never appears here: it lives sealed in its own table, and workflows, ledger and search attributes
 * carry a pseudonym only (architecture rule 8).
 */
export const COMPLAINT_CASE_TYPE = 'complaint';
export const COMPLAINT_ID_PREFIX = 'TJ';
export const COMPLAINT_ID_PATTERN = /^TJ-\d{4}-\d{6}$/;
export const complaintWorkflowId = (complaintId: string) => `${COMPLAINT_CASE_TYPE}/${complaintId}`;

/** 投诉: a consumer's own loss; 举报: a violation reported by anyone. */
export enum ComplaintCategory {
  Complaint = 'complaint',
  Report = 'report',
}

export enum ComplaintStatus {
  /** Received; a complaint waits to be accepted, a report to be verified. */
  Received = 'received',
  /** A complaint accepted for handling. */
  Accepted = 'accepted',
  /** The outcome is decided; a named reporter must still be told of it. */
  Decided = 'decided',
  /** The reporter knows the outcome (or is anonymous); a reward may still be under way. */
  Concluded = 'concluded',
  Closed = 'closed',
}

export enum ComplaintStep {
  Accept = 'accept',
  Refuse = 'refuse',
  ExtendVerification = 'extend-verification',
  Ask = 'ask',
  Answer = 'answer',
  Decide = 'decide',
  InformReporter = 'inform-reporter',
  ProposeReward = 'propose-reward',
  ApproveReward = 'approve-reward',
  ClaimReward = 'claim-reward',
  RecordPayout = 'record-payout',
  Close = 'close',
  RequestReveal = 'request-reveal',
  ApproveReveal = 'approve-reveal',
  Reveal = 'reveal',
  RecordRetaliation = 'record-retaliation',
}

/** Steps the reporter takes through the public routes (receipt code and secret), not a case worker. */
export const REPORTER_STEPS: readonly ComplaintStep[] = [ComplaintStep.Answer, ComplaintStep.ClaimReward];

export enum ComplaintClock {
  /** Accept or refuse a complaint: 7 wd (C art. 14). */
  Acceptance = 'acceptance',
  /** Verify a report's lead: 15 wd (A art. 18). */
  Verification = 'verification',
  /** The verification period extended with recorded approval: 15 + 15 wd from receipt. */
  VerificationExtended = 'verification-extended',
  /** Tell a named reporter of the decision: 5 wd (C art. 31). */
  OutcomeNotice = 'outcome-notice',
}

/** One statutory clock as it ran on a case: due time, reminder, the rule that produced it and its basis. */
export interface ComplaintClockRun {
  clock: ComplaintClock;
  startedAt: string;
  dueAt: string;
  reminderAt: string | null;
  rule: { en: string; zh: string };
  /** The rule cited by its code in docs/regulations.md (C art. 14), for scripts. */
  basis: string;
  /**
   * The rule as the regulation names it (《市场监督管理投诉举报处理暂行办法》第十四条). Absent on clocks
   * planned before 2026-12-03; the API's case view gives them theirs from the policy where it cites
   * the same basis.
   */
  basisZh?: string;
  policyVersion: string;
  remindedAt: string | null;
  stoppedAt: string | null;
  expiredAt: string | null;
}

export type PlannedComplaintClock = Omit<ComplaintClockRun, 'remindedAt' | 'stoppedAt' | 'expiredAt'>;

export enum ComplaintOutcomeKind {
  RiskItem = 'risk-item',
  Referral = 'referral',
  Merged = 'merged',
  Transferred = 'transferred',
  Closed = 'closed',
  /** A complaint refused at acceptance (C art. 14). */
  Refused = 'refused',
}

export interface ComplaintOutcome {
  kind: ComplaintOutcomeKind;
  /** The risk item, referral or case it became or was merged into; the authority it went to. */
  ref: string | null;
  reason: string;
  /** The lead proved true (a report is 'verified'; a reward may follow). */
  substantiated: boolean;
  decidedBy: string;
  decidedAt: string;
}

/** The business the report is about. Street stalls, workshops and farms have no credit code. */
export interface ReportedBusiness {
  name: string;
  creditCode: string | null;
  address: string | null;
}

export interface ComplaintQuestion {
  id: number;
  question: string;
  askedBy: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

export enum RewardGrade {
  First = 'first',
  Second = 'second',
  Third = 'third',
}

export enum RewardStatus {
  Proposed = 'proposed',
  Approved = 'approved',
  Claimed = 'claimed',
  Paid = 'paid',
}

export interface RewardRecord {
  status: RewardStatus;
  grade: RewardGrade;
  /** Fines and confiscations (or the goods' value) the reward is a share of, in fen. */
  basisFen: number;
  insider: boolean;
  /** How many joint reporters share the reward (the first named on the receipt claims it). */
  reporters: number;
  approvedAboveCap: boolean;
  amountFen: number;
  perReporterFen: number[];
  explanation: string;
  /**
   * The arithmetic in Chinese, the regulation by its name. Absent on rewards proposed before
   * 2026-12-03; the API's case view gives them theirs when the policy version they were computed under
   * is in force.
   */
  explanationZh?: string;
  policyVersion: string;
  proposedBy: string;
  proposedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  claimedAt: string | null;
  payout: { reference: string; paidBy: string; paidAt: string } | null;
}

export interface RevealRequest {
  id: number;
  requestedBy: string;
  reason: string;
  requestedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  revealedAt: string | null;
}

export enum RetaliationKind {
  Dismissal = 'dismissal',
  Demotion = 'demotion',
  PayCut = 'pay-cut',
  Harassment = 'harassment',
  Other = 'other',
}

export interface RetaliationRecord {
  kind: RetaliationKind;
  description: string;
  occurredOn: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ComplaintState {
  id: string;
  category: ComplaintCategory;
  status: ComplaintStatus;
  /** The unit that handles it (policy data: the market regulator by default). */
  unitId: string;
  actionNo: number;
  business: ReportedBusiness;
  /** Reports about the same business share this key (credit code, else the normalised name). */
  groupKey: string;
  what: string;
  occurredOn: string | null;
  place: string | null;
  evidence: FileRecord[];
  /** Named or anonymous; the name itself is sealed. */
  named: boolean;
  /** Someone can be reached: a named reporter, or an anonymous one holding the receipt and secret. */
  traceable: boolean;
  /** A case worker's handle on the reporter; says nothing about who it is. */
  pseudonym: string;
  insider: boolean;
  /** The insider's employer (a business, not a person): the retaliation watch looks at it. */
  employer: string | null;
  receivedAt: string;
  questions: ComplaintQuestion[];
  acceptance: { accepted: boolean; by: string; at: string; reason: string | null } | null;
  extension: { approvedBy: string; requestedBy: string; at: string; reason: string } | null;
  outcome: ComplaintOutcome | null;
  informedAt: string | null;
  reward: RewardRecord | null;
  reveals: RevealRequest[];
  retaliation: RetaliationRecord[];
  clocks: ComplaintClockRun[];
  overdue: boolean;
  closedAt: string | null;
  sequence: number;
}

export interface ComplaintView extends ComplaintState {
  allowedSteps: ComplaintStep[];
}

/** An approval or a reveal this caller may take now on one reveal request. */
export interface RevealStep {
  revealId: number;
  step: ComplaintStep.ApproveReveal | ComplaintStep.Reveal;
}

/** A complaint as this caller sees it in a list: the pseudonym, never the identity; its steps now. */
export interface ComplaintCaseView extends ComplaintView {
  /** Reveal requests this caller may approve or (its own, approved) reveal now. */
  revealSteps: RevealStep[];
  /** When the unit's next statutory step is due (the earliest running clock); null when none runs. */
  dueAt: string | null;
}

/** One complaint as a case worker opens it, with its repeat reports. */
export interface ComplaintDetail extends ComplaintCaseView {
  /** Other reports about the same business, oldest first (repeat reports are grouped). */
  sameBusiness: Array<{ id: string; status: string; receivedAt: string }>;
  /** The cards recorded retaliation raised on the handling unit, oldest first (card status). */
  retaliationCards: Array<{ id: string; status: string; raisedAt: string }>;
}

/** What a reporter sees with receipt code and secret: status and questions, nothing else. */
export interface ReporterView {
  category: ComplaintCategory;
  status: ComplaintStatus;
  receivedAt: string;
  questions: Array<Pick<ComplaintQuestion, 'id' | 'question' | 'askedAt' | 'answer' | 'answeredAt'>>;
  outcome: { kind: ComplaintOutcomeKind; decidedAt: string } | null;
  reward: { status: RewardStatus; amountFen: number } | null;
}

/** What the intake hands the new case: the state's own fields as received, and the request. */
export type ReceiveComplaintInput = Pick<
  ComplaintState,
  | 'id'
  | 'category'
  | 'unitId'
  | 'actionNo'
  | 'business'
  | 'groupKey'
  | 'what'
  | 'occurredOn'
  | 'place'
  | 'evidence'
  | 'named'
  | 'traceable'
  | 'pseudonym'
  | 'insider'
  | 'employer'
> & { requestId: string };

export type ComplaintWorkflowInput = { received: ReceiveComplaintInput } | { continued: ComplaintState };

/** One input shape for every step: who and why, plus the fields the step needs. */
export interface ComplaintStepInput {
  /** Absent on the reporter's own steps. */
  context: StepContext | null;
  requestId: string;
  reason?: string;
  question?: string;
  questionId?: number;
  answer?: string;
  /** The second person who approved the verification extension. */
  approvedBy?: string;
  outcome?: { kind: ComplaintOutcomeKind; ref: string | null; substantiated: boolean };
  reward?: Omit<
    RewardRecord,
    'status' | 'proposedBy' | 'proposedAt' | 'approvedBy' | 'approvedAt' | 'claimedAt' | 'payout'
  >;
  /** Eligibility facts the edge establishes for a reward: the earliest report of the violation… */
  firstReporter?: boolean;
  /** …and whether the reporter is an official with a duty to report. */
  officialOnDuty?: boolean;
  payoutReference?: string;
  revealId?: number;
  retaliation?: { kind: RetaliationKind; description: string; occurredOn: string };
}

export const complaintReceivedUpdate = defineUpdate<ComplaintView, [Actor | null]>('complaintReceived');
export const complaintStepUpdate = defineUpdate<ComplaintView, [ComplaintStep, ComplaintStepInput]>(
  'complaintStep',
);
export const complaintStateQuery = defineQuery<ComplaintView, [Actor | null]>('complaintState');

/** A clock ran out, or retaliation was recorded: the handling unit gets a card. */
export interface ComplaintEscalation {
  key: string;
  caseId: string;
  unitId: string;
  reason: string;
  occurredAt: string;
}

export interface PlanComplaintClockRequest {
  clock: ComplaintClock;
  from: string;
}

export interface ComplaintActivities {
  recordComplaintStep(
    step: LedgerStep<ComplaintState>,
    escalation: ComplaintEscalation | null,
  ): Promise<void>;
  planComplaintClock(request: PlanComplaintClockRequest): Promise<PlannedComplaintClock>;
}

/** One row of the bulletin's complaint figures: per handling unit and campaign action. Counts only. */
export interface ComplaintFiguresRow {
  unitId: string;
  actionNo: number;
  received: number;
  /** Reports whose lead proved true. */
  verified: number;
  /** Became a risk item or a criminal referral. */
  converted: number;
  rewardsPaid: number;
  rewardsPaidFen: number;
  /** Median calendar days from receipt to acceptance (complaints), to the decision, and from it to the notice. */
  medianDaysToAcceptance: number | null;
  medianDaysToDecision: number | null;
  medianDaysToNotice: number | null;
}
