import { describe, expect, it } from '@jest/globals';
import { type Indicator } from '../../../libs/contracts/src/plan.contracts.js';
import {
  attainment,
  gapBehind,
  isLagging,
  targetPathAt,
} from '../../../libs/reporting/src/domain/target-path.js';
import { PLAN_FIXTURE } from '../../helpers/plan-fixture.js';

const [rate, streets] = PLAN_FIXTURE.actions[0].indicators;
const keep = PLAN_FIXTURE.actions[1].indicators[0];
const FROM = '2022-07-07';
const lagging = { percentPoints: 10, countShare: 0.2 };

describe('target path (linear from the previous year-end target)', () => {
  it('meets each year-end target on its due date', () => {
    expect(targetPathAt(rate, '2022-12-31', FROM)).toBe(50);
    expect(targetPathAt(rate, '2023-12-31', FROM)).toBe(70);
    expect(targetPathAt(rate, '2024-12-31', FROM)).toBe(80);
  });

  it('runs in a straight line between year-end targets: 50 → 70 over 2023 (365 days)', () => {
    // 2023-07-02 is 183 days after 2022-12-31.
    expect(targetPathAt(rate, '2023-07-02', FROM)).toBeCloseTo(50 + (20 * 183) / 365, 10);
    // 2024 is a leap year: 366 days from 70 to 80; 2024-03-31 is day 91.
    expect(targetPathAt(rate, '2024-03-31', FROM)).toBeCloseTo(70 + (10 * 91) / 366, 10);
  });

  it('starts from 0 on the campaign start before the first target', () => {
    expect(targetPathAt(rate, FROM, FROM)).toBe(0);
    // 2022-09-30 is 85 of the 177 days from 2022-07-07 to 2022-12-31.
    expect(targetPathAt(rate, '2022-09-30', FROM)).toBeCloseTo((50 * 85) / 177, 10);
  });

  it('holds the last target after its due date, and a keep target from the start', () => {
    expect(targetPathAt(rate, '2025-06-30', FROM)).toBe(80);
    expect(targetPathAt(keep, '2022-09-30', FROM)).toBe(98);
    expect(targetPathAt(keep, '2024-12-31', FROM)).toBe(98);
  });

  it('treats a <= target as a ceiling throughout', () => {
    const incidents: Indicator = {
      ...streets,
      comparator: '<=',
      targets: [{ mode: 'reach', value: 2, due: '2023-12-31' }],
    };
    expect(targetPathAt(incidents, '2022-08-01', FROM)).toBe(2);
  });
});

describe('lagging and attainment', () => {
  it('measures the gap in the direction of the comparator', () => {
    expect(gapBehind(rate, 40, 55)).toBe(15);
    expect(gapBehind({ ...rate, comparator: '<=' }, 7, 5)).toBe(2);
    expect(gapBehind({ ...rate, comparator: '=' }, 3, 5)).toBe(2);
  });

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
    expect(attainment({ ...rate, comparator: '<=' }, 4, 2)).toBeCloseTo(0.5, 10);
    expect(attainment(streets, 0, 0)).toBe(1);
  });
});
