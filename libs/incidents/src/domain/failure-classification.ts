import { DubanError } from '../../../platform/src/errors/duban-error.js';

/**
 * Whether an activity's failure can be mended by retrying it. A failure that cannot (data PostgreSQL
 * refuses, a broken constraint or invariant, a programming error) is "permanent": retrying it would
 * only hold its case forever. Anything not recognised is assumed transient (a connection dropped, a
 * serialization failure, a timeout): those are retried, and made visible once they retry too often.
 */
export type FailureVerdict =
  | { permanent: false }
  | {
      permanent: true;
      /** A stable, low-cardinality name: a metric label and the incident's `errorType`. */
      errorType: string;
      /** Safe to show an admin or a caller: never the failing data, never SQL. */
      message: string;
    };

const TRANSIENT: FailureVerdict = { permanent: false };

/** SQLSTATE classes whose errors repeat on every retry with the same input. */
const PERMANENT_SQLSTATE_CLASSES: Record<string, { errorType: string; meaning: string }> = {
  '22': { errorType: 'db.data-exception', meaning: 'The database refused the data of this step' },
  '23': { errorType: 'db.integrity-violation', meaning: 'The step would break a database constraint' },
};

/** Thrown by code for a mistake of its own; the same input raises them again. */
const PROGRAM_ERRORS: ReadonlyArray<new (...args: never[]) => Error> = [
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
];

export function classifyFailure(err: unknown): FailureVerdict {
  if (!(err instanceof Error)) return TRANSIENT;
  const sqlState = sqlStateOf(err);
  if (sqlState) {
    const permanent = PERMANENT_SQLSTATE_CLASSES[sqlState.slice(0, 2)];
    if (!permanent) return TRANSIENT;
    return {
      permanent: true,
      errorType: permanent.errorType,
      message: `${permanent.meaning} (SQLSTATE ${sqlState})`,
    };
  }
  const invariant = domainCodeOf(err);
  if (invariant) {
    return {
      permanent: true,
      errorType: invariant,
      message: `A rule of the engine was broken (${invariant})`,
    };
  }
  // A network failure surfaces as a TypeError too (fetch), with the system error as its cause.
  if (PROGRAM_ERRORS.some((type) => err instanceof type) && !hasSystemCause(err)) {
    return {
      permanent: true,
      errorType: 'program-error',
      message: `The engine could not process this step (${err.name})`,
    };
  }
  return TRANSIENT;
}

/** PostgreSQL's five-character SQLSTATE, as the driver (and TypeORM's QueryFailedError) carries it. */
function sqlStateOf(err: Error): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^\d{2}[0-9A-Z]{3}$/.test(code) ? code : undefined;
}

/** A domain error (DubanError) thrown inside an activity: a rule the engine itself relies on. */
function domainCodeOf(err: Error): string | undefined {
  return err instanceof DubanError ? err.code : undefined;
}

function hasSystemCause(err: Error): boolean {
  for (let cause: unknown = err.cause; cause instanceof Error; cause = cause.cause) {
    if (typeof (cause as { code?: unknown }).code === 'string') return true;
  }
  return false;
}
