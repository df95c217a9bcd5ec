import { type ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
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
  joinCardUpdate,
  liftCardUpdate,
  respondToCardUpdate,
  withdrawCardUpdate,
  type CardActivities,
  type CardState,
  type CardTrigger,
  type CardView,
  type CardWorkflowInput,
  type PlannedCardLevel,
} from '../libs/contracts/src/card.contracts.js';
import { ErrorKind } from '../libs/contracts/src/errors.js';
import { type Role, type StepContext } from '../libs/contracts/src/identity.js';
import { NotificationKind, type NotificationAudience } from '../libs/contracts/src/notification.contracts.js';
import {
  CARD_COLOUR,
  CARD_SUBJECT_TYPE,
  CASE_STATUS,
  CASE_UNIT,
} from '../libs/contracts/src/search-attributes.js';
import {
  checkCardStep,
  closeCard,
  escalateCard,
  hasTrigger,
  joinTrigger,
  markSubjectResolved,
  nextEscalationAt,
  raiseCard,
  respondToCard,
  viewCard,
} from '../libs/cards/src/domain/card.rules.js';
import { CASE_ACTIVITY_OPTIONS } from './shared/activity-options.js';
import { now } from './shared/clock.js';
import { ledgerStep } from './shared/ledger-step.js';
import { notifyInChild, notifyRequest } from './shared/notify.js';
import { rejectStep } from './shared/reject-step.js';
import { StepGate } from './shared/step-gate.js';
import { recordFirstStep } from './shared/step-failure.js';

const { recordCardStep, planCardLevel } = proxyActivities<CardActivities>(CASE_ACTIVITY_OPTIONS);

/**
 * One colour card against a unit about one subject (亮牌督办). It climbs the ladder each time its
 * deadline passes with the subject unresolved; a supervisor lifts it (摘牌) once the subject is resolved
 * and the unit has responded, or withdraws it with a reason.
 */
