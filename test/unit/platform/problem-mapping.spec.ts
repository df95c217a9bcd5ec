import { describe, expect, it } from '@jest/globals';
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import {
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ValidationError } from 'class-validator';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { DubanError } from '../../../libs/platform/src/errors/duban-error.js';
import { toDubanError } from '../../../libs/platform/src/errors/problem-details.filter.js';
import { PROBLEM_TYPE_BASE, toProblem } from '../../../libs/platform/src/errors/problem.js';
import { fieldProblems } from '../../../libs/platform/src/errors/validation.js';

describe('toProblem', () => {
  it.each<[ErrorKind, number]>([
    [ErrorKind.Validation, 400],
    [ErrorKind.Unauthenticated, 401],
    [ErrorKind.Forbidden, 403],
    [ErrorKind.NotFound, 404],
    [ErrorKind.Conflict, 409],
    [ErrorKind.MethodNotAllowed, 405],
    [ErrorKind.PayloadTooLarge, 413],
    [ErrorKind.UnsupportedMediaType, 415],
    [ErrorKind.UnprocessableContent, 422],
    [ErrorKind.TooManyRequests, 429],
    [ErrorKind.Unavailable, 503],
    [ErrorKind.Internal, 500],
  ])('gives kind %s the status %i', (kind, status) => {
    expect(toProblem(new DubanError(kind, 'x.y', 'm')).status).toBe(status);
  });

  it('covers every error kind', () => {
    expect(Object.values(ErrorKind)).toHaveLength(12);
  });

  it('builds the document from the code, the kind and the message', () => {
    const problem = toProblem(new DubanError(ErrorKind.NotFound, 'case.not-found', 'No such case'));
    expect(problem).toEqual({
      type: 'https://duban.example/problems/case.not-found',
      title: 'Not found',
      status: 404,
      detail: 'No such case',
      code: 'case.not-found',
    });
  });

  it('uses the stable problem type base', () => {
    expect(PROBLEM_TYPE_BASE).toBe('https://duban.example/problems/');
    expect(toProblem(new DubanError(ErrorKind.Conflict, 'directive.illegal-step', 'm')).type).toBe(
      'https://duban.example/problems/directive.illegal-step',
    );
  });

  it('has no errors member when there are no field problems', () => {
    const problem = toProblem(new DubanError(ErrorKind.Validation, 'request.invalid', 'm'));
    expect('errors' in problem).toBe(false);
  });

  it('lists field problems under errors when there are some', () => {
    const fields = [{ path: 'business.creditCode', message: 'bad' }];
    const problem = toProblem(new DubanError(ErrorKind.Validation, 'request.invalid', 'm', {}, fields));
    expect(problem.errors).toEqual([{ path: 'business.creditCode', message: 'bad' }]);
  });

  it('spreads extension details into the document', () => {
    const details = { state: { status: 'acknowledged' }, allowedSteps: [] };
    const problem = toProblem(new DubanError(ErrorKind.Conflict, 'directive.illegal-step', 'm', details));
    expect(problem).toEqual({
      type: 'https://duban.example/problems/directive.illegal-step',
      title: 'The request conflicts with the current state',
      status: 409,
      detail: 'm',
      code: 'directive.illegal-step',
      state: { status: 'acknowledged' },
      allowedSteps: [],
    });
  });

  it('does not let details override the standard members', () => {
    const details = { status: 200, type: 'about:blank', code: 'other', detail: 'x', title: 't' };
    const problem = toProblem(new DubanError(ErrorKind.Forbidden, 'directive.not-assignee', 'no', details));
    expect(problem).toMatchObject({
      status: 403,
      type: 'https://duban.example/problems/directive.not-assignee',
      code: 'directive.not-assignee',
      detail: 'no',
      title: 'This role may not do that',
    });
  });

  it('sets instance when given and leaves it out otherwise', () => {
    const error = new DubanError(ErrorKind.NotFound, 'case.not-found', 'm');
    expect(toProblem(error, '/directives/DB-1').instance).toBe('/directives/DB-1');
    expect('instance' in toProblem(error)).toBe(false);
  });
});

