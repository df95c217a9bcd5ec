import { Card, Table, Tag, Typography } from 'antd';
import { type BulletinRecord } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingDate } from '../../format';

/** 季度通报: each quarter's stored bulletin (opened as the document itself) and the units lagging. */
export default function Bulletins() {
  const list = useApi<BulletinRecord[]>('/bulletins');
  const { nameOf } = useUnits();
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
            width: 220,
            render: (_, b) => (
              <>
                <a href={`/bulletins/${b.id}/bulletin.html`} target="_blank" rel="noreferrer">
                  通报全文
                </a>
                {' · '}
                <a href={`/bulletins/${b.id}/indicators.csv`}>指标表</a>
                {' · '}
                <a href={`/bulletins/${b.id}/units.csv`}>单位表</a>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
