import { describe, expect, it } from '@jest/globals';
import { type Indicator } from '../../../libs/contracts/src/plan.contracts.js';
import { SEED_UNITS } from '../../../libs/identity/src/seed/reference-data.js';
import { bundledPlan } from '../../helpers/bundled-plan.js';

/**
 * The bundled plan against the seed document (武政办〔2022〕5号), as read for this test: section 三's
 * twelve actions with their 责任单位 (first = lead) and every figure with its year, and section 四（六）'s
 * deliverables. Unit names are the plan's; ids are looked up in the reference data.
 */
const UNIT_BY_NAME: Record<string, string> = {
  卫健委: 'health',
  农业农村局: 'agri',
  市场监管局: 'amr',
  粮食物资储备中心: 'grain',
  市生态环境局武陟分局: 'eco',
  畜牧中心: 'livestock',
  县委宣传部: 'propaganda',
  公安局: 'police',
  民政局: 'civil',
  商务局: 'commerce',
  文广旅局: 'culture',
  供销社: 'supply-coop',
  发改委: 'ndrc',
  科工局: 'industry',
  城管局: 'urban',
  网信办: 'cyber',
  电子商务发展促进中心: 'ecommerce',
  教体局: 'education',
  财政局: 'finance',
  各乡镇办事处: 'townships',
};

/** [number, name, 责任单位 as listed in the plan]. */
const ACTIONS: Array<[number, string, string]> = [
  [1, '标准宣贯和风险监测行动', '卫健委、农业农村局、市场监管局、粮食物资储备中心'],
  [2, '产地环境净化行动', '市生态环境局武陟分局、农业农村局，各乡镇办事处'],
  [3, '农药兽药使用减量行动', '农业农村局、畜牧中心，各乡镇办事处'],
  [
    4,
    '保健食品行业专项清理整治行动',
    '市场监管局、县委宣传部、公安局、民政局、商务局、文广旅局、卫健委，各乡镇办事处',
  ],
  [5, '农村假冒伪劣食品治理行动', '市场监管局、农业农村局、公安局、民政局、商务局、供销社，各乡镇办事处'],
  [6, '餐饮质量安全提升行动', '市场监管局、发改委、科工局、民政局、城管局、商务局、卫健委，各乡镇办事处'],
  [7, '食用农产品市场规范化建设行动', '市场监管局、商务局、农业农村局，各乡镇办事处'],
  [8, '“三小”治理提升行动', '市场监管局、科工局，各乡镇办事处'],
  [
    9,
    '网络食品“净网”行动',
    '市场监管局、县委宣传部、网信办、公安局、商务局、电子商务发展促进中心、科工局，各乡镇办事处',
  ],
  [10, '校园食品安全守护行动', '市场监管局、教体局、公安局、民政局、卫健委，各乡镇办事处'],
  [11, '“优质粮食工程”行动', '粮食物资储备中心、财政局，各乡镇办事处'],
  [12, '进口食品“国门守护”行动', '市场监管局、公安局，各乡镇办事处'],
];

/** Target as `[due, value]`, or `[due, value, upTo]` for a range such as 3—5 家. */
type T = [string, number] | [string, number, number];
/** [action, indicator name as in the plan, comparator, reach/keep, measure, targets]. */
type Row = [number, string, '>=', 'reach' | 'keep', 'percent' | 'count', T[]];
const END_2022 = '2022-12-31';
const END_2023 = '2023-12-31';
const END_2024 = '2024-12-31';
const by2024 = (value: number): T[] => [[END_2024, value]];

