import { Card, Empty, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type BulletinDetail, type BulletinRecord } from '../../api/types';
import { EChart } from '../../components/echart';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { quarterZh } from '../../format';
import { parseIndicatorsCsv } from './indicators-csv';
import { kpiCharts, type KpiChart, type KpiRow } from './kpi-charts';

/** What each chart shows, above it and in its figure's name. */
const CHART_SAYS: Record<KpiChart['measure'], { name: string; legend: string }> = {
  percent: {
    name: '比率指标，上报值与目标进度',
    legend: '比率指标（%）：柱为上报值，◆为本季度末目标进度。',
  },
  count: {
    name: '数量指标，达标率',
    legend:
      '数量指标：柱为达标率，即上报数达到本季度末目标进度的程度（100% 为达到），柱旁为上报数与目标进度。',
  },
};

/**
 * 指标看板: per action, each lead unit's reported value against the target path of the bulletin's quarter;
 * percentages and counts each on the axis they read on (decision 0012).
 */
export default function KpiDashboard() {
  const bulletins = useApi<BulletinRecord[]>('/bulletins');
  const [chosen, setChosen] = useState<string>();
  const id = chosen ?? bulletins.data?.[0]?.id ?? null;
  const detail = useApi<BulletinDetail>(id ? `/bulletins/${id}` : null);
  // The stored 指标表, as issued, for every bulletin (the tables route refuses the earlier target model).
  const csv = useApi<string>(id ? `/bulletins/${id}/indicators.csv` : null);

  // Charts drawn once per table and names, not again on each render.
  const byAction = useMemo(() => {
    const unitNames = new Map(detail.data?.inputs.units.map((u) => [u.id, u.nameZh]));
    const groups = new Map<number, KpiRow[]>();
    for (const row of csv.data ? parseIndicatorsCsv(csv.data) : []) {
      const kpi = { ...row, unitName: unitNames.get(row.unitId) ?? row.unitId, indicatorName: row.nameZh };
      groups.set(row.actionNo, [...(groups.get(row.actionNo) ?? []), kpi]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([actionNo, rows]) => [actionNo, kpiCharts(rows)] as const);
  }, [csv.data, detail.data]);

  const actionNames = new Map(detail.data?.inputs.actions.map((a) => [a.number, a.nameZh]));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={4}>指标看板</Typography.Title>}>
        <ProblemAlert problem={bulletins.error ?? csv.error} />
        <label>
          季度：{' '}
          <Select
            aria-label="季度"
            // Wide enough for 2022 年第三季度（TB-2022-Q3-1）: the quarter as 季度通报 names it, and its number.
            style={{ width: 300 }}
            value={id ?? undefined}
            onChange={setChosen}
            options={(bulletins.data ?? []).map((b) => ({
              value: b.id,
              label: `${quarterZh(b.quarter)}（${b.id}）`,
            }))}
          />
        </label>
        {bulletins.data?.length === 0 && <Empty description="尚无季度通报" />}
      </Card>
      {byAction.map(([actionNo, charts]) => {
        const title = `行动${actionNo} ${actionNames.get(actionNo) ?? ''}`;
        return (
          <Card key={actionNo} title={title} size="small">
            {charts.map((chart, i) => (
              // A second chart's caption apart from the chart above it, as from the card's title.
              <div key={chart.measure} style={i > 0 ? { marginTop: 24 } : undefined}>
                <Typography.Paragraph type="secondary">
                  {CHART_SAYS[chart.measure].legend}红色为进度滞后。
                </Typography.Paragraph>
                <EChart
                  label={`${title}：${CHART_SAYS[chart.measure].name}`}
                  height={chart.height}
                  option={chart.option}
                />
              </div>
            ))}
          </Card>
        );
      })}
    </Space>
  );
}