describe('toDubanError', () => {
  it('passes a DubanError through unchanged (same object)', () => {
    const error = new DubanError(ErrorKind.Conflict, 'x.y', 'm', { a: 1 });
    expect(toDubanError(error)).toBe(error);
  });

  describe('Temporal errors', () => {
    it('maps WorkflowNotFoundError to not-found case.not-found', () => {
      const error = toDubanError(new WorkflowNotFoundError('x', 'wf', undefined));
      expect(error).toBeInstanceOf(DubanError);
      expect(error.kind).toBe(ErrorKind.NotFound);
      expect(error.code).toBe('case.not-found');
      expect(error.message).toBe('No such case');
    });

    it('maps WorkflowExecutionAlreadyStartedError to conflict case.already-exists', () => {
      const error = toDubanError(new WorkflowExecutionAlreadyStartedError('x', 'wf', 'type'));
      expect(error.kind).toBe(ErrorKind.Conflict);
      expect(error.code).toBe('case.already-exists');
      expect(toProblem(error).status).toBe(409);
    });

    it('maps a rejected Update to the kind, code and details of its step rejection', () => {
      const failure = ApplicationFailure.create({
        type: 'directive.illegal-step',
        message: 'The directive is already acknowledged',
        details: [{ kind: ErrorKind.Conflict, state: { status: 'acknowledged' } }],
      });
      const error = toDubanError(new WorkflowUpdateFailedError('Workflow Update failed', failure));
      expect(error.kind).toBe(ErrorKind.Conflict);
      expect(error.code).toBe('directive.illegal-step');
      expect(error.message).toBe('The directive is already acknowledged');
      expect(error.details).toEqual({ state: { status: 'acknowledged' } });
      expect(toProblem(error)).toEqual({
        type: 'https://duban.example/problems/directive.illegal-step',
        title: 'The request conflicts with the current state',
        status: 409,
        detail: 'The directive is already acknowledged',
        code: 'directive.illegal-step',
        state: { status: 'acknowledged' },
      });
    });

    it('maps a forbidden step rejection to 403', () => {
      const failure = ApplicationFailure.create({
        type: 'directive.not-assignee',
        message: 'm',
        details: [{ kind: ErrorKind.Forbidden }],
      });
      const error = toDubanError(new WorkflowUpdateFailedError('failed', failure));
      expect(error.kind).toBe(ErrorKind.Forbidden);
      expect(error.code).toBe('directive.not-assignee');
      expect(error.details).toEqual({});
    });

    it('treats an Update failure whose detail has an unknown kind as internal', () => {
      const failure = ApplicationFailure.create({
        type: 't',
        message: 'secret',
        details: [{ kind: 'weird' }],
      });
      const error = toDubanError(new WorkflowUpdateFailedError('failed', failure));
      expect(error.kind).toBe(ErrorKind.Internal);
      expect(error.code).toBe('internal');
      expect(error.message).not.toContain('secret');
    });

    it('treats an Update failure without details as internal', () => {
      const failure = ApplicationFailure.create({ type: 't', message: 'm' });
      expect(toDubanError(new WorkflowUpdateFailedError('failed', failure)).kind).toBe(ErrorKind.Internal);
    });

    it('treats an Update failure whose cause is not an ApplicationFailure as internal', () => {
      const error = toDubanError(new WorkflowUpdateFailedError('failed', new Error('boom')));
      expect(error.kind).toBe(ErrorKind.Internal);
    });
  });

  describe('a dependency that does not answer is 503, not 500', () => {
    const grpcError = (code: number) =>
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
        code,
        details: 'x',
        metadata: {},
      });

    it('maps a Temporal call that found no frontend to dependency.unavailable', () => {
      const error = toDubanError(new ServiceError('Failed to start Workflow', { cause: grpcError(14) }));
      expect(error).toMatchObject({
        kind: ErrorKind.Unavailable,
        code: 'dependency.unavailable',
        details: { dependency: 'temporal' },
      });
    });

    it.each([
      ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
      ['a server shutting down', Object.assign(new Error('terminating connection'), { code: '57P01' })],
      ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ])('maps %s to PostgreSQL being unavailable', (_name, cause) => {
      expect(toDubanError(cause)).toMatchObject({
        kind: ErrorKind.Unavailable,
        details: { dependency: 'postgres' },
      });
    });

    it('keeps other gRPC failures and SQL errors internal', () => {
      expect(toDubanError(new ServiceError('x', { cause: grpcError(13) })).kind).toBe(ErrorKind.Internal);
      expect(toDubanError(Object.assign(new Error('dup'), { code: '23505' })).kind).toBe(ErrorKind.Internal);
    });
  });

  describe('Nest HttpExceptions', () => {
    it('maps an unknown route to http.route-not-found', () => {
      const error = toDubanError(new NotFoundException('Cannot GET /x'));
      expect(error.kind).toBe(ErrorKind.NotFound);
      expect(error.code).toBe('http.route-not-found');
      expect(error.message).toBe('Cannot GET /x');
    });

    it('maps a body that is too large to payload-too-large request.too-large', () => {
      const cause = Object.assign(new Error('x'), { type: 'entity.too.large', limit: 102_400 });
      const error = toDubanError(new HttpException('too big', 413, { cause }));
      expect(error.kind).toBe(ErrorKind.PayloadTooLarge);
      expect(error.code).toBe('request.too-large');
      // The limit, so a client (the console's import page) can say how much fits.
      expect(toProblem(error)).toMatchObject({ status: 413, limitBytes: 102_400 });
    });

    it('maps malformed JSON to validation request.malformed-json', () => {
      const cause = Object.assign(new Error('Unexpected token'), { type: 'entity.parse.failed' });
      const error = toDubanError(new BadRequestException('Unexpected token', { cause }));
      expect(error.kind).toBe(ErrorKind.Validation);
      expect(error.code).toBe('request.malformed-json');
      expect(toProblem(error).status).toBe(400);
    });

    it.each([
      ['encoding.unsupported', 'request.unsupported-encoding'],
      ['charset.unsupported', 'request.unsupported-charset'],
    ])('maps body-parser error %s to %s', (type, code) => {
      const cause = Object.assign(new Error('x'), { type });
      expect(toDubanError(new HttpException('x', 415, { cause })).code).toBe(code);
    });

    it('maps other exceptions by status to http.<status>', () => {
      expect(toDubanError(new UnauthorizedException())).toMatchObject({
        kind: ErrorKind.Unauthenticated,
        code: 'http.401',
      });
      expect(toDubanError(new ForbiddenException())).toMatchObject({
        kind: ErrorKind.Forbidden,
        code: 'http.403',
      });
      expect(toDubanError(new BadRequestException('bad'))).toMatchObject({
        kind: ErrorKind.Validation,
        code: 'http.400',
      });
    });

    it('maps unknown 5xx statuses to internal and unknown 4xx statuses to validation', () => {
      expect(toDubanError(new HttpException('gateway', 502))).toMatchObject({
        kind: ErrorKind.Internal,
        code: 'http.502',
      });
      expect(toDubanError(new HttpException('teapot', 418))).toMatchObject({
        kind: ErrorKind.Validation,
        code: 'http.418',
      });
    });
  });

  describe('anything else', () => {
    it('becomes an internal error that does not leak the original message', () => {
      const error = toDubanError(new Error('db password is hunter2'));
      expect(error.kind).toBe(ErrorKind.Internal);
      expect(error.code).toBe('internal');
      const problem = toProblem(error, '/directives');
      expect(problem).toEqual({
        type: 'https://duban.example/problems/internal',
        title: 'Internal error',
        status: 500,
        detail: 'An unexpected error occurred; it has been logged',
        code: 'internal',
        instance: '/directives',
      });
      expect(JSON.stringify(problem)).not.toContain('hunter2');
    });

    it.each([['a string'], [42], [null], [undefined], [{ message: 'hunter2' }]])(
      'turns the thrown non-error %p into an internal error',
      (thrown) => {
        const error = toDubanError(thrown);
        expect(error.kind).toBe(ErrorKind.Internal);
        expect(error.message).toBe('An unexpected error occurred; it has been logged');
      },
    );
  });
});

