import { type CaseRunLimit } from './case-run.js';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { type FileRecord } from './file-record.js';
import { type Actor, type StepContext } from './identity.js';
import { type LedgerStep } from './ledger.js';

/** Criminal-case referral to the police (行刑衔接), domain.md §3.3 and regulations.md. */
export const REFERRAL_CASE_TYPE = 'referral';
export const REFERRAL_ID_PREFIX = 'YS';
export const REFERRAL_ID_PATTERN = /^YS-\d{4}-\d{6}$/;
export const referralWorkflowId = (referralId: string) => `${REFERRAL_CASE_TYPE}/${referralId}`;
/** The police unit every referral is addressed to (the county public security bureau). */
export const POLICE_UNIT_ID = 'police';

export enum LeadSource {
  RiskItem = 'risk-item',
  Inspection = 'inspection',
  Report = 'report',
}

/** Which default filing period applies: 3 d in general, 10 d for food and drug cases (F). */
export enum ReferralCategory {
  General = 'general',
  FoodDrug = 'food-drug',
}

export enum ReferralStatus {
  LeadRecorded = 'lead-recorded',
  TeamFormed = 'team-formed',
  AwaitingDecision = 'awaiting-decision',
  Approved = 'approved',
  Transferred = 'transferred',
  Received = 'received',
  Incomplete = 'incomplete',
  /** The police decided (file or not file); the written notice is due. */
  Decided = 'decided',
  Filed = 'filed',
  NotFiled = 'not-filed',
  Reconsideration = 'reconsideration',
  ReconsiderationMaintained = 'reconsideration-maintained',
  Supervision = 'supervision',
  ExplanationDue = 'explanation-due',
  Explained = 'explained',
  FilingOrdered = 'filing-ordered',
  Refused = 'refused',
  Closed = 'closed',
}

export enum ReferralStep {
  FormTeam = 'form-team',
  SubmitReport = 'submit-report',
  Decide = 'decide',
  Transfer = 'transfer',
  Receive = 'receive',
  NotifyIncomplete = 'notify-incomplete',
  CompleteFile = 'complete-file',
  ExtendFilingPeriod = 'extend-filing-period',
  DecideFiling = 'decide-filing',
  SendNotice = 'send-notice',
  RequestReconsideration = 'request-reconsideration',
  DecideReconsideration = 'decide-reconsideration',
  RequestSupervision = 'request-supervision',
  RecordProcuratorate = 'record-procuratorate',
  Explain = 'explain',
  AcceptNonFiling = 'accept-non-filing',
  HandOver = 'hand-over',
}

/** Which side takes a step or owes a clock. */
export type ReferralParty = 'regulator' | 'police';

export enum ReferralClock {
  Decision = 'decision',
  Transfer = 'transfer',
  Receipt = 'receipt',
  IncompleteNotice = 'incomplete-notice',
  Completion = 'completion',
  FilingDecision = 'filing-decision',
  FilingDecisionFoodDrug = 'filing-decision-food-drug',
  FilingDecisionMajor = 'filing-decision-major',
  FilingDecisionExtension = 'filing-decision-extension',
  DecisionNotice = 'decision-notice',
  ReconsiderationRequest = 'reconsideration-request',
  ReconsiderationDecision = 'reconsideration-decision',
  SupervisionRequest = 'supervision-request',
  PoliceExplanation = 'police-explanation',
  FilingAfterOrder = 'filing-after-order',
  Handover = 'handover',
}

/** Kinds of document a step carries; the transfer dossier must hold those the policy requires (R art. 6). */
export enum ReferralDocumentKind {
  TransferLetter = 'transfer-letter',
  InvestigationReport = 'investigation-report',
  SeizedItemsList = 'seized-items-list',
  TestReports = 'test-reports',
  OtherMaterials = 'other-materials',
  /** Copy of the transfer letter to the same-level procuratorate (F). */
  ProcuratorateCopy = 'procuratorate-copy',
  WrittenReport = 'written-report',
  Receipt = 'receipt',
  Notice = 'notice',
  Supplement = 'supplement',
  /** The agency's written request for reconsideration (复议) or filing supervision (立案监督). */
  RequestLetter = 'request-letter',
  Approval = 'approval',
  ProcuratorateDocument = 'procuratorate-document',
  Explanation = 'explanation',
  HandoverList = 'handover-list',
}

/** A document's record: its content is kept elsewhere, its hash proves which one was meant. */
export interface ReferralDocument extends FileRecord {
  kind: ReferralDocumentKind;
}

/** One statutory clock as it ran on a case: its due time, the rule that produced it and its basis. */
export interface ReferralClockRun {
  clock: ReferralClock;
  party: ReferralParty;
  /** A window closes silently (e.g. the police's 24 h to call a file incomplete); a duty escalates. */
  onExpiry: 'escalate' | 'close-window';
  startedAt: string;
  dueAt: string;
  rule: { en: string; zh: string };
  basis: string;
  sure: 'V' | 'S';
  policyVersion: string;
  /** When the step the clock waited for was taken (or the clock was superseded). */
  stoppedAt: string | null;
  expiredAt: string | null;
}

