import { Card, Empty, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type BulletinDetail, type BulletinRecord } from '../../api/types';
import {
  barChartHeight,
  indicatorProgressOption,
} from '../../../../../libs/reporting/src/domain/bulletin-charts';
import { EChart } from '../../components/echart';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { quarterZh } from '../../format';
import { parseIndicatorsCsv, type IndicatorProgress } from './indicators-csv';

/** 指标看板: per action, each lead unit's reported value against the target path of the bulletin's quarter. */
export default function KpiDashboard() {
  const bulletins = useApi<BulletinRecord[]>('/bulletins');
  const [chosen, setChosen] = useState<string>();
  const id = chosen ?? bulletins.data?.[0]?.id ?? null;
  const detail = useApi<BulletinDetail>(id ? `/bulletins/${id}` : null);
  // The stored 指标表, as issued, for every bulletin (the tables route refuses the earlier target model).
  const csv = useApi<string>(id ? `/bulletins/${id}/indicators.csv` : null);

  const byAction = useMemo(() => {
    const rows = csv.data ? parseIndicatorsCsv(csv.data) : [];
    const groups = new Map<number, IndicatorProgress[]>();
    for (const row of rows) groups.set(row.actionNo, [...(groups.get(row.actionNo) ?? []), row]);
    return [...groups.entries()].sort(([a], [b]) => a - b);
  }, [csv.data]);

  const unitNames = new Map(detail.data?.inputs.units.map((u) => [u.id, u.nameZh]));
  const actionNames = new Map(detail.data?.inputs.actions.map((a) => [a.number, a.nameZh]));
  const unitName = (unitId: string) => unitNames.get(unitId) ?? unitId;

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
      {byAction.map(([actionNo, rows]) => {
        const title = `行动${actionNo} ${actionNames.get(actionNo) ?? ''}`;
        return (
          <Card key={actionNo} title={title} size="small">
            <EChart
              label={`${title}：各单位上报值与目标进度`}
              height={barChartHeight(rows.length)}
              option={indicatorProgressOption(
                rows.map((r) => ({
                  unitName: unitName(r.unitId),
                  indicatorName: r.nameZh,
                  actual: r.actual,
                  targetPath: r.targetPath,
                  lagging: r.lagging,
                })),
              )}
            />
          </Card>
        );
      })}
    </Space>
  );
}
