import { ReportRequestStatus } from '../../libs/contracts/src/reporting.contracts.js';
import {
  BULLETIN_LAYOUT,
  TARGET_MODEL,
  type BulletinInputs,
} from '../../libs/reporting/src/domain/bulletin.js';
import { PLAN_FIXTURE } from './plan-fixture.js';

/** The indicators amr's action-5 requests ask for. */
const AMR_ACTION_5 = ['a5-rural-shops-standard', 'a5-demo-streets'];

/** A quarter's bulletin inputs: 2023-Q1 of the plan fixture, amr lagging on action 5, cards and referrals. */
export const bulletinInputs = (overrides: Partial<BulletinInputs> = {}): BulletinInputs => ({
  targetModel: TARGET_MODEL,
  layout: BULLETIN_LAYOUT,
  campaignNameZh: '深化食品安全放心工程建设攻坚行动',
  issuingUnit: 'fso',
  quarter: { label: '2023-Q1', from: '2023-01-01', to: '2023-03-31' },
  cutoff: '2023-04-20T00:00:00.000Z',
  planVersion: 1,
  policyVersion: 'test',
  campaignFrom: '2022-07-07',
  lagging: { percentPoints: 10, countShare: 0.2, unreportedLags: true },
  units: [
    { id: 'fso', nameZh: '县食品安全委员会办公室' },
    { id: 'amr', nameZh: '市场监管局' },
    { id: 'agri', nameZh: '农业农村局' },
  ],
  actions: PLAN_FIXTURE.actions
    .filter((a) => a.leadUnit !== 'townships')
    .map((a) => ({
      number: a.number,
      nameZh: a.nameZh,
      leadUnits: [a.leadUnit],
      indicators: a.indicators,
    })),
  firstDispatch: [{ unitId: 'amr', indicatorId: 'a5-rural-shops-standard', value: 30 }],
  reports: [
    {
      unitId: 'amr',
      actionNo: 5,
      month: '2023-02',
      status: ReportRequestStatus.Submitted,
      indicatorIds: AMR_ACTION_5,
      values: [
        { indicatorId: 'a5-rural-shops-standard', value: 40 },
        { indicatorId: 'a5-demo-streets', value: 0 },
      ],
    },
    {
      unitId: 'amr',
      actionNo: 5,
      month: '2023-01',
      status: ReportRequestStatus.Submitted,
      indicatorIds: AMR_ACTION_5,
      values: [
        { indicatorId: 'a5-rural-shops-standard', value: 90 },
        { indicatorId: 'a5-demo-streets', value: 0 },
      ],
    },
    {
      unitId: 'amr',
      actionNo: 5,
      month: '2023-03',
      status: ReportRequestStatus.Missed,
      values: null,
      indicatorIds: AMR_ACTION_5,
    },
    {
      unitId: 'agri',
      actionNo: 2,
      month: '2023-03',
      status: ReportRequestStatus.Submitted,
      values: [{ indicatorId: 'a2-sampling-pass-rate', value: 99 }],
      indicatorIds: ['a2-sampling-pass-rate'],
    },
  ],
  riskItems: [{ unitId: 'amr', opened: 4, closed: 2, overdue: 1 }],
  cards: [
    { unitId: 'amr', colour: 'yellow', raised: 2, lifted: 1 },
    { unitId: 'amr', colour: 'red', raised: 1, lifted: 0 },
  ],
  referrals: [
    {
      unitId: 'amr',
      actionNo: 5,
      leadsMeetingThreshold: 4,
      referred: 3,
      refusedWithReason: 1,
      filed: 2,
      overdueClocks: 0,
    },
  ],
  ...overrides,
});

/**
 * A quarter a township would dispute, on top of `bulletinInputs`: agri and health tied on every figure
 * the ranking sorts by (100 %, nothing missed, no card), edu asked for action 2 and reporting nothing (未报),
 * town-a answering for no indicator (only its risk items).
 */
export const contestedInputs = (overrides: Partial<BulletinInputs> = {}): BulletinInputs => {
  const base = bulletinInputs();
  return bulletinInputs({
    units: [
      ...base.units,
      { id: 'health', nameZh: '卫生健康委' },
      { id: 'edu', nameZh: '教育局' },
      { id: 'town-a', nameZh: '城关镇' },
    ],
    actions: base.actions.map((a) =>
      a.number === 2
        ? {
            ...a,
            indicators: a.indicators.map((i) => ({ ...i, responsibleUnits: ['agri', 'health', 'edu'] })),
          }
        : a,
    ),
    reports: [
      ...base.reports,
      {
        unitId: 'health',
        actionNo: 2,
        month: '2023-03',
        status: ReportRequestStatus.Submitted,
        values: [{ indicatorId: 'a2-sampling-pass-rate', value: 99 }],
        indicatorIds: ['a2-sampling-pass-rate'],
      },
      {
        unitId: 'edu',
        actionNo: 2,
        month: '2023-03',
        status: ReportRequestStatus.Missed,
        values: null,
        indicatorIds: ['a2-sampling-pass-rate'],
      },
    ],
    riskItems: [...base.riskItems, { unitId: 'town-a', opened: 1, closed: 0, overdue: 1 }],
    ...overrides,
  });
};
