import { Alert, App, Button, Card, Descriptions, Drawer, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import {
  type BulletinRecord,
  type BulletinTables,
  type Indicator,
  type StoredPlan,
  type UnitBulletinView,
} from '../../api/types';
import { exportWorkbook } from '../../components/excel';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { usePeople } from '../../components/use-people';
import { useUnits } from '../../components/use-units';
import { beijingDate, beijingTime, quarterZh } from '../../format';
import { usePerson } from '../../session';

/** Wide enough for indicator names and the units' figures. */
const COLUMN_WIDTH: Record<string, number> = { 单位: 24, 指标: 48, 基线: 18 };

/** The roles that read every bulletin, published or not; unit staff read the published ones, their own part. */
const COUNTY_ROLES = ['supervisor', 'leader', 'auditor', 'admin'];
/** The roles the API lets publish a bulletin to the units. */
const PUBLISHERS = ['supervisor', 'admin'];

const percent = (value: number | null) => (value === null ? '—' : `${value}%`);

/** An indicator's figure with its unit as the plan measures it: % for a percentage, none for a count. */
const figure = (value: number, measure: Indicator['measure'] | undefined) =>
  measure === 'percent' ? `${value}%` : String(value);

/** One unit's reading of a published bulletin: its own figures and indicators, and every unit's rank. */
function UnitView({ bulletin }: { bulletin: BulletinRecord }) {
  const view = useApi<UnitBulletinView>(`/bulletins/${bulletin.id}/unit-view`);
  // The plan the bulletin was made under says how each indicator is measured.
  const plan = useApi<StoredPlan>(`/plan/versions/${bulletin.planVersion}`);
  const { nameOf } = useUnits();
  const measures = new Map(
    (plan.data?.plan.actions ?? []).flatMap((a) => a.indicators.map((i) => [i.id, i.measure] as const)),
  );
  if (view.error) return <ProblemAlert problem={view.error} />;
  if (!view.data) return <Loading />;
  const { own, indicators, ranking, unitId, catchUpZh } = view.data;
  const ranked = ranking.filter((r) => r.rank !== null).length;
  const tied = (rank: number) => ranking.filter((r) => r.rank === rank).length > 1;
  return (
    <>
      <Descriptions title={nameOf(unitId)} bordered size="small" column={2}>
        <Descriptions.Item label="排名">
          {!own
            ? '—'
            : own.rank === null
              ? '不参与排名（本单位无须报送指标）'
              : `${tied(own.rank) ? '并列' : ''}第 ${own.rank} 名（共 ${ranked} 个单位参与排名）`}
        </Descriptions.Item>
        <Descriptions.Item label="指标平均完成率">{percent(own?.attainment ?? null)}</Descriptions.Item>
        <Descriptions.Item label="滞后指标">{own?.laggingIndicators ?? 0} 项</Descriptions.Item>
        <Descriptions.Item label="月调度报送">
          {own
            ? `应报 ${own.reports.requested}，已报 ${own.reports.submitted}，漏报 ${own.reports.missed}`
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="隐患" span={2}>
          {own
            ? `本季度登记 ${own.riskItems.opened}，销号 ${own.riskItems.closed}，逾期未整改 ${own.riskItems.overdue}`
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      {catchUpZh && <Alert type="info" showIcon style={{ marginTop: 16 }} message={`通报：${catchUpZh}`} />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        本单位指标
      </Typography.Title>
      <Table
        rowKey="indicatorId"
        size="small"
        pagination={false}
        dataSource={indicators}
        locale={{ emptyText: '本季度无本单位负责的指标' }}
        columns={[
          { title: '行动', dataIndex: 'actionNo', width: 60 },
          { title: '指标', dataIndex: 'nameZh' },
          {
            title: '季末目标',
            dataIndex: 'path',
            width: 90,
            render: (path: number, row) => figure(path, measures.get(row.indicatorId)),
          },
          {
            title: '最新报送值',
            dataIndex: 'actual',
            width: 100,
            render: (actual: number | null, row) =>
              actual === null ? '未报' : figure(actual, measures.get(row.indicatorId)),
          },
          {
            title: '进度',
            dataIndex: 'lagging',
            width: 80,
            render: (lagging: boolean) => (lagging ? <Tag color="red">滞后</Tag> : <Tag>未滞后</Tag>),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        各单位排名
      </Typography.Title>
      <Table
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={ranking}
        rowClassName={(row) => (row.unitId === unitId ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: '名次',
            dataIndex: 'rank',
            width: 100,
            render: (rank: number | null) =>
              rank === null ? '不参与排名' : tied(rank) ? `${rank}（并列）` : rank,
          },
          { title: '单位', dataIndex: 'nameZh' },
          { title: '指标平均完成率', dataIndex: 'attainment', width: 130, render: percent },
          { title: '滞后指标', dataIndex: 'laggingIndicators', width: 90 },
        ]}
      />
    </>
  );
}

/**
 * 季度通报: each quarter's stored bulletin (opened as the document itself), the units lagging, and its
 * tables as a workbook: one sheet per table of the document, as the API gives them. A supervisor
 * publishes it to the units; unit staff then read their own part and the ranking.
 */
export default function Bulletins() {
  const list = useApi<BulletinRecord[]>('/bulletins');
  const { role } = usePerson();
  const { nameOf } = useUnits();
  const { personName } = usePeople();
  const { message } = App.useApp();
  const [reading, setReading] = useState<BulletinRecord>();
  const county = COUNTY_ROLES.includes(role);

  const exportTables = async (bulletin: BulletinRecord) => {
    try {
      const { tables } = await api.get<BulletinTables>(`/bulletins/${bulletin.id}/tables`);
      await exportWorkbook(
        `季度通报-${bulletin.quarter}.xlsx`,
        tables.map((table) => ({
          name: table.title,
          header: table.header,
          widths: table.header.map((h) => COLUMN_WIDTH[h] ?? 14),
          rows: table.rows,
        })),
      );
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '导出失败');
    }
  };
  const publish = async (bulletin: BulletinRecord) => {
    try {
      await api.post(`/bulletins/${bulletin.id}/publish`);
      void message.success(`${quarterZh(bulletin.quarter)}通报已发布`);
      list.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '发布失败');
    }
  };
  const publication = (bulletin: BulletinRecord) =>
    bulletin.publishedAt ? (
      <Typography.Text>
        已发布（{beijingTime(bulletin.publishedAt)}，{personName(bulletin.publishedBy ?? '')}）
      </Typography.Text>
    ) : PUBLISHERS.includes(role) ? (
      <Popconfirm
        title={`发布${quarterZh(bulletin.quarter)}通报？`}
        description="发布后各单位可查看本单位情况和排名；发布人和时间记入台账，不能撤回。"
        okText="发布"
        cancelText="取消"
        onConfirm={() => void publish(bulletin)}
      >
        <Button size="small">发布</Button>
      </Popconfirm>
    ) : (
      '未发布'
    );

  return (
    <Card title={<Typography.Title level={4}>季度通报</Typography.Title>}>
      <ProblemAlert problem={list.error} />
      <Table<BulletinRecord>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: county ? '尚无季度通报' : '尚无已发布的季度通报' }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 150 },
          { title: '季度', dataIndex: 'quarter', width: 140, render: quarterZh },
          // The day the bulletin read the records on, not a deadline.
          { title: '数据截至', dataIndex: 'cutoff', width: 120, render: (d: string) => beijingDate(d) },
          {
            title: '滞后单位',
            key: 'laggingUnits',
            render: (_, b) => {
              // A unit that reported nothing it was asked for is named apart from one behind on its figures.
              const unreported = b.unreportedUnits ?? [];
              const behind = b.laggingUnits.filter((u) => !unreported.includes(u));
              if (behind.length + unreported.length === 0) return '无';
              return [
                ...behind.map((u) => (
                  <Tag key={u} color="red">
                    {nameOf(u)}
                  </Tag>
                )),
                ...unreported.map((u) => (
                  <Tag key={u} color="orange">
                    {nameOf(u)}（未报）
                  </Tag>
                )),
              ];
            },
          },
          { title: '发布', key: 'published', width: 220, render: (_, b) => publication(b) },
          county
            ? {
                title: '文件',
                width: 320,
                render: (_, b) => (
                  <>
                    <a href={`/bulletins/${b.id}/bulletin.html`} target="_blank" rel="noreferrer">
                      通报全文
                    </a>
                    {' · '}
                    <a href={`/bulletins/${b.id}/indicators.csv`}>指标表</a>
                    {' · '}
                    <a href={`/bulletins/${b.id}/units.csv`}>单位表</a>
                    {' · '}
                    <Button type="link" size="small" onClick={() => void exportTables(b)}>
                      导出 Excel
                    </Button>
                  </>
                ),
              }
            : {
                title: '本单位',
                width: 140,
                render: (_, b) => (
                  <Button type="link" size="small" onClick={() => setReading(b)}>
                    查看本单位情况
                  </Button>
                ),
              },
        ]}
      />
      <Drawer
        open={reading !== undefined}
        // The unit's figures side by side and its indicators' names in full, on an office PC's screen.
        size="min(960px, 92vw)"
        title={reading ? `${quarterZh(reading.quarter)}通报：本单位情况` : ''}
        onClose={() => setReading(undefined)}
        destroyOnHidden
      >
        {reading && <UnitView bulletin={reading} />}
      </Drawer>
    </Card>
  );
}
