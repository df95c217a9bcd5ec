import { type CaseRunLimit } from './case-run.js';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { type FileRecord } from './file-record.js';
import { type Actor, type StepContext } from './identity.js';
import { type LedgerStep } from './ledger.js';
import { type HazardSubject } from './subject.contracts.js';

/** Criminal-case referral to the police (行刑衔接), docs/domain.md §3.3 and docs/regulations.md. */
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
  /** Seized items handed over: the criminal case runs on until withdrawn, not prosecuted or concluded. */
  HandedOver = 'handed-over',
  /** Withdrawn (撤案) or not prosecuted (不起诉): the case is back with the unit for an administrative penalty. */
  ReturnedForPenalty = 'returned-for-penalty',
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
  /** The police withdraw the filed case (撤案). */
  WithdrawCase = 'withdraw-case',
  /** The head records the procuratorate's decision not to prosecute (不起诉), returning the case. */
  RecordNonProsecution = 'record-non-prosecution',
  /** The head records how the criminal case ended (prosecuted, judged) from its documents. */
  ConcludeCriminalCase = 'conclude-criminal-case',
  /** The unit records its administrative penalty decision (or why none) on a returned case. */
  DecidePenalty = 'decide-penalty',
  /** Clues of a duty crime by a public official go to the supervisory commission (监察机关). */
  TransferDutyCrimeClue = 'transfer-duty-crime-clue',
  /** An auditor's own finding, or the procuratorate's as recorded by a supervisor, that a refusal was unfounded. */
  RecordRefusalFinding = 'record-refusal-finding',
}

/** Which side takes a step or owes a clock. */
export type ReferralParty = 'regulator' | 'police';

export enum ReferralClock {
  /** Forming the case team: the rule says 立即 (immediately); the policy gives it a figure. */
  FormTeam = 'form-team',
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
  /** An administrative penalty decision (行政处罚决定书), in the dossier where one was made. */
  PenaltyDecision = 'penalty-decision',
  /** The letter transferring duty-crime clues to the supervisory commission. */
  SupervisoryTransferLetter = 'supervisory-transfer-letter',
  /** A written finding (audit report, procuratorate's recommendation) about a refusal. */
  Finding = 'finding',
}