export async function cardWorkflow(input: CardWorkflowInput): Promise<CardState> {
  const gate = new StepGate('card', 'card');
  const opening = 'continued' in input ? null : input.opening;
  let state =
    'continued' in input
      ? input.continued
      : raiseCard(input.trigger, input.opening, input.opening.plan, now());

  const record = async (
    context: StepContext | null,
    action: string,
    before: CardState | null,
  ): Promise<void> => {
    const step = ledgerStep(CARD_CASE_TYPE, state, context, action, before);
    log.info('recording card step', { requestId: step.requestId, action, sequence: step.sequence });
    try {
      await recordCardStep(step);
    } catch (err) {
      // Not recorded, so not taken: the card stays as it was, with its clocks.
      if (before) state = before;
      throw err;
    }
    upsertSearchAttributes([
      { key: CASE_STATUS, value: state.status },
      { key: CASE_UNIT, value: state.unitId },
      { key: CARD_COLOUR, value: state.levels[state.levels.length - 1].colour },
      { key: CARD_SUBJECT_TYPE, value: state.subject.type },
    ]);
  };

  /** Notifies the level's recipients in a child that outlives the card (a slow receiver never holds it open). */
  const announce = async (plan: PlannedCardLevel, kind: NotificationKind, title: string): Promise<void> => {
    const audience: NotificationAudience = {
      roles: plan.recipients.map((r) => ({
        role: r.role as Role,
        ...(r.scope === 'card-unit' ? { unitId: state.unitId } : {}),
      })),
    };
    await notifyInChild(
      notifyRequest(
        { caseType: CARD_CASE_TYPE, caseId: state.id, unitId: state.unitId, sequence: state.sequence },
        kind,
        audience,
        title,
        `${plan.rule.zh}${state.summons ? `；约谈日期 summons on ${state.summons.scheduledFor}` : ''}`,
      ),
    );
  };

  let raisedRecorded = opening === null;
  /** Set when raising the card itself failed for good: the card never came to be. */
  let raiseFailure: ApplicationFailure | undefined;
  /** Set by the signal; the main loop records it, so it never races a step being recorded. */
  let resolvedPending = false;

  function humanStep<Input extends { context: StepContext }>(
    update: UpdateDefinition<CardView, [Input]>,
    step: CardStep,
    apply: (input: NoInfer<Input>, before: CardState) => CardState,
  ): void {
    gate.register(update, {
      check: (input) => checkCardStep(state, step, input.context.actor, input.context.reason),
      rejection: (input) => ({ state: viewCard(state, input.context.actor) }),
      handle: async (input) => {
        const before = state;
        state = apply(input, before);
        await record(input.context, step, before);
        return viewCard(state, input.context.actor);
      },
    });
  }

  setHandler(cardStateQuery, (actor) => viewCard(state, actor));
  setHandler(
    joinCardUpdate,
    async (trigger: CardTrigger) => {
      await condition(() => (raisedRecorded && gate.idle) || raiseFailure !== undefined);
      if (raiseFailure) throw raiseFailure;
      if (!hasTrigger(state, trigger.key)) {
        await gate.hold(async () => {
          const before = state;
          state = joinTrigger(state, trigger, now());
          await record(trigger.context, 'join', before);
        });
      }
      return viewCard(state, trigger.context?.actor);
    },
    {
      // A closed card is history: a new trigger for its unit and subject opens a new card.
      validator: (_trigger: CardTrigger) => {
        if (state.status !== CardStatus.Open) {
          throw rejectStep(
            { code: 'card.closed', kind: ErrorKind.Conflict, message: `Card ${state.id} is ${state.status}` },
            { state: viewCard(state, undefined) },
          );
        }
      },
    },
  );
  setHandler(cardSubjectResolvedSignal, () => {
    if (state.status === CardStatus.Open && !state.subjectResolved) resolvedPending = true;
  });

  humanStep(respondToCardUpdate, CardStep.Respond, ({ context, text }, before) =>
    respondToCard(before, context.actor, text, now()),
  );
  humanStep(liftCardUpdate, CardStep.Lift, ({ context }, before) =>
    closeCard(before, CardStatus.Lifted, context.actor, now(), context.reason ?? null),
  );
  humanStep(withdrawCardUpdate, CardStep.Withdraw, ({ context }, before) =>
    closeCard(before, CardStatus.Withdrawn, context.actor, now(), context.reason ?? null),
  );

  if (opening && 'trigger' in input) {
    await recordFirstStep(
      () => record(input.trigger.context, 'raise', null),
      (failure) => (raiseFailure = failure),
    );
    raisedRecorded = true;
    await announce(opening.plan, NotificationKind.Escalation, `${opening.plan.nameZh}：${state.id}`);
  }

  while (state.status === CardStatus.Open) {
    const sequence = state.sequence;
    const changed = () => state.sequence !== sequence || gate.busy || resolvedPending;
    const escalateAt = nextEscalationAt(state);
    const woken = escalateAt
      ? await condition(changed, Math.max(0, Date.parse(escalateAt) - Date.now()))
      : await condition(changed).then(() => true);
    await condition(() => gate.idle);
    if (resolvedPending) {
      resolvedPending = false;
      await gate.signalled(async () => {
        const before = state;
        state = markSubjectResolved(state);
        await record(null, 'subject-resolved', before);
      });
    } else if (!woken && state.sequence === sequence) {
      await gate.fire(
        async () => {
          const plan = await planCardLevel({ level: state.level + 1, from: now() });
          const before = state;
          state = escalateCard(state, plan, now());
          await record(null, 'escalate', before);
          await announce(plan, NotificationKind.Escalation, `${plan.nameZh}：${state.id}`);
        },
        () => state.sequence,
      );
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof cardWorkflow>({ continued: state });
    }
  }
  await condition(allHandlersFinished);
  return state;
}
