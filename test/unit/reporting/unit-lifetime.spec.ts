import { describe, expect, it } from '@jest/globals';
import { existedIn, inUseAt } from '../../../libs/reporting/src/domain/unit-lifetime.js';

/** 2025 as the assessment reads it: its days in Asia/Shanghai. */
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };
const Q1_2025 = { from: '2025-01-01', to: '2025-03-31' };

describe('a unit is held to a period it existed in (added before it ended, not retired before it began)', () => {
  it('counts the units the county started with, and units in use, in every period', () => {
    expect(existedIn({ addedAt: null, retiredAt: null }, YEAR_2025)).toBe(true);
    expect(existedIn({ addedAt: '2020-05-01T02:00:00Z', retiredAt: null }, YEAR_2025)).toBe(true);
  });

  it('leaves out a unit retired before the period’s first day in Beijing, and keeps one retired during it', () => {
    // 2024-12-31 23:59:59 in Beijing: before 2025 began there, though already 2025 nowhere.
    expect(existedIn({ addedAt: null, retiredAt: '2024-12-31T15:59:59.999Z' }, YEAR_2025)).toBe(false);
    // 2025-01-01 00:00 in Beijing (still 2024 in UTC): retired on 2025's first day, so during 2025.
    expect(existedIn({ addedAt: null, retiredAt: '2024-12-31T16:00:00Z' }, YEAR_2025)).toBe(true);
    expect(existedIn({ addedAt: null, retiredAt: '2025-12-31T15:59:59Z' }, YEAR_2025)).toBe(true);
    expect(existedIn({ addedAt: null, retiredAt: '2025-06-30T02:00:00Z' }, Q1_2025)).toBe(true);
    expect(
      existedIn(
        { addedAt: null, retiredAt: '2025-03-31T16:00:00Z' },
        { from: '2025-04-01', to: '2025-06-30' },
      ),
    ).toBe(true);
    expect(
      existedIn(
        { addedAt: null, retiredAt: '2025-03-31T15:00:00Z' },
        { from: '2025-04-01', to: '2025-06-30' },
      ),
    ).toBe(false);
  });

  it('leaves out a unit added after the period ended (Beijing time), as before', () => {
    expect(existedIn({ addedAt: '2025-12-31T16:00:00Z', retiredAt: null }, YEAR_2025)).toBe(false);
    expect(existedIn({ addedAt: '2025-12-31T15:59:59Z', retiredAt: null }, YEAR_2025)).toBe(true);
  });

  it('keeps a unit added and retired within the period, and leaves out one never in use (retired as it was added)', () => {
    expect(existedIn({ addedAt: '2025-03-01T02:00:00Z', retiredAt: '2025-09-01T02:00:00Z' }, YEAR_2025)).toBe(
      true,
    );
    expect(existedIn({ addedAt: '2025-03-01T02:00:00Z', retiredAt: '2025-03-01T02:00:00Z' }, YEAR_2025)).toBe(
      false,
    );
  });
});

describe('a unit is asked for reports by a dispatch at a moment it was in use', () => {
  const at = '2025-05-01T00:00:00Z';
  it('asks a unit in use, and one added by then', () => {
    expect(inUseAt({ addedAt: null, retiredAt: null, active: true }, at)).toBe(true);
    expect(inUseAt({ addedAt: at, retiredAt: null, active: true }, at)).toBe(true);
  });
  it('does not ask a unit added after the moment, or retired by it', () => {
    expect(inUseAt({ addedAt: '2025-05-01T00:00:01Z', retiredAt: null, active: true }, at)).toBe(false);
    expect(inUseAt({ addedAt: null, retiredAt: at, active: false }, at)).toBe(false);
  });
  it('asks a unit retired after the moment (a backfill runs as things stood then)', () => {
    expect(inUseAt({ addedAt: null, retiredAt: '2025-05-01T00:00:01Z', active: false }, at)).toBe(true);
  });
  it('never asks a unit out of use whose retirement nobody recorded', () => {
    expect(inUseAt({ addedAt: null, retiredAt: null, active: false }, at)).toBe(false);
  });
});
