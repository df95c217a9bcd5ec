import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type ApplicationFailure } from '@temporalio/common';
import { Role, type Actor, type StepContext } from '../libs/contracts/src/identity.js';
import { NotificationKind, type NotificationAudience } from '../libs/contracts/src/notification.contracts.js';
import {
  POLICE_UNIT_ID,
  REFERRAL_CASE_TYPE,
  referralRecordedUpdate,
  referralStateQuery,
  referralStepUpdate,
  ReferralStatus,
  ReferralStep,
  type ReferralActivities,
  type ReferralClockRun,
  type ReferralEscalation,
  type ReferralState,
  type ReferralWorkflowInput,
} from '../libs/contracts/src/referral.contracts.js';
import { CASE_DUE_AT, CASE_OVERDUE, CASE_STATUS } from '../libs/contracts/src/search-attributes.js';
import {
  applyReferralStep,
  checkReferralStep,
  clocksToPlan,
  expireClock,
  latePartyUnit,
  nextReferralTimer,
  recordLead,
  REFERRAL_TERMINAL_STATUSES,
  REFERRAL_TRANSITIONS,
  syncClocks,
  viewReferral,
} from '../libs/referrals/src/domain/referral.rules.js';
import { now } from './shared/clock.js';
import { ledgerStep } from './shared/ledger-step.js';
import { backgroundNotifications, notificationsBesideTheCase, notifyRequest } from './shared/notify.js';
import { StepGate } from './shared/step-gate.js';
import { recordFirstStep } from './shared/step-failure.js';
import { caseStepPath, continueAsNewDue } from './shared/step-path.js';
import { takesPatch } from './shared/run-paths.js';

/** Histories recorded before the team clock planned no clock with the lead (decision 0019). */
const TEAM_CLOCK_PATCH = 'referral-team-clock';
/** Histories recorded before it closed the referral at the handover (decision 0019). */
const FOLLOW_CRIMINAL_CASE_PATCH = 'referral-follows-criminal-case';
/**
 * Histories recorded before it dropped the request letters and the police's explanation (decision 0019,
 * addendum of 2026-12-03). Asked only on those steps, so other runs record no marker for it.
 */
const KEEP_REQUEST_DOCUMENTS_PATCH = 'referral-keeps-request-documents';
const STEPS_KEEPING_A_REQUEST_DOCUMENT: readonly ReferralStep[] = [
  ReferralStep.RequestReconsideration,
  ReferralStep.RequestSupervision,
  ReferralStep.Explain,
];
/** A run started for a finding on a refusal ends after this if the finding was not accepted. */
const REOPEN_WAIT = '1 hour';

const SUPERVISORS = [{ role: Role.Supervisor }];
/** The county leader hears of a police clock run out; the procuratorate's liaison record holds it. */
const LEADERS = [{ role: Role.Leader }];
const POLICE_LIAISONS = [{ role: Role.PoliceLiaison, unitId: POLICE_UNIT_ID }];
/** Steps after which the police must act: they hear of it at once. */
const HANDS_TO_POLICE: readonly ReferralStep[] = [
  ReferralStep.Transfer,
  ReferralStep.CompleteFile,
  ReferralStep.RequestReconsideration,
  ReferralStep.RecordProcuratorate,
];

