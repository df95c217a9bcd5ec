import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { type Actor, type StepContext } from './identity.js';
import { type FileRecord } from './file-record.js';
import { type LedgerStep, type StepOrigin } from './ledger.js';
import { type NoticesRecorded, type NotifyRequest } from './notification.contracts.js';

/** Colour-card supervision (亮牌督办), docs/domain.md §3.2: a card against a unit about one subject. */
export const CARD_CASE_TYPE = 'card';
export const CARD_ID_PREFIX = 'KP';
export const CARD_ID_PATTERN = /^KP-\d{4}-\d{6}$/;

export enum CardSubjectType {
  OverdueRiskItem = 'overdue-risk-item',
  MissedReport = 'missed-report',
  LaggingIndicator = 'lagging-indicator',
  StalledReferral = 'stalled-referral',
  /** A complaint or report whose statutory clock ran out (投诉举报). */
  OverdueComplaint = 'overdue-complaint',
  /** An action against an insider whistleblower, recorded on the report (打击报复). */
  WhistleblowerRetaliation = 'whistleblower-retaliation',
  Manual = 'manual',
}

export interface CardSubject {
  type: CardSubjectType;
  /** The case the card is about (e.g. FX-2026-000123), or a generated id for a manual card. */
  id: string;
}

/** One card per (unit, subject): a second trigger joins the open card instead of opening another. */
export const cardWorkflowId = (unitId: string, subject: CardSubject) =>
  `${CARD_CASE_TYPE}/${unitId}/${subject.type}/${subject.id}`;

export enum CardStatus {
  Open = 'open',
  Lifted = 'lifted',
  Withdrawn = 'withdrawn',
  /** The red card's outcome: after the summons, accountability (问责) referred to the discipline body. */
  AccountabilityReferred = 'accountability-referred',
}

export enum CardStep {
  Respond = 'respond',
  Lift = 'lift',
  Withdraw = 'withdraw',
  /** The summons (约谈) was held: who, when, the minutes. */
  RecordSummons = 'record-summons',
  /** Accountability (问责) referred to the discipline inspection body (纪检监察机关); closes the card. */
  ReferAccountability = 'refer-accountability',
}

/** The summons as held, from its minutes. */
export interface HeldSummons {
  heldAt: string;
  /** Who took part (names or positions as in the minutes), the leader first. */
  attendees: string[];
  minutes: FileRecord;
  recordedBy: string;
  recordedAt: string;
}

export interface AccountabilityReferral {
  /** The body the case went to: the discipline inspection and supervision body (纪检监察机关). */
  referredTo: 'discipline-inspection';
  reason: string;
  letter: FileRecord;
  referredBy: string;
  referredAt: string;
}

/** What the unit must deliver at a level (黄: 书面整改方案, 橙: 进展报告, 红: 约谈). */
export type CardResponseKind = 'rectification-plan' | 'progress-report' | 'summons';

export interface CardLevelReached {
  level: number;
  colour: string;
  nameZh: string;
  reachedAt: string;
  dueAt: string;
  rule: { en: string; zh: string };
  /** Who hears of the card at this level; their queues (GET /me/cards) show it. */
  recipients: Array<{ role: string; scope: 'card-unit' | 'county' }>;
}

export interface CardResponse {
  text: string;
  respondedBy: string;
  respondedAt: string;
  level: number;
}

export interface CardState {
  id: string;
  unitId: string;
  subject: CardSubject;
  /** Why it was raised: the first trigger's reason, e.g. the overdue item or the supervisor's words. */
  reason: string;
  status: CardStatus;
  /** Index into the ladder of the policy version the card was raised under. */
  level: number;
  levels: CardLevelReached[];
  /** At the top of the ladder the card stays where it is until lifted or withdrawn. */
  atTop: boolean;
  policyVersion: string;
  /** Every trigger for this unit and subject: the one that raised the card, then those that joined it. */
  triggers: Array<{ key: string; at: string; reason: string }>;
  subjectResolved: boolean;
  responses: CardResponse[];
  /** A red card's summons (约谈) of the unit's head by a county leader. */
  summons: { scheduledFor: string; leaderRole: 'leader'; held?: HeldSummons } | null;
  /** The red card's outcome, where accountability was referred (absent on older cards). */
  accountability?: AccountabilityReferral | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
  sequence: number;
  /**
   * The first run of the workflow chain the card lives in, when it was opened by a trigger (cards opened
   * before decision 0015 were always the first run of their chain).
   */
  chainRunId?: string;
}

export interface CardView extends CardState {
  allowedSteps: CardStep[];
}

