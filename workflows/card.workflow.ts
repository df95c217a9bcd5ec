import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CARD_CASE_TYPE,
  cardStateQuery,
  CardStatus,
  CardStep,
  cardSubjectResolvedSignal,
  cardTriggeredSignal,
  joinCardUpdate,
  liftCardUpdate,
  recordSummonsUpdate,
  referAccountabilityUpdate,
  respondToCardUpdate,
  withdrawCardUpdate,
  type CardActivities,
  type CardAddress,
  type CardState,
  type CardTrigger,
  type CardView,
  type CardWorkflowInput,
} from '../libs/contracts/src/card.contracts.js';
import { ErrorKind, type RuleViolation } from '../libs/contracts/src/errors.js';
import { type StepContext } from '../libs/contracts/src/identity.js';
import { type NotifyRequest } from '../libs/contracts/src/notification.contracts.js';
import {
  CARD_COLOUR,
  CARD_SUBJECT_TYPE,
  CASE_STATUS,
  CASE_UNIT,
} from '../libs/contracts/src/search-attributes.js';
import {
  checkCardStep,
  checkSummonsRecord,
  closeCard,
  escalateCard,
  hasTrigger,
  joinTrigger,
  cardLevelNotice,
  cardRaiseStep,
  markSubjectResolved,
  nextEscalationAt,
  raiseCard,
  recordSummons,
  referAccountability,
  checkResponseRoom,
  respondToCard,
  viewCard,
} from '../libs/cards/src/domain/card.rules.js';
import { now } from './shared/clock.js';
import { ledgerStep } from './shared/ledger-step.js';
import { handedOverOrChildNotifications, NOTICES_RECORDED_WITH_THE_STEP_PATCH } from './shared/notify.js';
import { rejectStep } from './shared/reject-step.js';
import { reportStepRecordedByActivity } from './shared/replay-capture.interceptor.js';
import { StepGate } from './shared/step-gate.js';
import { recordFirstStep } from './shared/step-failure.js';
import { caseStepPath } from './shared/step-path.js';
import { takesPatch } from './shared/run-paths.js';

/**
 * One colour card against a unit about one subject (亮牌督办). It climbs the ladder each time its
 * deadline passes with the subject unresolved; a supervisor lifts it (摘牌) once the subject is resolved
 * and the unit has responded, or withdraws it with a reason.
 *
 * Other cases reach it by signal-with-start (decision 0015): the first trigger opens the card (its
 * number, first level and raise decided and recorded by one activity of its first task), later ones
 * join it. A run started by a
 * resolution alone has no card to resolve and ends without one.
 */
