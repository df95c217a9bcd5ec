import { ValidateBy, type ValidationOptions } from 'class-validator';
import { localDateOf } from '../../../calendar/src/domain/day-end.js';
import {
  calendarDateProblem,
  caseDateProblem,
  dateTimeProblem,
  pastDateProblem,
  periodProblem,
} from '../time/strict-dates.js';

/** A class-validator rule from a strict-dates check, whose message names the field and the problem. */
function strictly(
  name: string,
  problemOf: (value: string) => string | undefined,
  options?: ValidationOptions,
) {
  const problem = (value: unknown) => (typeof value === 'string' ? problemOf(value) : 'must be a string');
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${problem(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

/** `YYYY-MM-DD`, a day that exists. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  strictly('isCalendarDate', calendarDateProblem, options);

/**
 * The day something of a case happened (a hazard found, a complaint's event): `YYYY-MM-DD`, a day that
 * exists, not after today in Asia/Shanghai and not before EARLIEST_CASE_DATE.
 */
export const IsCaseDate = (options?: ValidationOptions): PropertyDecorator =>
  strictly('isCaseDate', (value) => caseDateProblem(value, todayInShanghai()), options);

/**
 * The day something was done or decided (a committee's approval): `YYYY-MM-DD`, a day that exists, not
 * after today in Asia/Shanghai.
 */
export const IsNotFutureDate = (options?: ValidationOptions): PropertyDecorator =>
  strictly('isNotFutureDate', (value) => pastDateProblem(value, todayInShanghai()), options);

const todayInShanghai = () => localDateOf(new Date().toISOString());

/** An ISO 8601 date-time with an offset, every part of it real (no 02-30, no 24:00, no zone guessed). */
export const IsDateTime = (options?: ValidationOptions): PropertyDecorator =>
  strictly('isDateTime', dateTimeProblem, options);

/** A reporting period: `yyyy` or `yyyy-mm` with a month 01–12. */
export const IsPeriod = (options?: ValidationOptions): PropertyDecorator =>
  strictly('isPeriod', periodProblem, options);

/**
 * The end of a period: a date-time later than the one in `field`. Judged only once both are date-times;
 * until then their own rules say what is wrong.
 */
export const IsAfterField = (field: string): PropertyDecorator =>
  ValidateBy({
    name: 'isAfterField',
    constraints: [field],
    validator: {
      validate: (value: unknown, args) => {
        const start = (args?.object as Record<string, unknown>)[field];
        if (typeof value !== 'string' || typeof start !== 'string') return true;
        if (dateTimeProblem(value) || dateTimeProblem(start)) return true;
        return Date.parse(value) > Date.parse(start);
      },
      defaultMessage: (args) => `${args?.property} must be after ${field}`,
    },
  });
