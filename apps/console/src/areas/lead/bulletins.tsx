import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { type BulletinRecord, type BulletinTables } from '../../api/types';
import { exportWorkbook } from '../../components/excel';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingDate } from '../../format';

/** Wide enough for indicator names and the units' figures. */
const COLUMN_WIDTH: Record<string, number> = { 单位: 24, 指标: 48, 基线: 18 };

/**
 * 季度通报: each quarter's stored bulletin (opened as the document itself), the units lagging, and its
 * tables as a workbook: one sheet per table of the document, as the API gives them.
 */
export default function Bulletins() {
  const list = useApi<BulletinRecord[]>('/bulletins');
  const { nameOf } = useUnits();
  const { message } = App.useApp();

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
  return (
    <Card title={<Typography.Title level={4}>季度通报</Typography.Title>}>
      <ProblemAlert problem={list.error} />
      <Table<BulletinRecord>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        columns={[
          { title: '编号', dataIndex: 'id', width: 150 },
          { title: '季度', dataIndex: 'quarter', width: 100 },
          { title: '截止', dataIndex: 'cutoff', width: 150, render: (d: string) => beijingDate(d) },
          {
            title: '滞后单位',
            dataIndex: 'laggingUnits',
            render: (units: string[]) =>
              units.map((u) => (
                <Tag key={u} color="red">
                  {nameOf(u)}
                </Tag>
              )),
          },
          {
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
          },
        ]}
      />
    </Card>
  );
}