export async function cardWorkflow(input: CardWorkflowInput): Promise<CardState | null> {
  const { recordCardStep, planCardLevel, openCard, openCardWithItsRecord } =
    caseStepPath<CardActivities>().activities;
  const gate = new StepGate('card', 'card');
  const notifications = handedOverOrChildNotifications();
  /** Decided once per run, so a run keeps one way to notify to its end (older runs replay theirs). */
  const noticesWithTheStep = takesPatch(NOTICES_RECORDED_WITH_THE_STEP_PATCH);
  const opening = 'opening' in input ? input.opening : null;
  /** The card's state; null until a card started by signal-with-start has opened. */
  let state: CardState | null =
    'continued' in input
      ? input.continued
      : 'opening' in input
        ? raiseCard(input.trigger, input.opening, input.opening.plan, now())
        : null;
  const address: CardAddress = 'address' in input ? input.address : cardAddressOf(state);
  /** Triggers signalled (or sent to a card not yet open) that are not yet on the card, oldest first. */
  const triggers: CardTrigger[] = 'address' in input ? [...(input.triggers ?? [])] : [];
  /** A resolution that arrived before any trigger: there was no card to resolve. */
  let nothingToResolve = false;
  const current = (): CardState => {
    if (state === null) throw ApplicationFailure.nonRetryable(`${address.subject.id}: no card open yet`);
    return state;
  };

  const record = async (
    context: StepContext | null,
    action: string,
    before: CardState | null,
    notices: NotifyRequest[] = [],
  ): Promise<void> => {
    const card = current();
    const step = ledgerStep(CARD_CASE_TYPE, card, context, action);
    log.info('recording card step', { requestId: step.requestId, action, sequence: step.sequence });
    try {
      const recorded = await recordCardStep(step, notices);
      // In the inbox already; the delivery starts here only for a notice with an outbound target.
      if (recorded?.outbound) notifications.deliver?.(notices);
    } catch (err) {
      // Not recorded, so not taken: the card stays as it was, with its clocks.
      if (before) state = before;
      throw err;
    }
    showOnSearch(card);
  };

  /** The notice of the level the card has just reached. */
  const levelNotice = (): NotifyRequest =>
    cardLevelNotice({ workflowId: workflowInfo().workflowId, at: now() }, current());
  /** Runs started before NOTICES_RECORDED_WITH_THE_STEP_PATCH notify after the level's record. */
  const announce = async (): Promise<void> => {
    if (!noticesWithTheStep) await notifications.notify(levelNotice());
  };
  /** A level's notice goes with its record in runs since NOTICES_RECORDED_WITH_THE_STEP_PATCH. */
  const noticesOfLevel = (): NotifyRequest[] => (noticesWithTheStep ? [levelNotice()] : []);

  /** Puts a trigger on the open card, once per key. */
  const join = async (trigger: CardTrigger): Promise<void> => {
    if (hasTrigger(current(), trigger.key)) return;
    await gate.hold(async () => {
      const before = current();
      state = joinTrigger(before, trigger, now());
      await record(trigger.context, 'join', before);
    });
  };

  let raisedRecorded = 'continued' in input;
  /** Set when raising the card itself failed for good: the card never came to be. */
  let raiseFailure: ApplicationFailure | undefined;
  const raise = (context: StepContext | null) =>
    recordFirstStep(
      () => record(context, 'raise', null, noticesOfLevel()),
      (failure) => (raiseFailure = failure),
    );
  /** Set by the signal; the main loop records it, so it never races a step being recorded. */
  let resolvedPending = false;

  function humanStep<Input extends { context: StepContext }>(
    update: UpdateDefinition<CardView, [Input]>,
    step: CardStep,
    apply: (input: NoInfer<Input>, before: CardState) => CardState,
    content: (input: NoInfer<Input>) => RuleViolation | undefined = () => undefined,
  ): void {
    gate.register(update, {
      check: (input) =>
        state === null
          ? NOT_OPEN
          : (checkCardStep(state, step, input.context.actor, input.context.reason) ?? content(input)),
      rejection: (input) => (state === null ? {} : { state: viewCard(state, input.context.actor) }),
      handle: async (input) => {
        const before = current();
        state = apply(input, before);
        await record(input.context, step, before);
        return viewCard(current(), input.context.actor);
      },
    });
  }

  setHandler(cardStateQuery, (actor) => viewCard(current(), actor));
  setHandler(
    joinCardUpdate,
    async (trigger: CardTrigger) => {
      if (state === null) {
        // A card not yet open (the API's update-with-start): it opens from the queued triggers.
        triggers.push(trigger);
        await condition(
          () =>
            (raisedRecorded && gate.idle && hasTrigger(current(), trigger.key)) || raiseFailure !== undefined,
        );
      } else {
        await condition(() => (raisedRecorded && gate.idle) || raiseFailure !== undefined);
        if (!raiseFailure) await join(trigger);
      }
      if (raiseFailure) throw raiseFailure;
      return viewCard(current(), trigger.context?.actor);
    },
    {
      // A closed card is history: a new trigger for its unit and subject opens a new card.
      validator: (_trigger: CardTrigger) => {
        if (state !== null && state.status !== CardStatus.Open) {
          throw rejectStep(
            { code: 'card.closed', kind: ErrorKind.Conflict, message: `Card ${state.id} is ${state.status}` },
            { state: viewCard(state, undefined) },
          );
        }
      },
    },
  );
  setHandler(cardTriggeredSignal, (trigger) => {
    triggers.push(trigger);
  });
  setHandler(cardSubjectResolvedSignal, () => {
    if (state === null) {
      // Before the card opens it resolves the subject of the triggers received so far, if any.
      if (triggers.length > 0) resolvedPending = true;
      else nothingToResolve = true;
    } else if (state.status === CardStatus.Open && !state.subjectResolved) resolvedPending = true;
  });

  humanStep(
    respondToCardUpdate,
    CardStep.Respond,
    ({ context, text }, before) => respondToCard(before, context.actor, text, now()),
    ({ text }) => checkResponseRoom(current(), text),
  );
  humanStep(liftCardUpdate, CardStep.Lift, ({ context }, before) =>
    closeCard(before, CardStatus.Lifted, context.actor, now(), context.reason ?? null),
  );
  humanStep(withdrawCardUpdate, CardStep.Withdraw, ({ context }, before) =>
    closeCard(before, CardStatus.Withdrawn, context.actor, now(), context.reason ?? null),
  );
  humanStep(
    recordSummonsUpdate,
    CardStep.RecordSummons,
    (input, before) => recordSummons(before, input, now()),
    (input) => checkSummonsRecord(input, now()),
  );
  humanStep(referAccountabilityUpdate, CardStep.ReferAccountability, ({ context, letter }, before) =>
    referAccountability(before, context.actor, letter, context.reason?.trim() ?? '', now()),
  );

  if (state === null) {
    await condition(() => triggers.length > 0 || nothingToResolve);
    const [first] = triggers;
    if (!first) {
      await condition(allHandlersFinished);
      return null;
    }
    // The trigger stays queued while the card opens, so a resolution arriving meanwhile applies to it.
    if (noticesWithTheStep && takesPatch(CARD_OPENED_WITH_ITS_RECORD_PATCH)) {
      const { workflowId, runId, firstExecutionRunId } = workflowInfo();
      const origin = { workflowId, runId, chainRunId: firstExecutionRunId, at: now() };
      const opened = await recordFirstStep(
        () => openCardWithItsRecord({ origin, trigger: first }),
        (failure) => (raiseFailure = failure),
      );
      state = opened.state;
      reportStepRecordedByActivity(cardRaiseStep(origin, first, opened.state));
      if (opened.outbound) notifications.deliver?.([cardLevelNotice(origin, opened.state)]);
      showOnSearch(opened.state);
      triggers.shift();
    } else {
      const planned = await openCard({ unitId: address.unitId, from: now() });
      triggers.shift();
      // The API addresses a card by the first run of its chain, which is an earlier card's after a close.
      state = {
        ...raiseCard(first, planned, planned.plan, now()),
        chainRunId: workflowInfo().firstExecutionRunId,
      };
      await raise(first.context);
      await announce();
    }
    raisedRecorded = true;
  } else if (opening && 'trigger' in input) {
    await raise(input.trigger.context);
    raisedRecorded = true;
    await announce();
  }

  while (state.status === CardStatus.Open) {
    const sequence = state.sequence;
    const changed = () =>
      current().sequence !== sequence || gate.busy || resolvedPending || triggers.length > 0;
    const escalateAt = nextEscalationAt(state);
    const woken = escalateAt
      ? await condition(changed, Math.max(0, Date.parse(escalateAt) - Date.now()))
      : await condition(changed).then(() => true);
    await condition(() => gate.idle);
    if (resolvedPending) {
      resolvedPending = false;
      await gate.signalled(async () => {
        const before = current();
        state = markSubjectResolved(before);
        await record(null, 'subject-resolved', before);
      });
    } else if (triggers.length > 0) {
      const trigger = triggers.shift()!;
      await gate.signalled(() => join(trigger));
    } else if (!woken && state.sequence === sequence) {
      await gate.fire(
        async () => {
          const before = current();
          const plan = await planCardLevel({ level: before.level + 1, from: now() });
          state = escalateCard(before, plan, now());
          await record(null, 'escalate', before, noticesOfLevel());
          await announce();
        },
        () => current().sequence,
      );
    }
    if (workflowInfo().continueAsNewSuggested) {
      await notifications.settled();
      await condition(allHandlersFinished);
      await continueAsNew<typeof cardWorkflow>({ continued: current() });
    }
  }
  await condition(allHandlersFinished);
  await notifications.settled();
  // Triggers that reached the card as it closed are not lost: they open the next card of this subject.
  const closed = current();
  const next = triggers.filter((t) => !hasTrigger(closed, t.key));
  if (next.length > 0) await continueAsNew<typeof cardWorkflow>({ address, triggers: next });
  return closed;
}

/** The card's status, unit, colour and subject type, as lists of workflows filter on them. */
function showOnSearch(card: CardState): void {
  upsertSearchAttributes([
    { key: CASE_STATUS, value: card.status },
    { key: CASE_UNIT, value: card.unitId },
    { key: CARD_COLOUR, value: card.levels[card.levels.length - 1].colour },
    { key: CARD_SUBJECT_TYPE, value: card.subject.type },
  ]);
}

/**
 * A card opened by a trigger numbers, plans and records its opening in one local activity since this
 * patch; runs started before take two (the opening, then the raise's record) and one activation more.
 */
export const CARD_OPENED_WITH_ITS_RECORD_PATCH = 'card-opened-with-its-record';

const NOT_OPEN: RuleViolation = {
  code: 'card.not-open',
  kind: ErrorKind.Conflict,
  message: 'The card is still being opened',
};

function cardAddressOf(state: CardState | null): CardAddress {
  if (state === null) throw ApplicationFailure.nonRetryable('a card workflow needs an address or a state');
  return { unitId: state.unitId, subject: state.subject };
}
