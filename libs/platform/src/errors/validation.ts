import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ErrorKind } from '../../../contracts/src/errors.js';
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

/** Validation happens once, at the edge: unknown fields are refused, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DubanError(
        ErrorKind.Validation,
        'request.invalid',
        'The request has invalid fields',
        {},
        fieldProblems(errors),
      ),
  });
}
