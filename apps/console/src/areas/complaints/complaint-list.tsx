import { Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type ComplaintCaseView, type ComplaintFigures } from '../../api/types';
import { Due } from '../../components/due';
import { LabelSelect, usePagedList } from '../../components/paged-list';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingTime, COMPLAINT_STATUS_ZH, yuan } from '../../format';
import { CATEGORY_ZH } from '../../pages/public/public-api';

const HOUR = 3_600_000;

type Figures = ComplaintFigures['rows'][number];

/** A yes/no filter: all (cleared), yes, no. */
const yesNo = (yes: string, no: string) => ({ true: yes, false: no });
const asBoolean = (value: string | undefined) => (value === undefined ? undefined : value === 'true');

const days = (value: number | null) => (value === null ? '—' : `${value} 天`);

/** 投诉举报: the cases the API lets me read, due soonest first, and the year's figures per unit. */
export default function ComplaintList() {
  const [status, setStatus] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [overdue, setOverdue] = useState<string>();
  const [open, setOpen] = useState<string | undefined>('true');
  const { list, pagination, filter } = usePagedList<ComplaintCaseView>('/complaints', {
    status,
    category,
    overdue: asBoolean(overdue),
    open: asBoolean(open),
    sort: 'dueAt',
  });
  // The campaign keeps Beijing time: the year a case was received in is Beijing's year.
  const [year, setYear] = useState(() => new Date(Date.now() + 8 * HOUR).getUTCFullYear());
  const figures = useApi<ComplaintFigures>('/complaints/figures', {
    from: `${year}-01-01T00:00:00+08:00`,
    to: `${year + 1}-01-01T00:00:00+08:00`,
  });
  const { nameOf } = useUnits();
  const now = Date.now();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={4}>投诉举报</Typography.Title>}>
        <Space wrap style={{ marginBottom: 16 }}>
          <LabelSelect
            label="办理状态"
            labels={COMPLAINT_STATUS_ZH}
            width={150}
            value={status}
            onChange={filter(setStatus)}
          />
          <LabelSelect
            label="类别"
            labels={CATEGORY_ZH}
            width={110}
            value={category}
            onChange={filter(setCategory)}
          />
          <LabelSelect
            label="是否超期"
            labels={yesNo('已超期', '未超期')}
            width={120}
            value={overdue}
            onChange={filter(setOverdue)}
          />
          <LabelSelect
            label="是否办结"
            placeholder="全部"
            labels={yesNo('未关闭', '已关闭')}
            width={120}
            value={open}
            onChange={filter(setOpen)}
          />
        </Space>
        <ProblemAlert problem={list.error} />
        <Table<ComplaintCaseView>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={pagination}
          columns={[
            {
              title: '编号',
              dataIndex: 'id',
              width: 160,
              render: (id: string) => <Link to={`/complaints/${id}`}>{id}</Link>,
            },
            {
              title: '类别',
              dataIndex: 'category',
              width: 70,
              render: (c: string) => CATEGORY_ZH[c] ?? c,
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 130,
              render: (s: string, c) => (
                <Tag color={c.overdue ? 'red' : undefined}>{COMPLAINT_STATUS_ZH[s] ?? s}</Tag>
              ),
            },
            { title: '被举报经营者', render: (_, c) => c.business.name, ellipsis: true },
            {
              title: '投诉人/举报人',
              width: 170,
              render: (_, c) =>
                `${c.pseudonym}${c.named ? '（实名）' : '（匿名）'}${c.insider ? ' 内部' : ''}`,
            },
            { title: '收到时间', dataIndex: 'receivedAt', width: 150, render: beijingTime },
            { title: '期限', width: 150, render: (_, c) => <Due dueAt={c.dueAt} now={now} /> },
          ]}
        />
      </Card>
      <Card
        title="投诉举报统计"
        extra={
          <InputNumber
            aria-label="统计年度"
            min={2020}
            max={2100}
            value={year}
            onChange={(value) => {
              if (value) setYear(value);
            }}
          />
        }
      >
        <ProblemAlert problem={figures.error} />
        <Table<Figures>
          rowKey={(r) => `${r.unitId}-${r.actionNo}`}
          size="small"
          loading={figures.loading}
          dataSource={figures.data?.rows ?? []}
          pagination={false}
          columns={[
            { title: '承办单位', dataIndex: 'unitId', render: (id: string) => nameOf(id) },
            { title: '专项行动', dataIndex: 'actionNo', width: 80 },
            { title: '收到', dataIndex: 'received', width: 70 },
            { title: '查实', dataIndex: 'verified', width: 70 },
            { title: '转隐患/移送', dataIndex: 'converted', width: 100 },
            {
              title: '奖励已发放',
              width: 130,
              render: (_, r) => `${r.rewardsPaid} 笔 ${yuan(r.rewardsPaidFen)}`,
            },
            { title: '受理（中位）', dataIndex: 'medianDaysToAcceptance', width: 100, render: days },
            { title: '决定（中位）', dataIndex: 'medianDaysToDecision', width: 100, render: days },
            { title: '告知（中位）', dataIndex: 'medianDaysToNotice', width: 100, render: days },
          ]}
        />
      </Card>
    </Space>
  );
}
