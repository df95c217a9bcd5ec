import { describe, expect, it } from '@jest/globals';
import { buildHolidayTable, type HolidayYearData } from '../../../libs/calendar/src/domain/holiday-table.js';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { RiskGrade, type PlannedDeadline } from '../../../libs/contracts/src/risk-item.contracts.js';
import {
  planRiskItemDeadline,
  type RiskItemPolicy,
} from '../../../libs/risk-items/src/domain/risk-item-policy.js';
import { loadRiskItemPolicy } from '../../../libs/risk-items/src/risk-item-policy.loader.js';

const table = loadHolidayTable();
const policy = loadRiskItemPolicy();

/*
 * September–October 2024 by hand, from the State Council notice for 2024 (国办发明电〔2023〕7号):
 * National Day 10-01..10-07 off; Sunday 09-29 and Saturday 10-12 are make-up working days.
 *
 *   Fri 09-27  start (not counted), 10:00 +08:00 = 02:00Z
 *   Sat 09-28  rest                       Sun 09-29  work  #1 (调休)
 *   Mon 09-30  work #2                    Tue–Mon 10-01..10-07  National Day
 *   Tue 10-08  work #3  ← critical (3)    Wed 10-09 #4   Thu 10-10 #5   Fri 10-11 #6
 *   Sat 10-12  work #7  ← major (7, 调休)  Sun 10-13 rest
 *   Mon 10-14 #8  Tue 10-15 #9  Wed 10-16 #10  Thu 10-17 #11  Fri 10-18 #12   Sat/Sun 10-19/20 rest
 *   Mon 10-21 #13  Tue 10-22 #14  Wed 10-23 #15  ← general (15)
 *
 * A day deadline ends at 24:00 Asia/Shanghai = 16:00Z of the same date. The reminder goes out when two
 * working days remain: at the end of the day before the last two working days up to the due day.
 */
const START = '2024-09-27T10:00:00+08:00';

