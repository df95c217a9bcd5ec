import { describe, expect, it } from '@jest/globals';
import {
  firstBulletinRun,
  quarterBeforeCampaign,
  yearBeforeCampaign,
} from '../../../libs/reporting/src/domain/campaign-start.js';

/** 08:00 Beijing time on a day: when the schedules fire. */
const eightAm = (day: string) => `${day}T08:00:00+08:00`;

describe('a cycle run at the campaign’s start', () => {
  it('makes no bulletin for the quarter before the campaign: the run in its first month reports on it', () => {
    // The bundled plan's campaign starts 2022-07-07: the July 2022 run reports on 2022-Q2.
    expect(quarterBeforeCampaign(eightAm('2022-07-20'), '2022-07-07')).toMatchObject({
      label: '2022-Q2',
      to: '2022-06-30',
    });
    // Nor for any quarter before that, however far back.
    expect(quarterBeforeCampaign(eightAm('2019-01-20'), '2022-07-07')?.label).toBe('2018-Q4');
  });

  it('reports on the quarter the campaign starts in, however late in it the campaign starts', () => {
    expect(quarterBeforeCampaign(eightAm('2022-10-20'), '2022-07-07')).toBeNull();
    expect(quarterBeforeCampaign(eightAm('2022-10-20'), '2022-09-30')).toBeNull();
    expect(quarterBeforeCampaign(eightAm('2024-04-20'), '2024-01-01')).toBeNull();
  });

  it('a campaign starting on a quarter’s first day: its January run reports on the year before', () => {
    expect(quarterBeforeCampaign(eightAm('2024-01-20'), '2024-01-01')?.label).toBe('2023-Q4');
  });

  it('has its first bulletin run at 00:00 Beijing time on the quarter after the one it starts in', () => {
    expect(firstBulletinRun('2022-07-07')).toBe('2022-09-30T16:00:00.000Z');
    expect(firstBulletinRun('2022-09-30')).toBe('2022-09-30T16:00:00.000Z');
    expect(firstBulletinRun('2024-01-01')).toBe('2024-03-31T16:00:00.000Z');
    expect(firstBulletinRun('2024-12-31')).toBe('2024-12-31T16:00:00.000Z');
    for (const campaignFrom of ['2022-07-07', '2024-01-01', '2024-12-31']) {
      const first = Date.parse(firstBulletinRun(campaignFrom));
      expect(quarterBeforeCampaign(new Date(first - 1).toISOString(), campaignFrom)).not.toBeNull();
      expect(quarterBeforeCampaign(new Date(first).toISOString(), campaignFrom)).toBeNull();
    }
  });

  it('has no score to approve for a year that ends before the campaign starts', () => {
    expect(yearBeforeCampaign(2021, '2022-07-07')).toBe(true);
    expect(yearBeforeCampaign(2022, '2022-07-07')).toBe(false);
    expect(yearBeforeCampaign(2023, '2024-01-01')).toBe(true);
    expect(yearBeforeCampaign(2024, '2024-01-01')).toBe(false);
  });
});