/** An approval recorded for a longer filing period (county police head, then one level up). */
export interface FilingApproval {
  level: 'county-police-head' | 'higher-police';
  approver: string;
  approvedAt: string;
  document: ReferralDocument;
}

export type ReferralOutcome =
  'refused-by-head' | 'filed-handed-over' | 'non-filing-accepted' | 'non-filing-upheld-by-procuratorate';

export interface ReferralState {
  id: string;
  source: LeadSource;
  /** The risk item, inspection record or report the lead came from. */
  sourceRef: string;
  actionNo: number;
  category: ReferralCategory;
  summary: string;
  /** The dossier checklist the case was opened under (policy data, R art. 6). */
  requiredDossier: ReferralDocumentKind[];
  status: ReferralStatus;
  unitId: string;
  recordedBy: string;
  recordedAt: string;
  /** Officers (≥2) of the case team; internal to the regulator. */
  team: { officers: string[]; formedAt: string; formedBy: string } | null;
  /** The written report to the head; internal to the regulator. */
  report: { document: ReferralDocument; submittedBy: string; submittedAt: string } | null;
  decision: { approved: boolean; reason: string | null; decidedBy: string; decidedAt: string } | null;
  transfer: { dossier: ReferralDocument[]; transferredBy: string; transferredAt: string } | null;
  receipt: { receivedBy: string; receivedAt: string; document: ReferralDocument | null } | null;
  incompleteRounds: Array<{
    notifiedAt: string;
    notifiedBy: string;
    missing: string;
    completedAt: string | null;
    documents: ReferralDocument[];
  }>;
  approvals: FilingApproval[];
  filing: { filed: boolean; decidedBy: string; decidedAt: string; reason: string | null } | null;
  notices: Array<{ filed: boolean; sentBy: string; sentAt: string; document: ReferralDocument }>;
  reconsideration: {
    requestedBy: string;
    requestedAt: string;
    decision: 'file' | 'maintain' | null;
    decidedAt: string | null;
  } | null;
  supervision: {
    requestedBy: string;
    requestedAt: string;
    events: Array<{ event: ProcuratorateEvent; recordedBy: string; at: string; document: ReferralDocument }>;
    explainedAt: string | null;
  } | null;
  handover: { documents: ReferralDocument[]; handedOverBy: string; handedOverAt: string } | null;
  clocks: ReferralClockRun[];
  /** Any clock ran out on this case. */
  overdue: boolean;
  outcome: ReferralOutcome | null;
  /** Closed administratively without a transfer (以罚代刑 flag, R art. 11). */
  administrativeOnly: boolean;
  closedAt: string | null;
  sequence: number;
}

/** What the procuratorate did, as recorded from its written documents. */
export type ProcuratorateEvent = 'explanation-requested' | 'filing-ordered' | 'reasons-accepted';

export interface ReferralView extends ReferralState {
  allowedSteps: ReferralStep[];
}

export interface RecordLeadInput {
  id: string;
  source: LeadSource;
  sourceRef: string;
  actionNo: number;
  category: ReferralCategory;
  summary: string;
  requiredDossier: ReferralDocumentKind[];
  context: StepContext;
}

export type ReferralWorkflowInput = ({ lead: RecordLeadInput } | { continued: ReferralState }) & CaseRunLimit;

/** One input shape for every step: who and why, plus the fields the step needs. */
export interface ReferralStepInput {
  context: StepContext;
  officers?: string[];
  document?: ReferralDocument;
  documents?: ReferralDocument[];
  approved?: boolean;
  filed?: boolean;
  missing?: string;
  approval?: { level: FilingApproval['level']; approver: string; document: ReferralDocument };
  reconsideration?: 'file' | 'maintain';
  event?: ProcuratorateEvent;
}

export const referralRecordedUpdate = defineUpdate<ReferralView, [Actor]>('referralRecorded');
export const referralStepUpdate = defineUpdate<ReferralView, [ReferralStep, ReferralStepInput]>(
  'referralStep',
);
export const referralStateQuery = defineQuery<ReferralView, [Actor | undefined]>('referralState');

export interface PlanReferralClockRequest {
  clock: ReferralClock;
  /** The instant the clock starts (a day clock's start day is not counted). */
  from: string;
}

/** A clock ran out: the late party's unit gets a card (where it is a county unit). */
export interface ReferralEscalation {
  key: string;
  caseId: string;
  unitId: string;
  clock: ReferralClock;
  dueAt: string;
  occurredAt: string;
}

/** Sent to the risk item a referral came from: linked when recorded, refused when the head refuses. */
export interface ReferralLink {
  referralId: string;
  status: 'recorded' | 'refused';
  reason: string | null;
  at: string;
}

export interface ReferralActivities {
  recordReferralStep(step: LedgerStep<ReferralState>, escalation: ReferralEscalation | null): Promise<void>;
  planReferralClock(
    request: PlanReferralClockRequest,
  ): Promise<Omit<ReferralClockRun, 'stoppedAt' | 'expiredAt'>>;
}