describe('planRiskItemDeadline with the bundled policy and the real holiday table', () => {
  it('the bundled policy is 15/7/3 working days, a 2-working-day reminder and 10 calendar days to verify', () => {
    expect(policy.version).toBe('2026-11-28.1');
    expect(policy.rectification).toEqual({
      general: { amount: 15, unit: 'workdays' },
      major: { amount: 7, unit: 'workdays' },
      critical: { amount: 3, unit: 'workdays' },
    });
    expect(policy.reminderBeforeWorkdays).toBe(2);
    expect(policy.verification).toEqual({ amount: 10, unit: 'days' });
  });

  it.each([
    {
      grade: RiskGrade.General,
      dueAt: '2024-10-23T16:00:00.000Z', // Wed 10-23, working day #15
      reminderAt: '2024-10-21T16:00:00.000Z', // last two: 10-23, 10-22 → end of Mon 10-21
    },
    {
      grade: RiskGrade.Major,
      dueAt: '2024-10-12T16:00:00.000Z', // the make-up Saturday 10-12, working day #7
      reminderAt: '2024-10-10T16:00:00.000Z', // last two: 10-12, 10-11 → end of Thu 10-10
    },
    {
      grade: RiskGrade.Critical,
      dueAt: '2024-10-08T16:00:00.000Z', // Tue 10-08, the first day after National Day, #3
      reminderAt: '2024-09-29T16:00:00.000Z', // last two: 10-08, 09-30 → end of the make-up Sunday 09-29
    },
  ])('a $grade item registered Fri 2024-09-27 10:00 is due $dueAt', ({ grade, dueAt, reminderAt }) => {
    expect(planRiskItemDeadline(policy, 'rectification', grade, START, table)).toMatchObject({
      dueAt,
      reminderAt,
      policyVersion: '2026-11-28.1',
    });
  });

  it('explains a general deadline in English and Chinese, naming the policy version', () => {
    expect(planRiskItemDeadline(policy, 'rectification', RiskGrade.General, START, table).rule).toEqual({
      en:
        'rectification of a general risk item: 15 working days from 2024-09-27 (start day not counted) ends ' +
        '2024-10-23, due 24:00 Asia/Shanghai; skipped 11 rest days incl. National Day/国庆节; counted ' +
        'make-up working days 2024-09-29, 2024-10-12 (policy 2026-11-28.1)',
      zh:
        '一般隐患整改期限：自2024-09-27起15个工作日（起算日不计入），期满日为2024-10-23，截止时间为' +
        '2024-10-23 24:00（北京时间，Asia/Shanghai）；跳过休息日11天（含国庆节）；计入调休上班日' +
        '2024-09-29、2024-10-12（政策版本 2026-11-28.1）',
    });
  });

  it.each([
    [
      RiskGrade.Major,
      'rectification of a major risk item: 7 working days',
      '较大隐患整改期限：自2024-09-27起7个工作日',
    ],
    [
      RiskGrade.Critical,
      'rectification of a critical risk item: 3 working days',
      '重大隐患整改期限：自2024-09-27起3个工作日',
    ],
  ])('names the grade of a %s item in the rule', (grade, en, zh) => {
    const { rule } = planRiskItemDeadline(policy, 'rectification', grade, START, table);
    expect(rule.en.startsWith(en)).toBe(true);
    expect(rule.zh.startsWith(zh)).toBe(true);
    expect(rule.en.endsWith('(policy 2026-11-28.1)')).toBe(true);
    expect(rule.zh.endsWith('（政策版本 2026-11-28.1）')).toBe(true);
  });

  describe('verification: 10 calendar days, rolled over a holiday, with no reminder', () => {
    it('from 2024-09-27 the 10th day is 10-07 (National Day), so it moves to Tue 10-08', () => {
      expect(planRiskItemDeadline(policy, 'verification', RiskGrade.General, START, table)).toEqual({
        dueAt: '2024-10-08T16:00:00.000Z',
        reminderAt: null,
        rule: {
          en:
            'verification of a submitted rectification: 10 calendar days from 2024-09-27 (start day not ' +
            'counted) ends 2024-10-07, a statutory holiday (National Day/国庆节); moved to the first working ' +
            'day after the rest period: 2024-10-08, due 24:00 Asia/Shanghai (policy 2026-11-28.1)',
          zh:
            '整改验收期限：自2024-09-27起10个自然日（起算日不计入），期满日2024-10-07为法定节假日（国庆节），' +
            '顺延至休息日结束后的第一个工作日：2024-10-08，截止时间为2024-10-08 24:00（北京时间，Asia/Shanghai）' +
            '（政策版本 2026-11-28.1）',
        },
        policyVersion: '2026-11-28.1',
      });
    });

    it('from Mon 2024-10-14 the 10th day is Thu 10-24, a working day, so it stays', () => {
      const planned = planRiskItemDeadline(
        policy,
        'verification',
        RiskGrade.Critical,
        '2024-10-14T09:00:00+08:00',
        table,
      );
      expect([planned.dueAt, planned.reminderAt]).toEqual(['2024-10-24T16:00:00.000Z', null]);
    });

    it('the grade does not change the verification clock', () => {
      const dues = Object.values(RiskGrade).map(
        (grade) => planRiskItemDeadline(policy, 'verification', grade, START, table).dueAt,
      );
      expect(dues).toEqual([
        '2024-10-08T16:00:00.000Z',
        '2024-10-08T16:00:00.000Z',
        '2024-10-08T16:00:00.000Z',
      ]);
    });
  });

  describe('no reminder when two working days before the due day is not after the start', () => {
    const oneDay: RiskItemPolicy = {
      ...policy,
      version: 'one-day',
      rectification: { ...policy.rectification, critical: { amount: 1, unit: 'workdays' } },
    };

    it('Thu 2024-10-10 10:00 + 1 working day is due Fri 10-11; the lead (end of Wed 10-09) is before the start', () => {
      expect(
        planRiskItemDeadline(oneDay, 'rectification', RiskGrade.Critical, '2024-10-10T10:00:00+08:00', table),
      ).toMatchObject({ dueAt: '2024-10-11T16:00:00.000Z', reminderAt: null, policyVersion: 'one-day' });
    });

    it('a lead exactly at the start instant is dropped too (end of Wed 10-09 = Thu 10-10 00:00)', () => {
      expect(
        planRiskItemDeadline(oneDay, 'rectification', RiskGrade.Critical, '2024-10-10', table),
      ).toMatchObject({ dueAt: '2024-10-11T16:00:00.000Z', reminderAt: null });
    });

    it('with 2 working days the lead (end of the start day) is after the start and is kept', () => {
      // Thu 10-10 10:00 + 2 wd: Fri 10-11, Sat 10-12 (调休). Last two: 10-12, 10-11 → end of Thu 10-10.
      const twoDays: RiskItemPolicy = {
        ...policy,
        rectification: { ...policy.rectification, critical: { amount: 2, unit: 'workdays' } },
      };
      expect(
        planRiskItemDeadline(
          twoDays,
          'rectification',
          RiskGrade.Critical,
          '2024-10-10T10:00:00+08:00',
          table,
        ),
      ).toMatchObject({ dueAt: '2024-10-12T16:00:00.000Z', reminderAt: '2024-10-10T16:00:00.000Z' });
    });

    it('reminderBeforeWorkdays 0 turns reminders off', () => {
      const silent: RiskItemPolicy = { ...policy, reminderBeforeWorkdays: 0 };
      expect(planRiskItemDeadline(silent, 'rectification', RiskGrade.General, START, table)).toMatchObject({
        dueAt: '2024-10-23T16:00:00.000Z',
        reminderAt: null,
      });
    });

    it('an hours clock gets no reminder', () => {
      const hours: RiskItemPolicy = {
        ...policy,
        rectification: { ...policy.rectification, critical: { amount: 72, unit: 'hours' } },
      };
      expect(
        planRiskItemDeadline(hours, 'rectification', RiskGrade.Critical, '2024-10-09T10:00:00+08:00', table),
      ).toMatchObject({ dueAt: '2024-10-12T02:00:00.000Z', reminderAt: null });
    });

    // The alias 'h' is an hours clock too.
    it("an hours clock written with the alias 'h' gets no reminder either", () => {
      const hours: RiskItemPolicy = {
        ...policy,
        rectification: { ...policy.rectification, critical: { amount: 72, unit: 'h' } },
      };
      expect(
        planRiskItemDeadline(hours, 'rectification', RiskGrade.Critical, '2024-10-09T10:00:00+08:00', table),
      ).toMatchObject({ dueAt: '2024-10-12T02:00:00.000Z', reminderAt: null });
    });
  });

  describe('changing the policy affects new deadlines only', () => {
    const v2: RiskItemPolicy = {
      ...policy,
      version: 'v2',
      rectification: { ...policy.rectification, general: { amount: 5, unit: 'workdays' } },
    };

    it('a v2 policy with 5 working days for general items plans a different deadline and names v2', () => {
      // 09-29 #1, 09-30 #2, 10-08 #3, 10-09 #4, 10-10 #5. Last two: 10-10, 10-09 → end of 10-08.
      const planned = planRiskItemDeadline(v2, 'rectification', RiskGrade.General, START, table);
      expect(planned).toMatchObject({
        dueAt: '2024-10-10T16:00:00.000Z',
        reminderAt: '2024-10-08T16:00:00.000Z',
        policyVersion: 'v2',
      });
      expect(planned.rule.en.endsWith('(policy v2)')).toBe(true);
      expect(planned.rule.zh.endsWith('（政策版本 v2）')).toBe(true);
      expect(planned.rule.en).not.toContain('2026-11-28.1');
    });

    it('a deadline planned earlier is a plain value that stays as it was', () => {
      const first: PlannedDeadline = planRiskItemDeadline(
        policy,
        'rectification',
        RiskGrade.General,
        START,
        table,
      );
      const firstCopy = structuredClone(first);
      const policyCopy = structuredClone(policy);

      planRiskItemDeadline(v2, 'rectification', RiskGrade.General, START, table);

      expect(first).toEqual(firstCopy);
      expect(first.dueAt).toBe('2024-10-23T16:00:00.000Z');
      expect(first.policyVersion).toBe('2026-11-28.1');
      expect(policy).toEqual(policyCopy);
    });
  });
});

