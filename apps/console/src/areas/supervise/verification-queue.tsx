import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type Page, type RiskItemView } from '../../api/types';
import { Due } from '../../components/due';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingTime } from '../../format';

/** The API's page limit: a county's queue of submitted rectifications stays well within it. */
const QUEUE_LIMIT = 100;

/** 核查销号: rectifications submitted and awaiting verification, the verification due soonest first. */
export default function VerificationQueue() {
  const queue = useApi<Page<RiskItemView>>('/risk-items', { status: 'submitted', limit: QUEUE_LIMIT });
  const { nameOf } = useUnits();
  const now = Date.now();
  const items = [...(queue.data?.items ?? [])].sort((a, b) =>
    (a.verificationDueAt ?? '9999').localeCompare(b.verificationDueAt ?? '9999'),
  );
  return (
    <Card title={<Typography.Title level={4}>核查销号</Typography.Title>}>
      <ProblemAlert problem={queue.error} />
      <Table<RiskItemView>
        rowKey="id"
        size="middle"
        loading={queue.loading}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '编号',
            dataIndex: 'id',
            width: 170,
            render: (id: string) => <Link to={`/risk-items/${id}`}>{id}</Link>,
          },
          { title: '经营主体', key: 'business', render: (_: unknown, item) => item.business.name },
          { title: '整改单位', dataIndex: 'responsibleUnitId', width: 160, render: nameOf },
          {
            title: '提交时间',
            key: 'submittedAt',
            width: 160,
            render: (_: unknown, item) => beijingTime(item.rectification?.submittedAt),
          },
          {
            title: '核查期限',
            dataIndex: 'verificationDueAt',
            width: 150,
            render: (dueAt: string | null) => <Due dueAt={dueAt} now={now} />,
          },
        ]}
      />
    </Card>
  );
}
