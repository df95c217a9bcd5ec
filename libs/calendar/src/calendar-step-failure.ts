import { ApplicationFailure } from '@temporalio/common';
import { ErrorKind, type StepRejection } from '../../contracts/src/errors.js';
import { CalendarError } from './domain/calendar-error.js';

/**
 * Plans a deadline inside an activity. A calendar gap (a year without its holiday notice) fails the
 * step visibly and without retries: no retry helps until the notice is added to the override file.
 */
export function planOrFailStep<T>(plan: () => T): Promise<T> {
  try {
    return Promise.resolve(plan());
  } catch (err) {
    if (!(err instanceof CalendarError)) throw err;
    const rejection: StepRejection = { kind: ErrorKind.Unavailable };
    throw ApplicationFailure.create({
      type: err.code,
      message: err.message,
      details: [rejection],
      nonRetryable: true,
    });
  }
}
