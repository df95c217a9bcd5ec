import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { allHandlersFinished, condition } from '@temporalio/workflow';
import { type StepRejection } from '../../libs/contracts/src/errors.js';
import { STEP_FAILED } from '../../libs/contracts/src/incident.contracts.js';
import { rejectStep } from './reject-step.js';

/**
 * The failure behind a step whose activity failed for good: non-retryable, so retrying cannot mend
 * it (bad data, a broken invariant, a bug; the worker recorded an incident). Undefined otherwise.
 */
export function failedForGood(err: unknown): ApplicationFailure | undefined {
  // A local activity's failure reaches the workflow as the activity's ApplicationFailure itself.
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.nonRetryable ? failure : undefined;
}

/**
 * What an Update answers when its step failed for good: the activity's code, kind and incident, with
 * `extra` (the caller's view of the case, already restored to its state before the step). Undefined
 * for any other error, or a failure that names no kind the API can map.
 */
export function stepFailureRejection(
  err: unknown,
  extra: Record<string, unknown>,
): ApplicationFailure | undefined {
  const failure = failedForGood(err);
  const rejection = failure?.details?.[0] as StepRejection | undefined;
  if (!failure || typeof rejection?.kind !== 'string') return undefined;
  const { kind, ...details } = rejection;
  return rejectStep(
    { code: failure.type ?? STEP_FAILED, kind, message: failure.message },
    { ...details, ...extra },
  );
}

/**
 * Records a case's first step. If it fails for good the case never comes to be: `failed` hands the
 * failure to the Update that waits on the step, and once that has answered the workflow ends with it.
 */
export async function recordFirstStep<Recorded>(
  record: () => Promise<Recorded>,
  failed: (failure: ApplicationFailure) => void,
): Promise<Recorded> {
  try {
    return await record();
  } catch (err) {
    const failure = stepFailureRejection(err, {});
    if (!failure) throw err;
    failed(failure);
    await condition(allHandlersFinished);
    throw failure;
  }
}
