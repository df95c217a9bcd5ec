import { ValidationPipe, type ArgumentMetadata, type Type, type ValidationError } from '@nestjs/common';
import { type ValidatorOptions } from 'class-validator';
import { ErrorKind } from '../../../contracts/src/errors.js';
import { unstorableValues } from '../http/storable-text.js';
import { DubanError, type FieldProblem } from './duban-error.js';

/** Flattens nested class-validator errors into `a.b[0].c` field paths. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...fieldProblems(e.children ?? [], path)];
  });
}

const invalidRequest = (fields: FieldProblem[]) =>
  new DubanError(ErrorKind.Validation, 'request.invalid', 'The request has invalid fields', {}, fields);

/** What a client sends: body, query and path parameters (not values the app's own decorators supply). */
const CLIENT_INPUT = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * class-validator's whitelist looks each field up in a plain object, so a field named like a member
 * every object inherits (`constructor`, `toString`, `__proto__`) passes as a known one. No request has
 * such a field: it is refused here, with the whitelist's own message, wherever it sits.
 */
function inheritedMemberFields(value: unknown, path: string): FieldProblem[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => inheritedMemberFields(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const childPath = path ? `${path}.${key}` : key;
    return key in Object.prototype
      ? [{ path: childPath, message: `property ${key} should not exist` }]
      : inheritedMemberFields(item, childPath);
  });
}

/** DTO classes whose unknown fields are dropped rather than refused (see IgnoresUnknownFields). */
const IGNORING_UNKNOWN_FIELDS = new WeakSet<object>();

/**
 * For the query of a route a browser navigates to from links Duban does not write (a county portal's
 * `?lang=zh`, `utm_source`): fields the DTO does not declare are dropped instead of refused, so the
 * person reaches the page rather than a problem+json body. The declared fields are checked as anywhere
 * else. Everything else keeps refusing unknown fields.
 */
export const IgnoresUnknownFields = (): ClassDecorator => (target) => {
  IGNORING_UNKNOWN_FIELDS.add(target);
};

/**
 * The global pipe. Before any DTO rule, every value a client sent is checked once for text the
 * database or the ledger cannot hold (see `unstorableValues`), on every route whatever its DTO.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CLIENT_INPUT.has(metadata.type)) {
      const path = metadata.data ?? '';
      const problems = [...unstorableValues(value, path), ...inheritedMemberFields(value, path)];
      if (problems.length > 0) throw invalidRequest(problems);
    }
    return super.transform(value, metadata);
  }

  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    // Still whitelisted: the unknown fields are stripped, never handed to the route.
    const ignoring = IGNORING_UNKNOWN_FIELDS.has(object.constructor);
    return super.validate(
      object,
      ignoring ? { ...validatorOptions, forbidNonWhitelisted: false } : validatorOptions,
    );
  }
}

/** Validation happens once, at the edge: unknown fields are refused, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidRequest(fieldProblems(errors)),
  });
}

/**
 * Input that comes in by another door than HTTP (the command line) checked as the API checks its body:
 * the same pipe and DTO, so a blank reason or a direction control is refused there too.
 */
export async function validInput<T extends object>(dto: Type<T>, input: T): Promise<T> {
  return (await createValidationPipe().transform(input, { type: 'body', metatype: dto })) as T;
}