export interface CardTrigger {
  /** Idempotency of the trigger itself (e.g. the escalation event's key). */
  key: string;
  unitId: string;
  subject: CardSubject;
  reason: string;
  /** Who raised it: a supervisor for a manual card, the system for automatic triggers. */
  context: StepContext | null;
}

/**
 * Decided when a card is raised: its number, the unit's previous card within the repeat window, and
 * the plan of its first level. The card workflow computes it in its own first activity.
 */
export interface CardOpening {
  id: string;
  repeatOf: string | null;
  plan: PlannedCardLevel;
}

/** The (unit, subject) a card workflow is about; its workflow id derives from it. */
export interface CardAddress {
  unitId: string;
  subject: CardSubject;
}

export type CardWorkflowInput =
  /** Started by signal-with-start (or update-with-start): the card opens from its first trigger. */
  | { address: CardAddress; triggers?: CardTrigger[] }
  /** Before decision 0015: the raiser decided the opening before starting the workflow. */
  | { trigger: CardTrigger; opening: CardOpening }
  | { continued: CardState };

export const joinCardUpdate = defineUpdate<CardView, [CardTrigger]>('joinCard');
export const respondToCardUpdate = defineUpdate<CardView, [{ context: StepContext; text: string }]>(
  'respondToCard',
);
export const liftCardUpdate = defineUpdate<CardView, [{ context: StepContext }]>('liftCard');
export const withdrawCardUpdate = defineUpdate<CardView, [{ context: StepContext }]>('withdrawCard');
export interface RecordSummonsInput {
  context: StepContext;
  heldAt: string;
  attendees: string[];
  minutes: FileRecord;
}
export const recordSummonsUpdate = defineUpdate<CardView, [RecordSummonsInput]>('recordSummons');
export const referAccountabilityUpdate = defineUpdate<
  CardView,
  [{ context: StepContext; letter: FileRecord }]
>('referAccountability');
/**
 * A trigger from another case (an overdue item, a missed report, an expired referral clock), sent with
 * signal-with-start: it opens the card if none is open, else joins it (once per trigger key).
 */
export const cardTriggeredSignal = defineSignal<[CardTrigger]>('cardTriggered');
/**
 * Sent (also with signal-with-start, so it is never dropped) when the subject is resolved elsewhere
 * (e.g. the overdue risk item is closed). A run that received no trigger before it ends without a card.
 */
export const cardSubjectResolvedSignal = defineSignal<[{ resolvedAt: string }]>('cardSubjectResolved');
export const cardStateQuery = defineQuery<CardView, [Actor | undefined]>('cardState');

export interface PlannedCardLevel {
  level: number;
  colour: string;
  nameZh: string;
  dueAt: string;
  rule: { en: string; zh: string };
  policyVersion: string;
  response: CardResponseKind;
  /** Who hears of the card at this level. */
  recipients: Array<{ role: string; scope: 'card-unit' | 'county' }>;
  /** Red: the summons date (约谈), when the level asks for one. */
  summonsAt: string | null;
  isTop: boolean;
}

/** Where a card's step is taken: its run, and the chain its steps go to (decision 0008). */
export interface CardStepOrigin extends StepOrigin {
  chainRunId: string;
}

/** A card that a trigger opens, as its workflow's first task asks for it. */
export interface CardOpeningRequest {
  origin: CardStepOrigin;
  trigger: CardTrigger;
}

/** The card as opened and recorded; `outbound` when its first level's notice has an outbound target. */
export interface CardOpened extends NoticesRecorded {
  state: CardState;
}

export interface CardActivities {
  /**
   * Records the step; a level's notice goes with it (runs since `notices-recorded-with-the-step`): in the
   * inbox in the same transaction; the card starts its outbound delivery when the record says it has one.
   */
  recordCardStep(step: LedgerStep<CardState>, notices?: NotifyRequest[]): Promise<NoticesRecorded>;
  /** Numbers a new card and plans its first level (one higher if the unit had a recent card). */
  openCard(request: { unitId: string; from: string }): Promise<CardOpening>;
  /**
   * Numbers, plans and records a card that a trigger opens, its first level's notice in the inbox, in
   * one transaction (runs since `card-opened-with-its-record`). Safe to retry: a retry finds the card
   * its run opened and returns it as recorded.
   */
  openCardWithItsRecord(request: CardOpeningRequest): Promise<CardOpened>;
  /** Plans a level's deadline from the ladder policy in force (a level past the top stays at the top). */
  planCardLevel(request: { level: number; from: string }): Promise<PlannedCardLevel>;
}
