import { registerDecorator, type ValidationOptions } from 'class-validator';
import { calendarDateProblem } from '../../../platform/src/time/strict-dates.js';

/** `YYYY-MM-DD` naming a real day that is not after today (Asia/Shanghai). */
export function IsNotFutureDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotFutureDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && dateProblem(value) === undefined,
        defaultMessage: (args) =>
          `${args?.property}: ${typeof args?.value === 'string' ? dateProblem(args.value) : 'must be a date string'}`,
      },
    });
}

function dateProblem(value: string): string | undefined {
  const problem = calendarDateProblem(value);
  if (problem) return problem;
  const todayInShanghai = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  if (value > todayInShanghai) return `${value} is in the future`;
  return undefined;
}
