import { describe, expect, it } from '@jest/globals';
import { ReportingCycle } from '../../../libs/contracts/src/reporting-cycle.js';
import {
  beijingMidnight,
  outsideBackfillWindow,
} from '../../../apps/console/src/areas/supervise/backfill-days.js';

describe('the days the 补跑 pickers offer', () => {
  const window = { cycle: ReportingCycle.MonthlyDispatch, campaignFrom: '2022-07-07', today: '2026-03-15' };

  it('from the first of the month the campaign starts in to today, Beijing days', () => {
    expect(outsideBackfillWindow('2022-06-30', window)).toBe(true);
    expect(outsideBackfillWindow('2022-07-01', window)).toBe(false);
    expect(outsideBackfillWindow('2022-07-07', window)).toBe(false);
    expect(outsideBackfillWindow('2026-03-15', window)).toBe(false);
    expect(outsideBackfillWindow('2026-03-16', window)).toBe(true);
    expect(beijingMidnight('2022-07-01')).toBe('2022-07-01T00:00:00+08:00');
  });

  it('for bulletins, from the quarter after the one the campaign starts in', () => {
    const bulletins = { ...window, cycle: ReportingCycle.QuarterlyBulletin };
    expect(outsideBackfillWindow('2022-09-30', bulletins)).toBe(true);
    expect(outsideBackfillWindow('2022-10-01', bulletins)).toBe(false);
  });

  it('only the future until the plan is read', () => {
    expect(outsideBackfillWindow('2019-01-01', { ...window, campaignFrom: undefined })).toBe(false);
    expect(outsideBackfillWindow('2026-03-16', { ...window, campaignFrom: undefined })).toBe(true);
  });
});
