import { describe, expect, it } from '@jest/globals';
import { computeDeadline } from '../../../libs/calendar/src/domain/deadline.js';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import {
  ReportRequestKind,
  REPORT_REQUEST_ID_PATTERN,
} from '../../../libs/contracts/src/reporting.contracts.js';
import { planMonthlyDispatch } from '../../../libs/reporting/src/domain/dispatch.js';
import { loadReportingPolicy } from '../../../libs/reporting/src/reporting-policy.loader.js';
import { type StoredPlan } from '../../../libs/contracts/src/plan.contracts.js';
import { expandFixtureUnit, PLAN_FIXTURE, STORED_PLAN_FIXTURE } from '../../helpers/plan-fixture.js';

const table = loadHolidayTable({ provisionalYearsAhead: 1 });
const policy = loadReportingPolicy();
const dispatch = (at: string) =>
  planMonthlyDispatch(STORED_PLAN_FIXTURE, policy, at, table, expandFixtureUnit);
/** 08:00 Asia/Shanghai on the 1st. */
const firstOf = (month: string) => `${month}-01T00:00:00.000Z`;

describe('monthly dispatch (月调度) plan', () => {
  it('opens one report per action and lead unit on the previous month, townships expanded', () => {
    const openings = dispatch(firstOf('2023-03')).filter((o) => o.kind === ReportRequestKind.MonthlyReport);
    expect(openings.map((o) => o.id)).toEqual([
      'BS-2023-02-amr-a5',
      'BS-2023-02-agri-a2',
      'BS-2023-02-township-sample-1-a9',
      'BS-2023-02-township-sample-2-a9',
      'BS-2023-02-township-sample-3-a9',
    ]);
    expect(openings.every((o) => REPORT_REQUEST_ID_PATTERN.test(o.id))).toBe(true);
    expect(openings[0]).toMatchObject({
      unitId: 'amr',
      actionNo: 5,
      planVersion: 1,
      period: { label: '2023-02', from: '2023-02-01', to: '2023-02-28' },
      indicators: [
        { id: 'a5-rural-shops-standard', measure: 'percent' },
        { id: 'a5-demo-streets', measure: 'count' },
      ],
    });
  });

  it('is due the policy number of working days later, with a reminder and the rule that produced it', () => {
    // 2023-10-01 falls in the National Day holiday (10-01…10-06; 10-07 and 10-08 are make-up working days).
    const [first] = dispatch('2023-10-01T00:00:00.000Z');
    const expected = computeDeadline(
      { from: '2023-10-01T00:00:00.000Z', amount: 5, unit: 'workdays' },
      table,
    );
    expect(first.deadline.dueAt).toBe(expected.dueAt);
    expect(expected.dueDate).toBe('2023-10-11');
    expect(first.deadline.reminderAt).toBe('2023-10-09T16:00:00.000Z'); // 2 working days left: end of 10-09
    expect(first.deadline.rule.zh).toContain('月调度报送期限');
    expect(first.deadline.policyVersion).toBe(policy.version);
  });

  it('opens nothing for months outside the campaign (before July 2022, after December 2024)', () => {
    expect(dispatch(firstOf('2022-07')).filter((o) => o.kind === ReportRequestKind.MonthlyReport)).toEqual(
      [],
    );
    expect(dispatch(firstOf('2022-08'))[0].period.label).toBe('2022-07');
    expect(dispatch(firstOf('2025-01'))[0].period.label).toBe('2024-12');
    expect(dispatch(firstOf('2025-02'))).toEqual([]);
  });

  it('opens the special-action plan (due 2022-07-15) in July 2022 for every action lead', () => {
    const deliverables = dispatch(firstOf('2022-07')).filter((o) => o.kind === ReportRequestKind.Deliverable);
    expect(deliverables.map((o) => o.id)).toEqual([
      'BS-2022-amr-special-plan',
      'BS-2022-agri-special-plan',
      'BS-2022-township-sample-1-special-plan',
      'BS-2022-township-sample-2-special-plan',
      'BS-2022-township-sample-3-special-plan',
    ]);
    expect(deliverables.every((o) => o.actionNo === null)).toBe(true);
    expect(deliverables[0].deadline.dueAt).toBe('2022-07-15T16:00:00.000Z'); // 07-15 24:00 Asia/Shanghai
    expect(deliverables[0].deadline.reminderAt).toBe('2022-07-12T16:00:00.000Z'); // 3 working days left
    expect(deliverables[0].indicators).toEqual([]);
  });

  it('opens the annual summary (due 11-20) every November of the campaign, and only then', () => {
    for (const year of [2022, 2023, 2024]) {
      const ids = dispatch(firstOf(`${year}-11`))
        .filter((o) => o.kind === ReportRequestKind.Deliverable)
        .map((o) => o.id);
      expect(ids).toContain(`BS-${year}-amr-annual-summary`);
    }
    expect(dispatch(firstOf('2023-10')).filter((o) => o.kind === ReportRequestKind.Deliverable)).toEqual([]);
    expect(dispatch(firstOf('2025-11'))).toEqual([]);
  });

  it('gives the same ids for the same instant, so a re-run opens nothing new', () => {
    expect(dispatch(firstOf('2023-05')).map((o) => o.id)).toEqual(
      dispatch('2023-05-20T03:00:00.000Z').map((o) => o.id),
    );
  });
});

