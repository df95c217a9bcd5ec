import { describe, expect, it } from '@jest/globals';
import {
  localDateOf,
  monthsOf,
  nothingOpenedBecause,
  previousMonthOf,
  previousQuarterOf,
} from '../../../libs/reporting/src/domain/periods.js';

describe('reporting periods (Asia/Shanghai)', () => {
  it('reads the local day of an instant, not the UTC day', () => {
    expect(localDateOf('2023-02-28T16:00:00Z')).toBe('2023-03-01');
    expect(localDateOf('2023-02-28T15:59:59Z')).toBe('2023-02-28');
  });

  it('a dispatch at 08:00 on 1 March asks about February (28 or 29 days)', () => {
    expect(previousMonthOf('2023-03-01T00:00:00Z')).toEqual({
      label: '2023-02',
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(previousMonthOf('2024-03-01T00:00:00Z')).toEqual({
      label: '2024-02',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(previousMonthOf('2023-01-01T00:00:00Z').label).toBe('2022-12');
  });

  it('a bulletin in the first month of a quarter covers the previous quarter', () => {
    expect(previousQuarterOf('2023-04-20T00:00:00Z')).toEqual({
      label: '2023-Q1',
      from: '2023-01-01',
      to: '2023-03-31',
    });
    expect(previousQuarterOf('2023-01-20T00:00:00Z')).toEqual({
      label: '2022-Q4',
      from: '2022-10-01',
      to: '2022-12-31',
    });
    expect(monthsOf(previousQuarterOf('2023-01-20T00:00:00Z'))).toEqual(['2022-10', '2022-11', '2022-12']);
  });

  it('says why a dispatch run opened nothing, and says nothing when it opened something', () => {
    // 08:00 on 1 January 2025 (Asia/Shanghai): the run asks about December 2024.
    const at = '2025-01-01T00:00:00Z';
    expect(nothingOpenedBecause(at, 0, 0)).toBe(
      'no monthly report is due for 2024-12 (outside the campaign period of the active plan) and no plan ' +
        'deliverable falls due in 2025-01',
    );
    expect(nothingOpenedBecause(at, 0, 12)).toBe('all 12 report requests of this run were open already');
    expect(nothingOpenedBecause(at, 3, 9)).toBeNull();
  });
});