function validationError(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  const error = new ValidationError();
  error.property = property;
  if (constraints) error.constraints = constraints;
  error.children = children;
  return error;
}

describe('fieldProblems', () => {
  it('gives a top-level property its name as path', () => {
    expect(fieldProblems([validationError('title', { isNotEmpty: 'title should not be empty' })])).toEqual([
      { path: 'title', message: 'title should not be empty' },
    ]);
  });

  it('joins nested properties with dots and array indices with brackets', () => {
    const errors = [
      validationError('business', undefined, [
        validationError('creditCode', { matches: 'creditCode must be an 18-character code' }),
      ]),
      validationError('evidence', undefined, [
        validationError('0', undefined, [
          validationError('sha256', { isHexadecimal: 'sha256 must be a hexadecimal number' }),
        ]),
      ]),
    ];
    expect(fieldProblems(errors)).toEqual([
      { path: 'business.creditCode', message: 'creditCode must be an 18-character code' },
      { path: 'evidence[0].sha256', message: 'sha256 must be a hexadecimal number' },
    ]);
  });

  it('lists one problem per failed constraint, own constraints before those of children', () => {
    const errors = [
      validationError('evidence', { arrayMinSize: 'evidence must contain at least 1 element' }, [
        validationError('12', { isObject: 'each value must be an object' }),
        validationError('3', undefined, [
          validationError('sha256', { isString: 'sha256 must be a string', length: 'sha256 length' }),
        ]),
      ]),
    ];
    expect(fieldProblems(errors)).toEqual([
      { path: 'evidence', message: 'evidence must contain at least 1 element' },
      { path: 'evidence[12]', message: 'each value must be an object' },
      { path: 'evidence[3].sha256', message: 'sha256 must be a string' },
      { path: 'evidence[3].sha256', message: 'sha256 length' },
    ]);
  });

  it('gives no problems for no errors, or for errors without constraints or children', () => {
    expect(fieldProblems([])).toEqual([]);
    expect(fieldProblems([validationError('business')])).toEqual([]);
  });

  it('treats only all-digit property names as array indices', () => {
    const errors = [validationError('a', undefined, [validationError('1x', { c: 'm' })])];
    expect(fieldProblems(errors)).toEqual([{ path: 'a.1x', message: 'm' }]);
  });
});