describe('monthly dispatch: who answers for what (decision 0018)', () => {
  const [shops, streets] = PLAN_FIXTURE.actions[0].indicators;
  /** Action 5 as the plan has it: 农业农村局 answers for its own staff, the townships for coordinators. */
  const plan: StoredPlan = {
    ...STORED_PLAN_FIXTURE,
    plan: {
      ...PLAN_FIXTURE,
      actions: [
        {
          ...PLAN_FIXTURE.actions[0],
          indicators: [
            shops,
            { ...streets, id: 'a5-coordinator-coverage', responsibleUnits: ['townships'] },
            { ...shops, id: 'a5-agri-staff-competent', responsibleUnits: ['agri'] },
          ],
        },
      ],
      deliverables: [{ ...PLAN_FIXTURE.deliverables[0], perAction: true }],
    },
  };
  const openings = (at: string) => planMonthlyDispatch(plan, policy, at, table, expandFixtureUnit);

  it('asks the units an indicator names for it, and the lead unit only for the rest', () => {
    const asked = openings(firstOf('2023-03')).map((o) => [o.id, o.indicators.map((i) => i.id)]);
    expect(asked).toEqual([
      ['BS-2023-02-amr-a5', ['a5-rural-shops-standard']],
      ['BS-2023-02-township-sample-1-a5', ['a5-coordinator-coverage']],
      ['BS-2023-02-township-sample-2-a5', ['a5-coordinator-coverage']],
      ['BS-2023-02-township-sample-3-a5', ['a5-coordinator-coverage']],
      ['BS-2023-02-agri-a5', ['a5-agri-staff-competent']],
    ]);
  });

  it('opens a per-action deliverable (各专项行动实施方案) once per action its lead unit leads, traced to it', () => {
    const twoActions: StoredPlan = {
      ...plan,
      plan: { ...plan.plan, actions: [...plan.plan.actions, { ...PLAN_FIXTURE.actions[0], number: 7 }] },
    };
    const deliverables = planMonthlyDispatch(
      twoActions,
      policy,
      firstOf('2022-07'),
      table,
      expandFixtureUnit,
    );
    expect(deliverables.map((o) => [o.id, o.actionNo, o.deliverableId])).toEqual([
      ['BS-2022-amr-special-plan-a5', 5, 'special-plan'],
      ['BS-2022-amr-special-plan-a7', 7, 'special-plan'],
    ]);
    expect(deliverables[0].title.zh).toBe('2022 专项行动方案（专项行动5 农村假冒伪劣食品治理行动）');
    expect(deliverables.every((o) => REPORT_REQUEST_ID_PATTERN.test(o.id))).toBe(true);
  });
});
