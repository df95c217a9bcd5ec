import { describe, expect, it } from '@jest/globals';
import { parseUnitImport } from '../../../libs/identity/src/domain/unit-import.js';
import {
  parseCommonPasswords,
  PasswordProblem,
  passwordProblems,
} from '../../../libs/identity/src/domain/password-policy.js';
import { afterFailure, isLocked, sessionExpiry } from '../../../libs/identity/src/domain/sign-in-policy.js';

const rules = {
  minLength: 12,
  common: parseCommonPasswords('# a comment\nsunshine\npassword\n\nqwerty123\n'),
};
const at = (iso: string) => new Date(iso);

describe('password policy', () => {
  it.each([
    ['sunshine', [PasswordProblem.TooShort, PasswordProblem.Common]],
    ['Sunshine2024!!', [PasswordProblem.Common]],
    ['2024sunshine!', [PasswordProblem.Common]],
    ['aaaaaaaaaaaaaa', [PasswordProblem.Common]],
    ['abcabcabcabcabc', [PasswordProblem.Common]],
    ['zhang.wei-has-a-secret', [PasswordProblem.ContainsUsername]],
    ['sturdy violet lantern 48', []],
  ])('%s → %j', (password, problems) => {
    expect(passwordProblems(password, 'zhang.wei', rules)).toEqual(problems);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblems('食品安全督办工作很重要啊', 'x', rules)).toEqual([]);
  });
});

describe('lockout', () => {
  const limits = { maxFailures: 3, lockoutMs: 15 * 60_000 };

  it('locks on the failure that reaches the limit, until the lockout ends', () => {
    let state = { failedSignIns: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 2; i++) {
      const next = afterFailure(state, at('2026-12-01T02:00:00Z'), limits);
      expect(next.lockedNow).toBe(false);
      state = next;
    }
    const third = afterFailure(state, at('2026-12-01T02:00:00Z'), limits);
    expect(third).toMatchObject({ lockedNow: true, lockedUntil: at('2026-12-01T02:15:00Z') });
    expect(isLocked(third, at('2026-12-01T02:14:59Z'))).toBe(true);
    expect(isLocked(third, at('2026-12-01T02:15:00Z'))).toBe(false);
  });

  it('counts afresh after a lockout has run out', () => {
    const expired = { failedSignIns: 3, lockedUntil: at('2026-12-01T02:15:00Z') };
    expect(afterFailure(expired, at('2026-12-01T03:00:00Z'), limits)).toEqual({
      failedSignIns: 1,
      lockedUntil: null,
      lockedNow: false,
    });
  });
});

describe('session expiry', () => {
  const limits = { idleMs: 30 * 60_000, maxLifetimeMs: 12 * 3600_000 };
  const session = { createdAt: at('2026-12-01T00:00:00Z'), lastSeenAt: at('2026-12-01T09:00:00Z') };

  it.each([
    ['2026-12-01T09:29:59Z', null],
    ['2026-12-01T09:30:00Z', 'idle'],
    ['2026-12-01T12:00:00Z', 'lifetime'],
  ])('at %s → %s', (now, expected) => {
    expect(sessionExpiry(session, at(now), limits)).toBe(expected);
  });
});

describe('unit import', () => {
  const known = new Map([['gov', { parentId: null, nameZh: '县政府', active: true }]]);

  it('reads quoted CSV fields and defaults', () => {
    const csv =
      'id,nameZh,nameEn,kind,parentId,active\r\nt-1,"甲,乙",A,township,gov,\r\nt-2,丙,"B ""b""",township,t-1,false\r\n';
    expect(parseUnitImport(csv, 'csv', known)).toEqual({
      units: [
        { id: 't-1', nameZh: '甲,乙', nameEn: 'A', kind: 'township', parentId: 'gov', active: true },
        { id: 't-2', nameZh: '丙', nameEn: 'B "b"', kind: 'township', parentId: 't-1', active: false },
      ],
      problems: [],
      problemsNotListed: 0,
      parentsByName: [],
    });
  });

  it('refuses a unit in use named as another in use, in the file or the database; a deactivated one frees its name', () => {
    const database = new Map([
      ['gov', { parentId: null, nameZh: '县政府', active: true }],
      ['old-cg', { parentId: 'gov', nameZh: '城关镇', active: false }],
      ['mc', { parentId: 'gov', nameZh: '木城街道', active: true }],
    ]);
    const csv = [
      'id,nameZh,nameEn,kind,parentId,active',
      'cg,城关镇,Chengguan,township,gov,',
      'mc-2,木城街道,Mucheng,township,gov,',
      'a,甲,A,township,gov,',
      'b,甲,B,township,gov,',
      'c,甲,C,township,gov,false',
    ].join('\n');
    expect(parseUnitImport(csv, 'csv', database).problems).toEqual([
      { line: 3, field: 'nameZh', message: 'is also the name of unit mc (木城街道)' },
      { line: 4, field: 'nameZh', message: 'is also the name of unit b (甲)' },
      { line: 5, field: 'nameZh', message: 'is also the name of unit a (甲)' },
    ]);
  });

  it('reports repeats, cycles and unknown fields by line', () => {
    const yaml = [
      '- { id: a, nameZh: 甲, nameEn: A, kind: township, parentId: b }',
      '- { id: b, nameZh: 乙, nameEn: B, kind: township, parentId: a }',
      '- { id: a, nameZh: 甲, nameEn: A, kind: township, colour: red }',
    ].join('\n');
    expect(parseUnitImport(yaml, 'yaml', known).problems).toEqual([
      { line: 1, field: 'parentId', message: 'would put the unit below itself' },
      { line: 2, field: 'parentId', message: 'would put the unit below itself' },
      { line: 3, field: 'colour', message: 'is not a unit field' },
      { line: 3, field: 'id', message: 'repeats line 1' },
    ]);
  });
});