const INDICATORS: Row[] = [
  [4, '保健食品监督检查发现问题整改合格率', '>=', 'reach', 'percent', by2024(100)],
  [4, '保健食品监督抽检合格率', '>=', 'keep', 'percent', by2024(99)],
  [4, '保健食品生产企业生产质量管理体系自查与报告率', '>=', 'reach', 'percent', by2024(100)],
  [4, '食品安全管理人员法律法规知识抽查考核合格率', '>=', 'reach', 'percent', by2024(100)],
  [4, '涉嫌犯罪的线索或案件依法向公安机关移送率', '>=', 'reach', 'percent', by2024(100)],
  [4, '打击和查处率', '>=', 'reach', 'percent', by2024(100)],
  [
    5,
    '达到规范化建设标准的农村食品经营店',
    '>=',
    'reach',
    'percent',
    [
      [END_2022, 50],
      [END_2023, 70],
      [END_2024, 80],
    ],
  ],
  [
    5,
    '协管员达到行政村全覆盖的乡镇办事处',
    '>=',
    'reach',
    'percent',
    [
      [END_2022, 50],
      [END_2023, 80],
      [END_2024, 100],
    ],
  ],
  [
    5,
    '农业农村局能够胜任农产品质量安全监管的人员占总人数比例',
    '>=',
    'reach',
    'percent',
    [
      [END_2022, 60],
      [END_2023, 80],
      [END_2024, 90],
    ],
  ],
  [
    5,
    '市场监管局能够胜任食品安全监管的人员占总人数比例',
    '>=',
    'reach',
    'percent',
    [
      [END_2022, 50],
      [END_2023, 60],
      [END_2024, 80],
    ],
  ],
  [5, '农村居民食品安全满意度第三方评价', '>=', 'keep', 'percent', by2024(80)],
  [6, '持证餐饮服务提供者“明厨亮灶”覆盖率', '>=', 'reach', 'percent', by2024(90)],
  [
    6,
    '大型餐饮服务单位“互联网+明厨亮灶”和“区块链+餐饮服务食品安全智慧监管体系”覆盖率',
    '>=',
    'keep',
    'percent',
    by2024(100),
  ],
  [
    6,
    '大型餐饮服务单位“互联网+明厨亮灶”和“区块链+餐饮服务食品安全智慧监管体系”在线率',
    '>=',
    'keep',
    'percent',
    by2024(100),
  ],
  [6, '“6S”管理实施率', '>=', 'reach', 'percent', by2024(100)],
  [6, '食品安全管理人员和餐饮从业人员培训率', '>=', 'reach', 'percent', by2024(100)],
  [
    6,
    '网络餐饮服务第三方平台及其分支机构和自建网站餐饮服务提供者备案率',
    '>=',
    'keep',
    'percent',
    by2024(100),
  ],
  [6, '入网餐饮服务提供者持证率', '>=', 'reach', 'percent', by2024(99)],
  [6, '入网餐饮服务提供者公示率', '>=', 'reach', 'percent', by2024(99)],
  [6, '对餐饮服务提供者的风险分级实施率', '>=', 'keep', 'percent', by2024(100)],
  [7, '食用农产品集中交易市场达到规范化管理要求的比例', '>=', 'reach', 'percent', by2024(100)],
  [7, '食用农产品市场风险分级覆盖率', '>=', 'reach', 'percent', by2024(100)],
  [7, '食品安全管理员抽查考核覆盖率（农批市场）', '>=', 'reach', 'percent', by2024(100)],
  [7, '食品安全管理员抽查考核覆盖率（农贸市场）', '>=', 'reach', 'percent', by2024(80)],
  [7, '人员抽查考核合格率', '>=', 'reach', 'percent', by2024(90)],
  [
    8,
    '食品小作坊、小经营店“6S”规范化建设覆盖率',
    '>=',
    'reach',
    'percent',
    [
      [END_2022, 70],
      [END_2023, 80],
      [END_2024, 90],
    ],
  ],
  [8, '小餐饮食品安全质量提升示范街', '>=', 'reach', 'count', [[END_2023, 1]]],
  [8, '规范提升标杆单位食品小作坊', '>=', 'reach', 'count', [[END_2023, 3, 5]]],
  [8, '规范提升标杆单位食品小经营店', '>=', 'reach', 'count', [[END_2023, 10]]],
  [8, '规范提升标杆单位小摊点', '>=', 'reach', 'count', [[END_2023, 10]]],
  [
    9,
    '食品电子商务经营者（仅销售食用农产品的除外）取得食品经营许可、登记、备案的比例',
    '>=',
    'reach',
    'percent',
    by2024(100),
  ],
  [9, '电子商务平台经营者平台内食品经营者管理档案建立率', '>=', 'reach', 'percent', by2024(100)],
  [9, '食品电子商务经营者监管档案建立率', '>=', 'reach', 'percent', by2024(100)],
  [9, '监督检查发现问题整改合格率', '>=', 'reach', 'percent', by2024(100)],
  [10, '校外供餐单位和学校食堂“互联网+明厨亮灶”覆盖率', '>=', 'reach', 'percent', by2024(100)],
  [10, '校外供餐单位和学校食堂“互联网+明厨亮灶”前端设备在线率', '>=', 'reach', 'percent', by2024(100)],
  [10, '食品安全管理人员和从业人员法律法规知识抽查考核合格率', '>=', 'reach', 'percent', by2024(100)],
  [10, '学校食堂抽检覆盖率', '>=', 'reach', 'percent', by2024(100)],
  [10, '涉嫌犯罪的线索或案件依法向公安机关移送率', '>=', 'reach', 'percent', by2024(100)],
  [10, '打击和查处率', '>=', 'reach', 'percent', by2024(100)],
];

