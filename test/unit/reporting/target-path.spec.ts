import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Indicator } from '../../../libs/contracts/src/plan.contracts.js';
import { addDays } from '../../../libs/calendar/src/domain/holiday-table.js';
import {
  attainment,
  baselineOf,
  gapBehind,
  isLagging,
  targetPathAt,
} from '../../../libs/reporting/src/domain/target-path.js';
import { PLAN_FIXTURE } from '../../helpers/plan-fixture.js';

const [rate, streets] = PLAN_FIXTURE.actions[0].indicators;
const keep = PLAN_FIXTURE.actions[1].indicators[0];
const FROM = '2022-07-07';
const lagging = { percentPoints: 10, countShare: 0.2 };
/** 达到100% by 2024-12-31 (e.g. a4-inspection-rectified): a target to reach, not a level held from day one. */
const hundredBy2024: Indicator = {
  ...rate,
  id: 'a4-inspection-rectified',
  targets: [{ mode: 'reach', value: 100, due: '2024-12-31' }],
};

describe('target path: reach targets ramp from the baseline (decision 0018)', () => {
  it('meets each year-end target on its due date', () => {
    expect(targetPathAt(rate, '2022-12-31', FROM, 30)).toBe(50);
    expect(targetPathAt(rate, '2023-12-31', FROM, 30)).toBe(70);
    expect(targetPathAt(rate, '2024-12-31', FROM, 30)).toBe(80);
  });

  it('runs in a straight line between year-end targets: 50 → 70 over 2023 (365 days)', () => {
    // 2023-07-02 is 183 days after 2022-12-31.
    expect(targetPathAt(rate, '2023-07-02', FROM, 30)).toBeCloseTo(50 + (20 * 183) / 365, 10);
    // 2024 is a leap year: 366 days from 70 to 80; 2024-03-31 is day 91.
    expect(targetPathAt(rate, '2024-03-31', FROM, 30)).toBeCloseTo(70 + (10 * 91) / 366, 10);
  });

  it('starts from the baseline on the campaign start, not from 0 and not at the end value', () => {
    expect(targetPathAt(rate, FROM, FROM, 30)).toBe(30);
    // 2022-09-30 is 85 of the 177 days from 2022-07-07 to 2022-12-31.
    expect(targetPathAt(rate, '2022-09-30', FROM, 30)).toBeCloseTo(30 + (20 * 85) / 177, 10);
  });

  it('a unit at 60% in Q3 2022 on a 100%-by-2024 target is measured against the ramp: not lagging', () => {
    // Baseline 55 from the first dispatch; 2022-09-30 is 85 of the 908 days to 2024-12-31.
    const path = targetPathAt(hundredBy2024, '2022-09-30', FROM, 55);
    expect(path).toBeCloseTo(55 + (45 * 85) / 908, 10);
    expect(isLagging(hundredBy2024, 60, path, lagging)).toBe(false);
    expect(attainment(hundredBy2024, 60, path)).toBe(1);
    // Against the end value (the old '=' reading) it would have lagged by 40 points.
    expect(isLagging(hundredBy2024, 60, 100, lagging)).toBe(true);
  });

  it('two 示范街 for a target of one meet it: exceeding a reach target is never a miss', () => {
    const path = targetPathAt(streets, '2023-12-31', FROM, 0);
    expect(path).toBe(1);
    expect(gapBehind(streets, 2, path)).toBe(-1);
    expect(isLagging(streets, 2, path, lagging)).toBe(false);
    expect(attainment(streets, 2, path)).toBe(1);
  });

  it('a unit already past the first target on the first day is held to the target, not asked to step back', () => {
    expect(targetPathAt(rate, FROM, FROM, 65)).toBe(50);
    expect(targetPathAt(rate, '2022-12-31', FROM, 65)).toBe(50);
  });

  it('a count ramps in whole steps: 10 benchmark shops by 2023-12-31 from 0 is 5 half-way, 0 streets of 1 is on track until the date', () => {
    const shops: Indicator = { ...streets, targets: [{ mode: 'reach', value: 10, due: '2023-12-31' }] };
    // 2023-04-04 is day 271 of the 542 from 2022-07-07: 5.0 exactly; the day before is 4.98 → 4.
    expect(targetPathAt(shops, '2023-04-04', FROM, 0)).toBe(5);
    expect(targetPathAt(shops, '2023-04-03', FROM, 0)).toBe(4);
    expect(targetPathAt(streets, '2023-12-30', FROM, 0)).toBe(0);
    expect(isLagging(streets, 0, targetPathAt(streets, '2023-09-30', FROM, 0), lagging)).toBe(false);
  });

  it('holds the last target after its due date', () => {
    expect(targetPathAt(rate, '2025-06-30', FROM, 30)).toBe(80);
  });

  it('a <= reach target ramps down from a higher baseline to its ceiling', () => {
    const incidents: Indicator = {
      ...streets,
      comparator: '<=',
      targets: [{ mode: 'reach', value: 2, due: '2023-12-31' }],
    };
    expect(targetPathAt(incidents, FROM, FROM, 10)).toBe(10);
    // Day 271 of 542: 10 − 8 × 271/542 = 6 exactly; a day earlier 6.01 → a ceiling of 7.
    expect(targetPathAt(incidents, '2023-04-04', FROM, 10)).toBe(6);
    expect(targetPathAt(incidents, '2023-04-03', FROM, 10)).toBe(7);
    expect(targetPathAt(incidents, '2023-12-31', FROM, 10)).toBe(2);
    expect(gapBehind(incidents, 7, 5)).toBe(2);
    expect(attainment(incidents, 4, 2)).toBeCloseTo(0.5, 10);
  });
});

