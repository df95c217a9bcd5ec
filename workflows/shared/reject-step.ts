import { ApplicationFailure } from '@temporalio/common';
import { type RuleViolation, type StepRejection } from '../../libs/contracts/src/errors.js';

/**
 * Turns a domain rule violation into the failure an Update validator throws. The first detail is a
 * StepRejection, which the API maps to problem+json with the current state and the allowed steps.
 */
export function rejectStep(violation: RuleViolation, extra: Record<string, unknown>): ApplicationFailure {
  const rejection: StepRejection = { kind: violation.kind, ...extra };
  return ApplicationFailure.create({
    type: violation.code,
    message: violation.message,
    details: [rejection],
    nonRetryable: true,
  });
}