describe('the bundled plan transcribes 武政办〔2022〕5号', () => {
  const plan = bundledPlan();

  it('campaign: name, document number, date of issue, period, supervising unit (县食安办)', () => {
    expect(plan.campaign).toMatchObject({
      nameZh: '武陟县深化食品安全放心工程建设攻坚行动（2022—2024年）',
      documentNo: '武政办〔2022〕5号',
      issuedOn: '2022-07-07',
      period: { from: '2022-07-07', to: '2024-12-31' },
      supervisingUnit: 'fso',
    });
  });

  it('every unit it names exists in the reference data under the same name; 各乡镇办事处 is a group', () => {
    const reference = new Map(SEED_UNITS.map((u) => [u.id, u.nameZh]));
    for (const unit of plan.units) {
      if (unit.id === 'townships')
        expect(unit).toEqual({ id: 'townships', nameZh: '各乡镇办事处', group: true });
      else expect([unit.id, reference.get(unit.id)]).toEqual([unit.id, unit.nameZh]);
    }
    const named = new Set([...Object.values(UNIT_BY_NAME), 'fso']);
    expect(new Set(plan.units.map((u) => u.id))).toEqual(named);
  });

  it.each(ACTIONS)(
    'action %i %s: lead unit first, then every co-responsible unit in order',
    (no, nameZh, listed) => {
      const [lead, ...co] = listed.split(/[、，]/).map((name) => {
        expect(UNIT_BY_NAME).toHaveProperty([name]);
        return UNIT_BY_NAME[name];
      });
      const action = plan.actions.find((a) => a.number === no);
      expect(action).toMatchObject({ number: no, nameZh, leadUnit: lead, coUnits: co });
      expect(action?.nameEn).toBeTruthy();
    },
  );

  it('has exactly the twelve actions, numbered 1 to 12', () => {
    expect(plan.actions.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('every indicator with its comparator, mode and every target with its date, and no others', () => {
    const actual = plan.actions.flatMap((action) =>
      action.indicators.map((i: Indicator): Row => [
        action.number,
        i.nameZh,
        i.comparator as '>=',
        i.targets[0].mode,
        i.measure,
        i.targets.map((t): T => (t.upTo === undefined ? [t.due, t.value] : [t.due, t.value, t.upTo])),
      ]),
    );
    expect(actual).toEqual(INDICATORS);
    for (const action of plan.actions) {
      for (const indicator of action.indicators) {
        expect(new Set(indicator.targets.map((t) => t.mode)).size).toBe(1);
        expect(indicator.nameEn).toBeTruthy();
      }
    }
  });

  it('actions 1, 2, 3, 11 and 12 carry no figures', () => {
    expect(plan.actions.filter((a) => a.indicators.length === 0).map((a) => a.number)).toEqual([
      1, 2, 3, 11, 12,
    ]);
  });

  it('no target is an exact value: every comparator is ≥ (the plan never means =)', () => {
    const comparators = plan.actions.flatMap((a) => a.indicators.map((i) => i.comparator));
    expect(new Set(comparators)).toEqual(new Set(['>=']));
  });

  it('action 5: 农业农村局 answers for its own staff, the townships for their coordinators; amr for the rest', () => {
    const action5 = plan.actions.find((a) => a.number === 5)!;
    expect(action5.indicators.map((i) => [i.id, i.responsibleUnits])).toEqual([
      ['a5-rural-shops-standard', undefined],
      ['a5-coordinator-coverage', ['townships']],
      ['a5-agri-staff-competent', ['agri']],
      ['a5-amr-staff-competent', undefined],
      ['a5-rural-satisfaction', undefined],
    ]);
  });

  it('action 7: the targets whose sentences give no year are marked yearAssumed with the reason', () => {
    const assumed = plan.actions.flatMap((a) =>
      a.indicators.flatMap((i) => i.targets.filter((t) => t.yearAssumed).map(() => [a.number, i.id])),
    );
    expect(assumed).toEqual([
      [7, 'a7-market-risk-grading'],
      [7, 'a7-wholesale-manager-exam-coverage'],
      [7, 'a7-farmers-market-manager-exam-coverage'],
      [7, 'a7-manager-exam-pass'],
    ]);
    const reasons = plan.actions[6].indicators.flatMap((i) => i.targets.map((t) => t.assumption));
    expect(reasons.filter(Boolean).every((r) => r!.includes('未写年份'))).toBe(true);
  });

  it('the special-action plan (各专项行动实施方案) is owed once per action; the annual summary once per unit', () => {
    expect(plan.deliverables.map((d) => [d.id, d.perAction ?? false])).toEqual([
      ['special-action-plan', true],
      ['annual-summary', false],
    ]);
  });

  it('deliverables: each lead unit owes 县食安办 its special-action plan by 2022-07-15 and a summary by 11-20 yearly', () => {
    expect(plan.deliverables).toEqual([
      expect.objectContaining({
        titleZh: '专项攻坚行动工作方案',
        from: 'action-leads',
        to: 'fso',
        due: { date: '2022-07-15' },
      }),
      expect.objectContaining({
        titleZh: '年度工作总结',
        from: 'action-leads',
        to: 'fso',
        due: { yearly: '11-20' },
      }),
    ]);
  });
});
