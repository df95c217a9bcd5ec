import { ErrorKind } from '../../../contracts/src/errors.js';
import { DubanError } from '../../../platform/src/errors/duban-error.js';
import { calendarDateProblem, dateTimeProblem } from '../../../platform/src/time/strict-dates.js';
import { AuditErrorCode, auditInvalid } from './audit-error.js';

/** A moment in a case's life: a ledger sequence number, or an instant. */
export type CaseMoment = { sequence: number } | { instant: string };

const SEQUENCE = /^[1-9]\d{0,8}$/;
const LOOKS_LIKE_A_DATE = /^\d{4}-\d{2}-\d{2}/;
const NEITHER = 'not a sequence or an ISO 8601 timestamp';

/** Reads `at`, `from` or `to`: a positive ledger sequence, or a real date or date-time (time with an offset). */
export function parseMoment(name: string, raw: string): CaseMoment {
  if (SEQUENCE.test(raw)) return { sequence: Number(raw) };
  // A date is read as 00:00 UTC; a date-time must say its offset, so the instant is unambiguous.
  const problem = raw.includes('T') ? dateTimeProblem(raw) : calendarDateProblem(raw);
  if (problem === undefined) return { instant: new Date(Date.parse(raw)).toISOString() };
  throw new DubanError(
    ErrorKind.Validation,
    AuditErrorCode.MalformedMoment,
    `${name} must be a ledger sequence (1, 2, …) or an ISO 8601 timestamp with an offset ` +
      `(2026-11-28T09:00:00+08:00); got '${raw}'`,
    {},
    [{ path: name, message: LOOKS_LIKE_A_DATE.test(raw) ? `${name} ${problem}` : NEITHER }],
  );
}

export interface RecordedState {
  sequence: number;
  action: string;
  occurredAt: string;
  stateAfter: unknown;
}

/** The entry whose state was current at the moment: the last one at or before it. */
export function stateAt<E extends RecordedState>(entries: readonly E[], moment: CaseMoment): E {
  const first = entries[0];
  if ('sequence' in moment) {
    const entry = entries.find((e) => e.sequence === moment.sequence);
    if (!entry) {
      throw auditInvalid(
        AuditErrorCode.NoSuchStep,
        `the case has steps 1 to ${entries.length}; there is no step ${moment.sequence}`,
        { lastSequence: entries.length },
      );
    }
    return entry;
  }
  const at = Date.parse(moment.instant);
  const current = entries.findLast((e) => Date.parse(e.occurredAt) <= at);
  if (!current) {
    throw auditInvalid(
      AuditErrorCode.BeforeCaseExisted,
      `${moment.instant} is before the case existed (its first step is at ${first?.occurredAt})`,
      { firstStepAt: first?.occurredAt },
    );
  }
  return current;
}

export type StateChange =
  | { path: string; op: 'added'; after: unknown }
  | { path: string; op: 'removed'; before: unknown }
  | { path: string; op: 'changed'; before: unknown; after: unknown };

/** Field-by-field differences between two states, with dotted paths (`deadline.dueAt`, `evidence[0]`). */
export function diffStates(before: unknown, after: unknown, path = ''): StateChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const child = path ? `${path}.${key}` : key;
      if (!(key in after)) return [{ path: child, op: 'removed' as const, before: before[key] }];
      if (!(key in before)) return [{ path: child, op: 'added' as const, after: after[key] }];
      return diffStates(before[key], after[key], child);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => {
      const child = `${path}[${i}]`;
      if (i >= after.length) return [{ path: child, op: 'removed' as const, before: before[i] }];
      if (i >= before.length) return [{ path: child, op: 'added' as const, after: after[i] }];
      return diffStates(before[i], after[i], child);
    }).flat();
  }
  return Object.is(before, after) ? [] : [{ path: path || '$', op: 'changed', before, after }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
