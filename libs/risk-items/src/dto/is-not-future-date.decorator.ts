import { registerDecorator, type ValidationOptions } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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
  const match = DATE.exec(value);
  if (!match) return 'must be a date YYYY-MM-DD';
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (day.toISOString().slice(0, 10) !== value) return `${value} is not a day of the calendar`;
  const todayInShanghai = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  if (value > todayInShanghai) return `${value} is in the future`;
  return undefined;
}
