import { ApplicationFailure } from '@temporalio/common';
import { ErrorKind } from '../../libs/contracts/src/errors.js';
import { STEP_FAILED, type StepFailureDetails } from '../../libs/contracts/src/incident.contracts.js';

/**
 * What the worker's interceptor makes of a PostgreSQL data error (see incident.interceptor.ts): a
 * non-retryable `engine.step-failed` naming its incident. Test doubles throw it to fail a step for good.
 */
export function dataErrorStepFailure(incidentId: string): ApplicationFailure {
  const details: StepFailureDetails = {
    kind: ErrorKind.UnprocessableContent,
    incidentId,
    errorType: 'db.data-exception',
  };
  return ApplicationFailure.create({
    type: STEP_FAILED,
    message: 'The database refused the data of this step (SQLSTATE 22P05)',
    details: [details],
    nonRetryable: true,
  });
}
