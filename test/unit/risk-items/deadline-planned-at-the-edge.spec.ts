import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { RiskGrade, type DeadlinePurpose } from '../../../libs/contracts/src/risk-item.contracts.js';
import {
  deadlineTakenAt,
  planAtTheEdge,
  planRiskItemDeadline,
  type RiskItemPolicy,
} from '../../../libs/risk-items/src/domain/risk-item-policy.js';
import { loadRiskItemPolicy } from '../../../libs/risk-items/src/risk-item-policy.loader.js';

const table = loadHolidayTable();
const policy = loadRiskItemPolicy();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 00:00 Asia/Shanghai of 2024-01-01; the published notices cover 2024 and 2025 whole. */
const FIRST_LOCAL_MIDNIGHT = Date.parse('2024-01-01T00:00:00+08:00');

const grade = fc.constantFrom(RiskGrade.General, RiskGrade.Major, RiskGrade.Critical);
const purpose = fc.constantFrom<DeadlinePurpose>('rectification', 'verification');
/** A local day of 2024–2025 and two instants in it, the plan's and the step's (no earlier than the plan). */
const sameDay = fc
  .tuple(
    fc.integer({ min: 0, max: 720 }),
    fc.integer({ min: 0, max: DAY - 1 }),
    fc.integer({ min: 0, max: DAY - 1 }),
  )
  .map(([day, a, b]) => {
    const midnight = FIRST_LOCAL_MIDNIGHT + day * DAY;
    return { plannedAt: midnight + Math.min(a, b), takenAt: midnight + Math.max(a, b) };
  });
const iso = (ms: number) => new Date(ms).toISOString();

describe('a deadline planned at the edge (the API) and taken by the workflow', () => {
  it('is, on the step’s own day, exactly the deadline planning at the step’s instant gives', () => {
    fc.assert(
      fc.property(sameDay, grade, purpose, ({ plannedAt, takenAt }, g, p) => {
        const planned = planAtTheEdge(policy, p, g, iso(plannedAt), table);
        expect(deadlineTakenAt(planned, iso(takenAt))).toEqual(
          planRiskItemDeadline(policy, p, g, iso(takenAt), table),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('is not taken by a step on another day: the request crossed midnight', () => {
    fc.assert(
      fc.property(sameDay, grade, purpose, ({ plannedAt, takenAt }, g, p) => {
        const planned = planAtTheEdge(policy, p, g, iso(plannedAt), table);
        expect(deadlineTakenAt(planned, iso(takenAt + DAY))).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('is not planned for an hour clock, whose end depends on the step’s exact instant', () => {
    const hourly: RiskItemPolicy = {
      ...policy,
      rectification: { ...policy.rectification, critical: { amount: 24, unit: 'hours' } },
    };
    const at = '2024-12-03T09:00:00+08:00';
    expect(planAtTheEdge(hourly, 'rectification', RiskGrade.Critical, at, table)).toBeUndefined();
    expect(planAtTheEdge(hourly, 'rectification', RiskGrade.General, at, table)).toBeDefined();
  });

  it('is not planned where the holiday table cannot plan it: the workflow’s own planning fails the step', () => {
    const uncovered = '2031-06-01T09:00:00+08:00';
    expect(() =>
      planRiskItemDeadline(policy, 'rectification', RiskGrade.General, uncovered, table),
    ).toThrow();
    expect(planAtTheEdge(policy, 'rectification', RiskGrade.General, uncovered, table)).toBeUndefined();
    expect(deadlineTakenAt(undefined, uncovered)).toBeUndefined();
  });
});
