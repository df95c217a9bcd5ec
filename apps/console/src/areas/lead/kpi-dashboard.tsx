import { Card, Empty, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type BulletinDetail, type BulletinRecord } from '../../api/types';
import { EChart, type ChartOption } from '../../components/echart';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { parseIndicatorsCsv, type IndicatorProgress } from './indicators-csv';

function actionChart(rows: IndicatorProgress[], unitName: (id: string) => string): ChartOption {
  const categories = rows.map((r) => `${unitName(r.unitId)}\n${r.nameZh}`);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['上报值', '目标进度'], top: 0 },
    grid: { left: 48, right: 16, bottom: 72, top: 40 },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, fontSize: 11, width: 120, overflow: 'truncate' },
    },
    yAxis: { type: 'value' },
    series: [
      {
        name: '上报值',
        type: 'bar',
        data: rows.map((r) => ({
          value: r.actual ?? 0,
          itemStyle: { color: r.lagging ? '#cf1322' : '#1677ff' },
        })),
        label: {
          show: true,
          position: 'top',
          formatter: (p) => {
            const actual = rows[p.dataIndex]?.actual;
            return actual === null || actual === undefined ? '未报' : String(actual);
          },
        },
      },
      {
        name: '目标进度',
        type: 'line',
        data: rows.map((r) => r.targetPath),
        symbol: 'diamond',
        symbolSize: 10,
      },
    ],
  };
}

/** 指标看板: per action, each lead unit's reported value against the target path of the bulletin's quarter. */
export default function KpiDashboard() {
  const bulletins = useApi<BulletinRecord[]>('/bulletins');
  const [chosen, setChosen] = useState<string>();
  const id = chosen ?? bulletins.data?.[0]?.id ?? null;
  const detail = useApi<BulletinDetail>(id ? `/bulletins/${id}` : null);
  const csv = useApi<string>(id ? `/bulletins/${id}/indicators.csv` : null);

  const byAction = useMemo(() => {
    const rows = csv.data ? parseIndicatorsCsv(csv.data) : [];
    const groups = new Map<number, IndicatorProgress[]>();
    for (const row of rows) groups.set(row.actionNo, [...(groups.get(row.actionNo) ?? []), row]);
    return [...groups.entries()].sort(([a], [b]) => a - b);
  }, [csv.data]);

  const unitNames = new Map(detail.data?.inputs.units.map((u) => [u.id, u.nameZh]));
  const actionNames = new Map(detail.data?.inputs.actions.map((a) => [a.no, a.nameZh]));
  const unitName = (unitId: string) => unitNames.get(unitId) ?? unitId;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={4}>指标看板</Typography.Title>}>
        <ProblemAlert problem={bulletins.error ?? csv.error} />
        <label>
          季度：{' '}
          <Select
            aria-label="季度"
            style={{ width: 200 }}
            value={id ?? undefined}
            onChange={setChosen}
            options={(bulletins.data ?? []).map((b) => ({ value: b.id, label: `${b.quarter}（${b.id}）` }))}
          />
        </label>
        {bulletins.data?.length === 0 && <Empty description="尚无季度通报" />}
      </Card>
      {byAction.map(([actionNo, rows]) => {
        const title = `行动${actionNo} ${actionNames.get(actionNo) ?? ''}`;
        return (
          <Card key={actionNo} title={title} size="small">
            <EChart label={`${title}：各单位上报值与目标进度`} option={actionChart(rows, unitName)} />
          </Card>
        );
      })}
    </Space>
  );
}
