import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type Page, type RiskItemView } from '../../api/types';
import { Due } from '../../components/due';
import { exportToExcel } from '../../components/excel';
import { LabelSelect, usePagedList } from '../../components/paged-list';
import { ProblemAlert } from '../../components/problem-alert';
import { useUnits } from '../../components/use-units';
import { beijingTime, GRADE_ZH, readableInstants, RISK_STATUS_ZH } from '../../format';

/** The most a sheet takes in one export: the API's page limit. */
const EXPORT_LIMIT = 100;

/** 隐患台账: the ledger view, filtered by status and text, exportable to Excel. */
export default function RiskItemLedger() {
  const [status, setStatus] = useState<string>();
  const [q, setQ] = useState<string>();
  const { list, pagination, filter } = usePagedList<RiskItemView>('/risk-items', {
    status,
    q,
    sort: 'dueAt',
  });
  const { nameOf } = useUnits();
  const now = Date.now();

  const exportSheet = async () => {
    const all = await api.get<Page<RiskItemView>>('/risk-items', {
      status,
      q,
      sort: 'dueAt',
      limit: EXPORT_LIMIT,
    });
    await exportToExcel(
      '隐患台账.xlsx',
      '隐患台账',
      [
        { header: '编号', value: (i: RiskItemView) => i.id, width: 18 },
        { header: '状态', value: (i) => RISK_STATUS_ZH[i.status] ?? i.status },
        { header: '等级', value: (i) => GRADE_ZH[i.grade] ?? i.grade },
        { header: '经营主体', value: (i) => i.business.name, width: 28 },
        { header: '统一社会信用代码', value: (i) => i.business.creditCode ?? '', width: 22 },
        { header: '隐患描述', value: (i) => i.description, width: 40 },
        { header: '责任单位', value: (i) => nameOf(i.responsibleUnitId ?? i.registeringUnitId), width: 22 },
        { header: '整改期限（北京时间）', value: (i) => beijingTime(i.deadline?.dueAt), width: 20 },
        {
          header: '期限依据',
          value: (i) => (i.deadline ? readableInstants(i.deadline.rule.zh) : ''),
          width: 40,
        },
        { header: '是否超期', value: (i) => (i.overdue ? '是' : '否') },
      ],
      all.items,
    );
  };

  return (
    <Card
      title={<Typography.Title level={4}>隐患台账</Typography.Title>}
      extra={<Button onClick={() => void exportSheet()}>导出 Excel</Button>}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <LabelSelect
          label="状态"
          labels={RISK_STATUS_ZH}
          width={140}
          value={status}
          onChange={filter(setStatus)}
        />
        <Input.Search
          aria-label="搜索编号、主体或描述"
          placeholder="编号、主体名称、信用代码或描述"
          allowClear
          style={{ width: 320 }}
          onSearch={(text) => filter(setQ)(text || undefined)}
        />
      </Space>
      <ProblemAlert problem={list.error} />
      <Table<RiskItemView>
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
            render: (id: string) => <Link to={`/risk-items/${id}`}>{id}</Link>,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: string) => <Tag>{RISK_STATUS_ZH[s] ?? s}</Tag>,
          },
          { title: '经营主体', render: (_, i) => i.business.name, ellipsis: true },
          {
            title: '责任单位',
            width: 160,
            render: (_, i) => nameOf(i.responsibleUnitId ?? i.registeringUnitId),
          },
          { title: '期限', width: 150, render: (_, i) => <Due dueAt={i.deadline?.dueAt} now={now} /> },
        ]}
      />
    </Card>
  );
}
