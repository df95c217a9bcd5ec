import { describe, expect, it } from '@jest/globals';
import { diffStates, parseMoment, stateAt } from '../../../libs/audit/src/domain/case-state.js';
import { DubanError } from '../../../libs/platform/src/errors/duban-error.js';

const entries = [
  {
    sequence: 1,
    action: 'register',
    occurredAt: '2026-11-28T01:00:00.000Z',
    stateAfter: { status: 'registered' },
  },
  {
    sequence: 2,
    action: 'assign',
    occurredAt: '2026-11-28T02:00:00.000Z',
    stateAfter: { status: 'assigned' },
  },
  {
    sequence: 3,
    action: 'start',
    occurredAt: '2026-11-28T02:00:00.000Z',
    stateAfter: { status: 'rectifying' },
  },
];

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return `${(err as DubanError).kind} ${(err as DubanError).code}`;
  }
  return 'no error';
};

describe('parseMoment', () => {
  it('reads a positive ledger sequence', () => {
    expect(parseMoment('at', '3')).toEqual({ sequence: 3 });
  });

  it('reads ISO 8601 timestamps with an offset, and dates, as instants', () => {
    expect(parseMoment('at', '2026-11-28T10:00:00+08:00')).toEqual({ instant: '2026-11-28T02:00:00.000Z' });
    expect(parseMoment('at', '2026-11-28T02:00:00.5Z')).toEqual({ instant: '2026-11-28T02:00:00.500Z' });
    expect(parseMoment('at', '2026-11-28')).toEqual({ instant: '2026-11-28T00:00:00.000Z' });
  });

  it.each([
    '0',
    '-1',
    '1.5',
    'yesterday',
    '2026-11-28T10:00:00',
    '2026-13-45T00:00:00Z',
    '',
    '1e3',
    '2026-02-30T09:00:00+08:00',
    '2026-02-30',
    '2026-11-28T24:00:00Z',
  ])('refuses %j as malformed (400)', (raw) => {
    expect(codeOf(() => parseMoment('at', raw))).toBe('validation audit.malformed-moment');
  });

  it('says which day does not exist, rather than rolling it over to the next month', () => {
    expect(() => parseMoment('at', '2026-02-30T09:00:00+08:00')).toThrow(
      expect.objectContaining({
        fields: [{ path: 'at', message: 'at must name a real day (there is no 2026-02-30)' }],
      }),
    );
  });

  it('names the parameter and the accepted forms', () => {
    expect(() => parseMoment('from', 'soon')).toThrow(/^from must be a ledger sequence .* got 'soon'$/);
  });
});

describe('stateAt', () => {
  it('finds a step by sequence', () => {
    expect(stateAt(entries, { sequence: 2 }).action).toBe('assign');
  });

  it('takes the last step at or before an instant (the later of two at the same instant)', () => {
    expect(stateAt(entries, { instant: '2026-11-28T01:59:59.999Z' }).sequence).toBe(1);
    expect(stateAt(entries, { instant: '2026-11-28T02:00:00.000Z' }).sequence).toBe(3);
    expect(stateAt(entries, { instant: '2030-01-01T00:00:00.000Z' }).sequence).toBe(3);
  });

  it('refuses an instant before the case existed, saying when it began', () => {
    expect(codeOf(() => stateAt(entries, { instant: '2026-11-28T00:59:59.999Z' }))).toBe(
      'unprocessable-content audit.before-case-existed',
    );
    expect(() => stateAt(entries, { instant: '2026-11-28T00:00:00.000Z' })).toThrow(
      'its first step is at 2026-11-28T01:00:00.000Z',
    );
  });

  it('refuses a sequence the case never reached', () => {
    expect(codeOf(() => stateAt(entries, { sequence: 4 }))).toBe('unprocessable-content audit.no-such-step');
  });
});

describe('diffStates', () => {
  it('lists changed, added and removed fields with dotted and indexed paths', () => {
    const before = {
      status: 'submitted',
      deadline: { dueAt: 'a', rule: 'r' },
      evidence: [{ sha256: 'x' }],
      note: 'n',
    };
    const after = {
      status: 'rectifying',
      deadline: { dueAt: 'b', rule: 'r' },
      evidence: [{ sha256: 'x' }, { sha256: 'y' }],
      round: 2,
    };
    expect(diffStates(before, after)).toEqual([
      { path: 'deadline.dueAt', op: 'changed', before: 'a', after: 'b' },
      { path: 'evidence[1]', op: 'added', after: { sha256: 'y' } },
      { path: 'note', op: 'removed', before: 'n' },
      { path: 'round', op: 'added', after: 2 },
      { path: 'status', op: 'changed', before: 'submitted', after: 'rectifying' },
    ]);
  });

  it('finds nothing between equal states, and compares a value that changed type as a whole', () => {
    expect(diffStates({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(diffStates({ a: null }, { a: { b: 1 } })).toEqual([
      { path: 'a', op: 'changed', before: null, after: { b: 1 } },
    ]);
    expect(diffStates([1], [])).toEqual([{ path: '[0]', op: 'removed', before: 1 }]);
    expect(diffStates('x', 'y')).toEqual([{ path: '$', op: 'changed', before: 'x', after: 'y' }]);
  });
});
