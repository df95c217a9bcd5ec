import { ValidateBy } from 'class-validator';
import { residentIdProblem } from '../domain/subject.js';

const problemOf = (value: unknown) =>
  typeof value === 'string' ? residentIdProblem(value) : 'must be a string';

/**
 * A resident identity number (居民身份证号码, GB 11643-1999) with a correct check character, as a
 * subject's `residentId` is checked: a mistyped digit is named at once rather than stored.
 */
export const IsResidentId = (): PropertyDecorator =>
  ValidateBy({
    name: 'isResidentId',
    validator: {
      validate: (value: unknown) => problemOf(value) === undefined,
      defaultMessage: (args) => `${args?.property} ${problemOf(args?.value) ?? 'is invalid'}`,
    },
  });