describe('target path: keep targets (保持在) hold their level throughout', () => {
  it('from the first day to the due date, whatever the baseline', () => {
    expect(targetPathAt(keep, FROM, FROM, 40)).toBe(98);
    expect(targetPathAt(keep, '2022-09-30', FROM, 40)).toBe(98);
    expect(targetPathAt(keep, '2024-12-31', FROM, 40)).toBe(98);
  });

  it('a unit below the level lags by the shortfall; above it is met', () => {
    expect(gapBehind(keep, 97, 98)).toBe(1);
    expect(attainment(keep, 99.5, 98)).toBe(1);
    expect(isLagging(keep, 85, 98, lagging)).toBe(true);
  });
});

describe('baseline of an indicator', () => {
  it("the plan's own value first, then the unit's first-dispatch value, else 0", () => {
    expect(baselineOf({ ...rate, baseline: 20 }, 35)).toEqual({ value: 20, source: 'plan' });
    expect(baselineOf(rate, 35)).toEqual({ value: 35, source: 'first-dispatch' });
    expect(baselineOf(rate, null)).toEqual({ value: 0, source: 'none' });
  });
});

describe('lagging and attainment', () => {
  it('calls a percent lagging beyond the percentage-point threshold, not at it', () => {
    expect(isLagging(rate, 45, 55, lagging)).toBe(false);
    expect(isLagging(rate, 44.9, 55, lagging)).toBe(true);
  });

  it('calls a count lagging when short of the path by more than the share', () => {
    expect(isLagging(streets, 4, 5, lagging)).toBe(false);
    expect(isLagging(streets, 3, 5, lagging)).toBe(true);
  });

  it('gives attainment as the met share of the path, capped at 1', () => {
    expect(attainment(rate, 60, 50)).toBe(1);
    expect(attainment(rate, 40, 50)).toBeCloseTo(0.8, 10);
    expect(attainment(streets, 0, 0)).toBe(1);
  });
});

/** Ascending year-end reach targets within the campaign, as the plan writes them (到2022、2023、2024年底). */
const ascendingReach = fc
  .uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 3 })
  .map((values): Indicator => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      ...rate,
      targets: sorted.map((value, i) => ({
        mode: 'reach',
        value,
        due: `${2024 - sorted.length + 1 + i}-12-31`,
      })),
    };
  });
const campaignDay = fc.integer({ min: 0, max: 1000 }).map((n) => addDays(FROM, n));
const percent = fc.double({ min: 0, max: 100, noNaN: true });

describe('target path properties (fast-check)', () => {
  it('a value at or beyond the path never lags and is fully attained', () => {
    fc.assert(
      fc.property(ascendingReach, campaignDay, percent, percent, (indicator, day, baseline, extra) => {
        const path = targetPathAt(indicator, day, FROM, baseline);
        const actual = Math.min(100, path + extra);
        expect(isLagging(indicator, actual, path, lagging)).toBe(false);
        expect(attainment(indicator, actual, path)).toBe(1);
      }),
    );
  });

  it('the path never asks for more than the target in force, and rises day by day', () => {
    fc.assert(
      fc.property(ascendingReach, campaignDay, percent, (indicator, day, baseline) => {
        const path = targetPathAt(indicator, day, FROM, baseline);
        const inForce = indicator.targets.find((t) => t.due >= day) ?? indicator.targets.at(-1)!;
        expect(path).toBeLessThanOrEqual(inForce.value + 1e-9);
        expect(targetPathAt(indicator, addDays(day, 1), FROM, baseline)).toBeGreaterThanOrEqual(path - 1e-9);
      }),
    );
  });

  it('each target is met exactly on its due date, whatever the baseline', () => {
    fc.assert(
      fc.property(ascendingReach, percent, (indicator, baseline) => {
        for (const target of indicator.targets) {
          expect(targetPathAt(indicator, target.due, FROM, baseline)).toBeCloseTo(target.value, 9);
        }
      }),
    );
  });

  it('a keep target is the same level on every day up to its date', () => {
    fc.assert(
      fc.property(percent, campaignDay, percent, (value, day, baseline) => {
        const held: Indicator = { ...keep, targets: [{ mode: 'keep', value, due: '2024-12-31' }] };
        expect(targetPathAt(held, day, FROM, baseline)).toBe(value);
      }),
    );
  });
});
