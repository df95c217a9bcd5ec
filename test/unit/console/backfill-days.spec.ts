import { describe, expect, it } from '@jest/globals';
import {
  beijingMidnight,
  outsideBackfillWindow,
} from '../../../apps/console/src/areas/supervise/backfill-days.js';

describe('the days the 补跑 pickers offer', () => {
  const window = { campaignFrom: '2022-07-07', today: '2026-03-15' };

  it('from the first of the month the campaign starts in to today, Beijing days', () => {
    expect(outsideBackfillWindow('2022-06-30', window)).toBe(true);
    expect(outsideBackfillWindow('2022-07-01', window)).toBe(false);
    expect(outsideBackfillWindow('2022-07-07', window)).toBe(false);
    expect(outsideBackfillWindow('2026-03-15', window)).toBe(false);
    expect(outsideBackfillWindow('2026-03-16', window)).toBe(true);
    expect(beijingMidnight('2022-07-01')).toBe('2022-07-01T00:00:00+08:00');
  });

  it('only the future until the plan is read', () => {
    expect(outsideBackfillWindow('2019-01-01', { campaignFrom: undefined, today: '2026-03-15' })).toBe(false);
    expect(outsideBackfillWindow('2026-03-16', { campaignFrom: undefined, today: '2026-03-15' })).toBe(true);
  });
});