describe('planRiskItemDeadline across into a provisional year', () => {
  const name = (en: string, zh: string) => ({ en, zh });
  const layers: HolidayYearData[] = [
    {
      year: 2026,
      source: 'test notice for 2026',
      holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
        date: `2026-10-${d}`,
        name: name('National Day', '国庆节'),
      })),
      workdays: [
        { date: '2026-09-20', name: name('National Day', '国庆节') },
        { date: '2026-10-10', name: name('National Day', '国庆节') },
      ],
    },
    { year: 2027, source: 'provisional 2027', holidays: [], workdays: [], provisional: true },
  ];
  const provisionalTable = buildHolidayTable(layers);

  it('a general item registered Mon 2026-12-28 runs into 2027 and says its deadline is provisional', () => {
    // 12-29 #1, 12-30 #2, 12-31 #3, Fri 2027-01-01 #4 (this hand-made layer lists no holidays), 01-04..08 #5–#9,
    // 01-11..15 #10–#14, Mon 01-18 #15. Reminder: last two 01-18, 01-15 → end of Thu 01-14.
    const planned = planRiskItemDeadline(
      policy,
      'rectification',
      RiskGrade.General,
      '2026-12-28T10:00:00+08:00',
      provisionalTable,
    );
    expect(planned).toMatchObject({
      dueAt: '2027-01-18T16:00:00.000Z',
      reminderAt: '2027-01-14T16:00:00.000Z',
      policyVersion: '2026-11-28.1',
    });
    expect(planned.rule.en).toContain(
      '(policy 2026-11-28.1); provisional: the holiday notice for 2027 is not loaded yet, so only weekends ' +
        'and the statutory holidays fixed by law were treated as rest days (no bridge days or make-up working days yet)',
    );
    expect(planned.rule.zh).toContain(
      '（政策版本 2026-11-28.1）；暂定：2027年节假日安排尚未载入，暂按周末及法定节日计算（调休及连休安排未定）',
    );
  });

  it('a deadline inside 2026 in the same table is not provisional', () => {
    // Tue 12-01: 12-02 #1, 12-03 #2, 12-04 #3.
    const planned = planRiskItemDeadline(
      policy,
      'rectification',
      RiskGrade.Critical,
      '2026-12-01T10:00:00+08:00',
      provisionalTable,
    );
    expect(planned.dueAt).toBe('2026-12-04T16:00:00.000Z');
    expect(planned.rule.en).not.toContain('provisional');
    expect(planned.rule.zh).not.toContain('暂定');
  });
});
