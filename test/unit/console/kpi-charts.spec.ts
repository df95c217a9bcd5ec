import { describe, expect, it } from '@jest/globals';
import { kpiCharts, labelLines, type KpiRow } from '../../../apps/console/src/areas/lead/kpi-charts.js';

const row = (overrides: Partial<KpiRow>): KpiRow => ({
  unitName: '市场监管局',
  indicatorName: '食品小作坊、小经营店“6S”规范化建设覆盖率',
  measure: 'percent',
  comparator: '>=',
  actual: 40,
  targetPath: 33.6,
  lagging: false,
  ...overrides,
});
const shops = row({
  indicatorName: '规范提升标杆单位食品小经营店',
  measure: 'count',
  actual: 120,
  targetPath: 10,
});

/** A series' data as the chart draws it: each bar's value and its own label, if any. */
type Bars = Array<{ value: number; label?: { formatter: string } }>;
const seriesOf = (chart: ReturnType<typeof kpiCharts>[number]) =>
  chart.option.series as Array<{ name: string; data: Bars | number[] }>;

describe('指标看板: each measure on the axis it reads on', () => {
  it('draws an action’s percentages and its counts as two charts, each on 0–100 %', () => {
    const charts = kpiCharts([row({}), shops]);
    expect(charts.map((c) => c.measure)).toEqual(['percent', 'count']);
    for (const chart of charts) {
      expect(chart.option.xAxis).toMatchObject({ min: 0, max: 100, axisLabel: { formatter: '{value}%' } });
    }
    // Only the percentage and its path on the percentage chart: the count of 120 is not beside it.
    const [percent] = charts;
    expect(percent.option.yAxis).toMatchObject({
      data: ['市场监管局\n食品小作坊、小经营店“6S”规范化建设覆\n盖率'],
    });
    expect(seriesOf(percent).map((s) => [s.name, s.data])).toEqual([
      ['上报值', [{ value: 40, itemStyle: { color: '#1677ff' } }]],
      ['目标进度', [33.6]],
    ]);
  });

  it('draws a count as the share of its path it meets, the numbers themselves beside the bar', () => {
    const [chart] = kpiCharts([
      shops,
      row({ ...shops, actual: 6, lagging: true }),
      row({ ...shops, actual: null }),
      // A ceiling: 4 incidents against at most 2 meet half of it.
      row({ ...shops, indicatorName: '食品安全事故', comparator: '<=', actual: 4, targetPath: 2 }),
    ]);
    expect(chart.measure).toBe('count');
    const [attainment] = seriesOf(chart);
    expect(attainment.name).toBe('达标率');
    expect(attainment.data).toEqual([
      { value: 100, itemStyle: { color: '#1677ff' }, label: { formatter: '上报 120，目标进度 ≥10' } },
      { value: 60, itemStyle: { color: '#cf1322' }, label: { formatter: '上报 6，目标进度 ≥10' } },
      { value: 0, itemStyle: { color: '#1677ff' }, label: { formatter: '未报' } },
      { value: 50, itemStyle: { color: '#1677ff' }, label: { formatter: '上报 4，目标进度 ≤2' } },
    ]);
  });

  it('draws one chart for an action of one measure', () => {
    expect(kpiCharts([shops]).map((c) => c.measure)).toEqual(['count']);
    expect(kpiCharts([row({})]).map((c) => c.measure)).toEqual(['percent']);
    expect(kpiCharts([])).toEqual([]);
  });

  it('gives every row room for its whole name, broken over lines, however long the longest is', () => {
    const short = kpiCharts([row({ indicatorName: '抽检合格率' }), row({ indicatorName: '备案率' })])[0];
    const long = kpiCharts([
      row({ indicatorName: '抽检合格率' }),
      row({
        indicatorName: '大型餐饮服务单位“互联网+明厨亮灶”和“区块链+餐饮服务食品安全智慧监管体系”覆盖率',
      }),
    ])[0];
    expect(long.option.yAxis).toMatchObject({ axisLabel: { interval: 0 } });
    // Two rows each way: the long name's four lines (its unit, three of the name) make both rows taller.
    expect(short.height).toBe(80 + 2 * (2 * 18 + 16));
    expect(long.height).toBe(80 + 2 * (4 * 18 + 16));
  });

  it('breaks a name within the label’s width by its estimate, never starting a line with a closing mark', () => {
    // 18 characters of a full em and two of 0.7 em: 232.8 px, one more would pass 240.
    expect(labelLines('食品小作坊、小经营店“6S”规范化建设覆盖率')).toEqual([
      '食品小作坊、小经营店“6S”规范化建设覆',
      '盖率',
    ]);
    // A closing bracket that would begin a line takes the character before it along.
    expect(labelLines(`${'甲'.repeat(20)}）率`)).toEqual(['甲'.repeat(19), '甲）率']);
    expect(labelLines('备案率')).toEqual(['备案率']);
  });
});
