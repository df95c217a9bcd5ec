import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type DirectiveView } from '../../api/types';
import { LabelSelect, usePagedList } from '../../components/paged-list';
import { ProblemAlert } from '../../components/problem-alert';
import { UnitSelect } from '../../components/unit-select';
import { useUnits } from '../../components/use-units';
import { beijingTime, DIRECTIVE_STATUS_ZH } from '../../format';

/** 督办通知: the directives issued, newest first, by status and unit; each opens its case page. */
export default function Directives() {
  const [status, setStatus] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const { list, pagination, filter } = usePagedList<DirectiveView>('/directives', { status, unitId });
  const { nameOf } = useUnits();

  return (
    <Card title={<Typography.Title level={4}>督办通知</Typography.Title>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <LabelSelect
          label="状态"
          labels={DIRECTIVE_STATUS_ZH}
          width={140}
          value={status}
          onChange={filter(setStatus)}
        />
        <UnitSelect
          filter
          aria-label="承办单位"
          placeholder="承办单位"
          allowClear
          style={{ width: 220 }}
          value={unitId}
          onChange={filter(setUnitId)}
        />
      </Space>
      <ProblemAlert problem={list.error} />
      <Table<DirectiveView>
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
            render: (id: string) => <Link to={`/directives/${id}`}>{id}</Link>,
          },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          { title: '承办单位', dataIndex: 'assigneeUnitId', width: 180, render: (id: string) => nameOf(id) },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (
              <Tag color={s === 'issued' ? 'orange' : 'green'}>{DIRECTIVE_STATUS_ZH[s] ?? s}</Tag>
            ),
          },
          { title: '下发时间', dataIndex: 'issuedAt', width: 160, render: beijingTime },
          { title: '签收时间', dataIndex: 'acknowledgedAt', width: 160, render: beijingTime },
        ]}
      />
    </Card>
  );
}
