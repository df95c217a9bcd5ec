import {
  type CampaignPlan,
  type PlanSource,
  type StoredPlan,
} from '../../libs/contracts/src/plan.contracts.js';

/**
 * A small campaign plan in the shape of the real one (武政办〔2022〕5号): two actions with indicators
 * (a percent with three year-end targets, a count), one led by the townships, and the two deliverables.
 */
export const PLAN_FIXTURE: CampaignPlan = {
  campaign: {
    nameZh: '深化食品安全放心工程建设攻坚行动',
    nameEn: 'Food safety campaign',
    documentNo: '武政办〔2022〕5号',
    issuedOn: '2022-07-07',
    period: { from: '2022-07-07', to: '2024-12-31' },
    supervisingUnit: 'fso',
  },
  units: [
    { id: 'amr', nameZh: '市场监管局' },
    { id: 'agri', nameZh: '农业农村局' },
    { id: 'townships', nameZh: '各乡镇办事处', group: true },
  ],
  actions: [
    {
      number: 5,
      nameZh: '农村假冒伪劣食品治理行动',
      nameEn: 'Rural counterfeit food',
      leadUnit: 'amr',
      coUnits: ['agri'],
      indicators: [
        {
          id: 'a5-rural-shops-standard',
          nameZh: '农村食品经营店规范化率',
          nameEn: 'Rural shops meeting the standard',
          measure: 'percent',
          comparator: '>=',
          targets: [
            { mode: 'reach', value: 50, due: '2022-12-31' },
            { mode: 'reach', value: 70, due: '2023-12-31' },
            { mode: 'reach', value: 80, due: '2024-12-31' },
          ],
        },
        {
          id: 'a5-demo-streets',
          nameZh: '示范街数量',
          nameEn: 'Demonstration streets',
          measure: 'count',
          comparator: '>=',
          targets: [{ mode: 'reach', value: 1, due: '2023-12-31' }],
        },
      ],
    },
    {
      number: 2,
      nameZh: '农药兽药残留治理行动',
      nameEn: 'Pesticide residues',
      leadUnit: 'agri',
      coUnits: ['amr'],
      indicators: [
        {
          id: 'a2-sampling-pass-rate',
          nameZh: '抽检合格率',
          nameEn: 'Sampling pass rate',
          measure: 'percent',
          comparator: '>=',
          targets: [{ mode: 'keep', value: 98, due: '2024-12-31' }],
        },
      ],
    },
    {
      number: 9,
      nameZh: '校园食品安全守护行动',
      nameEn: 'School food safety',
      leadUnit: 'townships',
      coUnits: [],
      indicators: [],
    },
  ],
  deliverables: [
    {
      id: 'special-plan',
      titleZh: '专项行动方案',
      titleEn: 'Special action plan',
      from: 'action-leads',
      to: 'fso',
      due: { date: '2022-07-15' },
    },
    {
      id: 'annual-summary',
      titleZh: '年度工作总结',
      titleEn: 'Annual summary',
      from: 'action-leads',
      to: 'fso',
      due: { yearly: '11-20' },
    },
  ],
};

export const STORED_PLAN_FIXTURE: StoredPlan = {
  version: 1,
  sha256: '0'.repeat(64),
  loadedAt: '2022-07-07T00:00:00.000Z',
  plan: PLAN_FIXTURE,
};

export const TOWNSHIPS = ['township-sample-1', 'township-sample-2', 'township-sample-3'];
export const expandFixtureUnit = (ref: string) => (ref === 'townships' ? TOWNSHIPS : [ref]);

/** An in-memory plan source holding the fixture (until the plan store is wired). */
export const inMemoryPlanSource = (stored: StoredPlan = STORED_PLAN_FIXTURE): PlanSource => ({
  activePlan: () => Promise.resolve(stored),
  planVersion: (version) =>
    version === stored.version
      ? Promise.resolve(stored)
      : Promise.reject(new Error(`no plan version ${version}`)),
});