/**
 * One criminal referral (行刑衔接) from the lead to its close, between the referring unit and the police.
 * Every human step is one Update (`referralStepUpdate`) checked against the transition table; every
 * statutory clock is a timer planned from policy data; a clock that runs out is ledgered, escalated to
 * the supervisors and, for a duty, turned into a colour card on the late party's unit.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralState> {
  const { workflowId } = workflowInfo();
  const {
    activities: { recordReferralStep, planReferralClock },
    current,
  } = caseStepPath<ReferralActivities>();
  const lead = 'lead' in input ? input.lead : undefined;
  let state =
    'continued' in input
      ? input.continued
      : 'reopened' in input
        ? input.reopened
        : recordLead(input.lead, now());
  let leadRecorded = !lead;
  /** Set when recording the lead itself failed for good: the referral never came to be. */
  let leadFailure: ApplicationFailure | undefined;
  const gate = new StepGate('referral', 'referral');

  const record = async (
    context: StepContext | null,
    action: string,
    before: ReferralState | null,
    escalation: ReferralEscalation | null = null,
  ): Promise<void> => {
    const step = ledgerStep(REFERRAL_CASE_TYPE, state, context, action);
    log.info('recording referral step', { requestId: step.requestId, action, sequence: step.sequence });
    try {
      await recordReferralStep(step, escalation);
    } catch (err) {
      // Not recorded, so not taken: the referral stays as it was, with its clocks.
      if (before) state = before;
      throw err;
    }
    const due = nextReferralTimer(state);
    upsertSearchAttributes([
      { key: CASE_STATUS, value: state.status },
      { key: CASE_OVERDUE, value: state.overdue },
      ...(due ? [{ key: CASE_DUE_AT, value: new Date(due.dueAt) }] : []),
    ]);
  };

  const notifications = current ? notificationsBesideTheCase() : backgroundNotifications();
  const notify = (kind: NotificationKind, audience: NotificationAudience, title: string, body: string) =>
    notifications.notify(
      notifyRequest(
        { caseType: REFERRAL_CASE_TYPE, caseId: state.id, unitId: state.unitId, sequence: state.sequence },
        kind,
        audience,
        title,
        body,
      ),
    );
  const regulatorHeads = [{ role: Role.UnitHead, unitId: state.unitId }];

  /** Starts the clocks the new status needs, planned through the calendar under the policy in force. */
  const plannedState = async (next: ReferralState, at: string): Promise<ReferralState> => {
    const planned = [];
    for (const { clock, from } of clocksToPlan(next, at))
      planned.push(await planReferralClock({ clock, from }));
    return syncClocks(next, planned, at);
  };

  setHandler(referralStateQuery, (actor) => viewReferral(state, actor));
  setHandler(referralRecordedUpdate, async (actor: Actor) => {
    await condition(() => leadRecorded || leadFailure !== undefined);
    if (leadFailure) throw leadFailure;
    return viewReferral(state, actor);
  });
  gate.register(referralStepUpdate, {
    check: (step, stepInput) => checkReferralStep(state, step, stepInput, now()),
    rejection: (_step, stepInput) => ({ state: viewReferral(state, stepInput.context.actor) }),
    handle: async (step, stepInput) => {
      const before = state;
      const at = now();
      const options = {
        followCriminalCase: step !== ReferralStep.HandOver || takesPatch(FOLLOW_CRIMINAL_CASE_PATCH),
        keepRequestDocuments:
          !STEPS_KEEPING_A_REQUEST_DOCUMENT.includes(step) || patched(KEEP_REQUEST_DOCUMENTS_PATCH),
      };
      // The gate refuses a concurrent step; the state changes only once its clocks are planned.
      state = await plannedState(applyReferralStep(before, step, stepInput, at, options), at);
      await record(stepInput.context, step, before);
      if (REFERRAL_TRANSITIONS[step].scope === 'police') {
        notify(
          NotificationKind.Assigned,
          { roles: regulatorHeads },
          `移送案件 ${state.id}：公安机关 ${step} / The police took a step`,
          state.status,
        );
      } else if (HANDS_TO_POLICE.includes(step)) {
        notify(
          NotificationKind.Assigned,
          { roles: POLICE_LIAISONS },
          `移送案件 ${state.id} 待公安机关办理 / Referral awaits the police`,
          state.status,
        );
      }
      return viewReferral(state, stepInput.context.actor);
    },
  });

  const expire = (run: ReferralClockRun): Promise<void> =>
    gate.fire(
      async () => {
        const before = state;
        state = expireClock(state, run.clock, now());
        const escalation: ReferralEscalation | null =
          run.onExpiry === 'escalate'
            ? {
                key: `${workflowId}:${state.sequence}:clock-expired`,
                caseId: state.id,
                unitId: latePartyUnit(state, run),
                clock: run.clock,
                dueAt: run.dueAt,
                occurredAt: now(),
              }
            : null;
        await record(null, `clock-expired:${run.clock}`, before, escalation);
        if (escalation) {
          notify(
            NotificationKind.Overdue,
            {
              roles: [
                ...SUPERVISORS,
                ...(run.party === 'police' ? [...POLICE_LIAISONS, ...LEADERS] : regulatorHeads),
              ],
            },
            `移送案件 ${state.id} 时限已过 / Referral clock expired: ${run.clock}`,
            `${run.dueAt} — ${run.rule.zh}`,
          );
        }
      },
      () => state.sequence,
    );

  if (lead) {
    await recordFirstStep(
      async () => {
        if (takesPatch(TEAM_CLOCK_PATCH)) state = await plannedState(state, state.recordedAt);
        await record(lead.context, 'record-lead', null);
      },
      (failure) => (leadFailure = failure),
    );
    leadRecorded = true;
  }
  if ('reopened' in input) {
    // Started for a finding on the refusal: wait for it to be taken; a refused finding ends the run.
    await condition(() => gate.busy || state.status !== ReferralStatus.Refused, REOPEN_WAIT);
    await condition(() => gate.idle);
  }

  while (!REFERRAL_TERMINAL_STATUSES.includes(state.status)) {
    const due = await gate.nextDue(
      nextReferralTimer(state),
      (t) => t.dueAt,
      () => state.sequence,
    );
    if (due) await expire(due);
    await condition(() => gate.idle);
    if (continueAsNewDue(input.historyLimit)) {
      await notifications.settled();
      await condition(allHandlersFinished);
      await continueAsNew<typeof referralWorkflow>({ continued: state, historyLimit: input.historyLimit });
    }
  }
  await condition(allHandlersFinished);
  await notifications.settled();
  return state;
}
