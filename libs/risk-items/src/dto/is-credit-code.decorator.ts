import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { creditCodeProblem } from '../domain/credit-code.js';

const NOT_A_STRING = 'credit code must be a string';

/** The precise problem with one value, or undefined when it is a valid credit code. */
function problemOf(value: unknown): string | undefined {
  return typeof value === 'string' ? creditCodeProblem(value) : NOT_A_STRING;
}

function itemsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  if (value instanceof Set) return Array.from(value as Set<unknown>);
  if (value instanceof Map) return Array.from((value as Map<unknown, unknown>).values());
  return undefined;
}

/**
 * The property must be a unified social credit code (统一社会信用代码, GB 32100-2015), upper case,
 * with a correct check character. The message is the precise problem from `creditCodeProblem`
 * (wrong length, invalid character at position N, or invalid check character with the expected one).
 * With `{ each: true }` the message names the first invalid element, as `element N: <problem>`.
 */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown): boolean {
          return problemOf(value) === undefined;
        },
        defaultMessage(args: ValidationArguments): string {
          const items = options?.each === true ? itemsOf(args.value) : undefined;
          if (items !== undefined) {
            for (let i = 0; i < items.length; i++) {
              const problem = problemOf(items[i]);
              if (problem !== undefined) return `element ${i}: ${problem}`;
            }
          }
          return problemOf(args.value) ?? 'credit code is invalid';
        },
      },
    });
  };
}