/** A checklist item the transfer does not carry, with the reason it does not apply (e.g. no test was needed). */
export interface NotApplicableItem {
  kind: ReferralDocumentKind;
  reason: string;
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
  /**
   * Set where the clock (or how it starts) is this policy's reading rather than the rule's text, e.g.
   * the filing clock restarting from a completed file. Absent on clocks planned before it existed.
   */
  interpretation?: { en: string; zh: string } | null;
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
  | 'refused-by-head'
  | 'filed-handed-over'
  | 'non-filing-accepted'
  | 'non-filing-upheld-by-procuratorate'
  | 'criminal-case-concluded'
  | 'returned-penalty-decided';

/** Why the unit asked the procuratorate for filing supervision (R art. 9; the police missing the filing period). */
export type SupervisionGround = 'non-filing' | 'reconsideration-maintained' | 'filing-overdue';

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
  /** Checklist kinds the transfer may leave out with a reason (absent on cases opened before: none). */
  mayBeNotApplicable?: ReferralDocumentKind[];
  /** Who or what the lead is about (absent on leads recorded before subjects were kept). */
  subject?: HazardSubject | null;
  status: ReferralStatus;
  unitId: string;
  recordedBy: string;
  recordedAt: string;
  /** Officers (≥2) of the case team; internal to the regulator. */
  team: { officers: string[]; formedAt: string; formedBy: string } | null;
  /** The written report to the head; internal to the regulator. */
  report: { document: ReferralDocument; submittedBy: string; submittedAt: string } | null;
  decision: {
    approved: boolean;
    reason: string | null;
    /**
     * On a refusal: whether the head found the facts over the criminal threshold. A reasoned refusal
     * below it is lawful (R art. 5); over it, with a penalty instead, it is 以罚代刑 (R art. 11).
     */
    thresholdMet?: boolean;
    /** The administrative penalty decision made instead of the transfer, if any. */
    penalty?: ReferralDocument | null;
    decidedBy: string;
    decidedAt: string;
  } | null;
  transfer: {
    dossier: ReferralDocument[];
    /** Checklist items the policy lets the transfer leave out, each with its reason. */
    notApplicable?: NotApplicableItem[];
    transferredBy: string;
    transferredAt: string;
  } | null;
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
    /** The request letter (kind request-letter); absent on requests recorded before it was kept. */
    document?: ReferralDocument;
    decision: 'file' | 'maintain' | null;
    decidedAt: string | null;
  } | null;
  supervision: {
    requestedBy: string;
    requestedAt: string;
    /** The request letter (kind request-letter); absent on requests recorded before it was kept. */
    document?: ReferralDocument;
    events: Array<{ event: ProcuratorateEvent; recordedBy: string; at: string; document: ReferralDocument }>;
    explainedAt: string | null;
    /** The police's written explanation (kind explanation); absent on explanations recorded before it was kept. */
    explanation?: ReferralDocument;
    /** Absent on supervision requested before grounds were told apart (then: reconsideration-maintained). */
    ground?: SupervisionGround;
  } | null;
  handover: { documents: ReferralDocument[]; handedOverBy: string; handedOverAt: string } | null;
  /** After the handover: how the criminal case went (withdrawal, non-prosecution, conclusion). */
  criminalOutcome?: {
    outcome: 'withdrawn' | 'not-prosecuted' | 'concluded';
    recordedBy: string;
    at: string;
    reason: string | null;
    document: ReferralDocument;
  } | null;
  /** On a returned case: the administrative penalty decision, or why none was made. */
  penaltyAfterReturn?: {
    document: ReferralDocument | null;
    reason: string | null;
    decidedBy: string;
    decidedAt: string;
  } | null;
  /** Duty-crime clues transferred to the supervisory commission (监察机关). */
  dutyCrimeTransfers?: Array<{
    transferredBy: string;
    at: string;
    reason: string;
    document: ReferralDocument;
  }>;
  /** A refusal found unfounded: by an auditor, or by the procuratorate (recorded by a supervisor). */
  refusalFindings?: Array<{
    foundBy: 'auditor' | 'procuratorate';
    recordedBy: string;
    at: string;
    reason: string;
    document: ReferralDocument;
  }>;
  /** Police clocks that ran out, as recorded for the procuratorate's liaison (the office cannot direct the police). */
  procuratorateLiaison?: Array<{ clock: ReferralClock; dueAt: string; recordedAt: string }>;
  clocks: ReferralClockRun[];
  /** Any clock ran out on this case. */
  overdue: boolean;
  outcome: ReferralOutcome | null;
  /**
   * 以罚代刑 flag (R art. 11): refused although the head found the threshold met, or a refusal later found
   * unfounded. A reasoned refusal below the threshold is not flagged (R art. 5).
   */
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
  mayBeNotApplicable?: ReferralDocumentKind[];
  subject?: HazardSubject | null;
  context: StepContext;
}

/** A new run for a refused referral: a finding that the refusal was unfounded reopens it. */
export type ReferralWorkflowInput = (
  { lead: RecordLeadInput } | { continued: ReferralState } | { reopened: ReferralState }
) &
  CaseRunLimit;

/** One input shape for every step: who and why, plus the fields the step needs. */
export interface ReferralStepInput {
  context: StepContext;
  officers?: string[];
  document?: ReferralDocument;
  documents?: ReferralDocument[];
  approved?: boolean;
  /** With a refusal: whether the facts meet the criminal threshold. */
  thresholdMet?: boolean;
  /** With a refusal or on a returned case: the penalty decision made, if any. */
  penalty?: ReferralDocument;
  /** With a transfer: checklist items left out, each with its reason. */
  notApplicable?: NotApplicableItem[];
  /** With a transfer: an administrative penalty was decided, so its decision goes in the dossier. */
  penaltyMade?: boolean;
  /** With a finding on a refusal: whose finding it is. */
  foundBy?: 'auditor' | 'procuratorate';
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
  /** With a refusal: whether the head found the threshold met (absent on links sent before it existed). */
  thresholdMet?: boolean;
  at: string;
}

export interface ReferralActivities {
  recordReferralStep(step: LedgerStep<ReferralState>, escalation: ReferralEscalation | null): Promise<void>;
  planReferralClock(
    request: PlanReferralClockRequest,
  ): Promise<Omit<ReferralClockRun, 'stoppedAt' | 'expiredAt'>>;
}
