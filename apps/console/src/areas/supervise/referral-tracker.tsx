import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type ReferralView } from '../../api/types';
import { Due } from '../../components/due';
import { exportToExcel } from '../../components/excel';
import { ProblemAlert } from '../../components/problem-alert';
import { NotAllRead } from '../../components/not-all-read';
import { useAllPages } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingTime, REFERRAL_STATUS_ZH } from '../../format';
import { usePerson } from '../../session';
import { RecordLeadModal } from '../referrals/record-lead';
import { PARTY_ZH, ReferralClocks } from '../referrals/referral-clocks';

const statusZh = (status: string) => REFERRAL_STATUS_ZH[status] ?? status;
const runningClocks = (r: ReferralView) =>
  r.clocks.filter((c) => c.stoppedAt === null && c.expiredAt === null);

/** 行刑衔接跟踪: each referral with every clock, whose turn it is and on what legal basis. */
export default function ReferralTracker() {
  const list = useAllPages<ReferralView>('/referrals');
  const { nameOf } = useUnits();
  const referrals = list.data?.items ?? [];
  const now = Date.now();
  // The API records a lead for the referring unit's own staff.
  const recordsLeads = ['handler', 'unit_head'].includes(usePerson().role);
  const [recording, setRecording] = useState(false);

  const exportSheet = () =>
    exportToExcel(
      '行刑衔接.xlsx',
      '移送案件',
      [
        { header: '编号', value: (r: ReferralView) => r.id, width: 18 },
        { header: '状态', value: (r) => statusZh(r.status), width: 18 },
        { header: '移送单位', value: (r) => nameOf(r.unitId), width: 22 },
        { header: '案情摘要', value: (r) => r.summary, width: 40 },
        {
          header: '当前应办方',
          value: (r) =>
            runningClocks(r)
              .map((c) => PARTY_ZH[c.party])
              .join('、'),
          width: 18,
        },
        {
          header: '时限（北京时间）',
          value: (r) =>
            runningClocks(r)
              .map((c) => beijingTime(c.dueAt))
              .join('；'),
          width: 24,
        },
        {
          header: '法律依据',
          value: (r) =>
            runningClocks(r)
              .map((c) => c.basis)
              .join('；'),
          width: 40,
        },
        { header: '是否超期', value: (r) => (r.overdue ? '是' : '否') },
      ],
      referrals,
    );

  return (
    <Card
      title={<Typography.Title level={4}>行刑衔接跟踪</Typography.Title>}
      extra={
        <Space>
          {recordsLeads && (
            <Button type="primary" onClick={() => setRecording(true)}>
              登记线索
            </Button>
          )}
          <Button onClick={() => void exportSheet()}>导出 Excel</Button>
        </Space>
      }
    >
      <RecordLeadModal open={recording} onClose={() => setRecording(false)} />
      <ProblemAlert problem={list.error} />
      <NotAllRead list={list.data} />
      <Table<ReferralView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={referrals}
        locale={{ emptyText: '暂无移送案件' }}
        expandable={{
          rowExpandable: (r) => r.clocks.length > 0,
          expandedRowRender: (r) => <ReferralClocks clocks={r.clocks} now={now} />,
        }}
        columns={[
          {
            title: '编号',
            dataIndex: 'id',
            width: 160,
            render: (id: string) => <Link to={`/referrals/${id}`}>{id}</Link>,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 190,
            render: (s: string, r) => <Tag color={r.overdue ? 'red' : undefined}>{statusZh(s)}</Tag>,
          },
          { title: '移送单位', width: 150, render: (_, r) => nameOf(r.unitId) },
          { title: '案情摘要', dataIndex: 'summary', ellipsis: true },
          {
            title: '当前应办方',
            width: 120,
            render: (_, r) =>
              runningClocks(r)
                .map((c) => PARTY_ZH[c.party])
                .join('、') || '—',
          },
          {
            title: '最近时限',
            width: 150,
            render: (_, r) => <Due dueAt={runningClocks(r)[0]?.dueAt} now={now} />,
          },
        ]}
      />
    </Card>
  );
}
