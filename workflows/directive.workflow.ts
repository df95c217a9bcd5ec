import {
  allHandlersFinished,
  condition,
  log,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { type ApplicationFailure } from '@temporalio/common';
import {
  acknowledgeDirectiveUpdate,
  DIRECTIVE_CASE_TYPE,
  directiveIssuedUpdate,
  DirectiveStatus,
  directiveStateQuery,
  type AcknowledgeDirectiveInput,
  type DirectiveActivities,
  type DirectiveState,
  type IssueDirectiveInput,
} from '../libs/contracts/src/directive.contracts.js';
import { type StepContext } from '../libs/contracts/src/identity.js';
import { CASE_STATUS } from '../libs/contracts/src/search-attributes.js';
import {
  acknowledge,
  checkAcknowledge,
  issueDirective,
  viewDirective,
} from '../libs/directives/src/domain/directive.rules.js';
import { now } from './shared/clock.js';
import { ledgerStep } from './shared/ledger-step.js';
import { rejectStep } from './shared/reject-step.js';
import { recordFirstStep, stepFailureRejection } from './shared/step-failure.js';
import { caseStepPath } from './shared/step-path.js';

/** One directive: issued to a unit, acknowledged by it. The workflow id is `directive/<id>`. */
export async function directiveWorkflow(input: IssueDirectiveInput): Promise<DirectiveState> {
  const { recordDirectiveStep } = caseStepPath<DirectiveActivities>().activities;
  let state = issueDirective(input, now());
  let issueRecorded = false;
  /** Set when issuing itself failed for good: the directive never came to be. */
  let issueFailure: ApplicationFailure | undefined;

  const record = async (context: StepContext, action: string, after: DirectiveState): Promise<void> => {
    const step = ledgerStep(DIRECTIVE_CASE_TYPE, after, context, action);
    log.info('recording directive step', { requestId: step.requestId, action, sequence: step.sequence });
    await recordDirectiveStep(step);
  };

  setHandler(directiveStateQuery, (actor) => viewDirective(state, actor));
  setHandler(directiveIssuedUpdate, async (actor) => {
    await condition(() => issueRecorded || issueFailure !== undefined);
    if (issueFailure) throw issueFailure;
    return viewDirective(state, actor);
  });
  setHandler(
    acknowledgeDirectiveUpdate,
    async ({ context, note }) => {
      const before = state;
      // State changes before the first await, so a concurrent second acknowledgement fails validation.
      state = acknowledge(state, context.actor, note, now());
      upsertSearchAttributes([{ key: CASE_STATUS, value: state.status }]);
      try {
        await record(context, 'acknowledge', state);
      } catch (err) {
        // Not recorded, so not taken: the directive stays as it was.
        state = before;
        upsertSearchAttributes([{ key: CASE_STATUS, value: state.status }]);
        throw stepFailureRejection(err, { state: viewDirective(state, context.actor) }) ?? err;
      }
      return viewDirective(state, context.actor);
    },
    {
      validator: ({ context }: AcknowledgeDirectiveInput) => {
        const violation = checkAcknowledge(state, context.actor);
        if (violation) throw rejectStep(violation, { state: viewDirective(state, context.actor) });
      },
    },
  );

  await recordFirstStep(
    () => record(input.context, 'issue', state),
    (failure) => (issueFailure = failure),
  );
  issueRecorded = true;
  await condition(() => state.status === DirectiveStatus.Acknowledged);
  await condition(allHandlersFinished);
  return state;
}
