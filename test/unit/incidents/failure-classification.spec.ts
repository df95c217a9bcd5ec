import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { classifyFailure } from '../../../libs/incidents/src/domain/failure-classification.js';
import { canonicalJson } from '../../../libs/platform/src/json/canonical-json.js';
import { DubanError } from '../../../libs/platform/src/errors/duban-error.js';

/** A driver error as TypeORM hands it on: the SQLSTATE in `code`, the data in the message. */
const queryFailed = (code: string, message: string) =>
  new QueryFailedError(
    'INSERT INTO risk_item …',
    ['张三 13800000000'],
    Object.assign(new Error(message), { code }),
  );

describe('classifying an activity failure', () => {
  it.each([
    ['22P05', 'unsupported Unicode escape sequence', 'db.data-exception'],
    ['22P02', 'invalid input syntax for type json', 'db.data-exception'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', 'db.data-exception'],
    ['23505', 'duplicate key value violates unique constraint', 'db.integrity-violation'],
    ['23503', 'insert or update violates foreign key constraint', 'db.integrity-violation'],
  ])('treats PostgreSQL %s (%s) as permanent', (code, message, errorType) => {
    expect(classifyFailure(queryFailed(code, message))).toEqual({
      permanent: true,
      errorType,
      message: expect.stringContaining(`SQLSTATE ${code}`),
    });
  });

  it('never repeats the failing data or the SQL in the safe message', () => {
    const verdict = classifyFailure(queryFailed('22P05', 'Key (name)=(张三 13800000000) is bad'));
    expect(verdict.permanent && verdict.message).not.toMatch(/张三|13800000000|INSERT/);
  });

  it.each([
    ['40001', 'could not serialize access due to concurrent update'],
    ['40P01', 'deadlock detected'],
    ['08006', 'connection failure'],
    ['57P01', 'terminating connection due to administrator command'],
    ['53300', 'too many connections'],
  ])('retries PostgreSQL %s (%s)', (code, message) => {
    expect(classifyFailure(queryFailed(code, message))).toEqual({ permanent: false });
  });

  it('retries a refused connection and a timeout', () => {
    expect(
      classifyFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toEqual({
      permanent: false,
    });
    expect(classifyFailure(new Error('Connection terminated due to connection timeout'))).toEqual({
      permanent: false,
    });
  });

  it('treats a programming error as permanent, but not a network failure that surfaces as a TypeError', () => {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toEqual({
      permanent: true,
      errorType: 'program-error',
      message: 'The engine could not process this step (TypeError)',
    });
    const fetchFailed = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(classifyFailure(fetchFailed)).toEqual({ permanent: false });
  });

  it('treats what canonical JSON cannot represent as permanent', () => {
    let thrown: unknown;
    try {
      canonicalJson({ score: Number.NaN });
    } catch (err) {
      thrown = err;
    }
    expect(classifyFailure(thrown)).toMatchObject({ permanent: true, errorType: 'program-error' });
  });

  it('treats a broken domain invariant as permanent, under its own code', () => {
    const taken = new DubanError(ErrorKind.Conflict, 'ledger.sequence-taken', 'sequence 3 of FX-1 is taken');
    expect(classifyFailure(taken)).toEqual({
      permanent: true,
      errorType: 'ledger.sequence-taken',
      message: 'A rule of the engine was broken (ledger.sequence-taken)',
    });
  });
});
