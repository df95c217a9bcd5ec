import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type DirectiveView, type Page } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { UnitSelect } from '../../components/unit-select';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingTime, DIRECTIVE_STATUS_ZH } from '../../format';

const PAGE_SIZE = 20;

/** 督办通知: the directives issued, newest first, by status and unit; each opens its case page. */
export default function Directives() {
  const [status, setStatus] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useApi<Page<DirectiveView>>('/directives', {
    status,
    unitId,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const { nameOf } = useUnits();

  return (
    <Card title={<Typography.Title level={4}>督办通知</Typography.Title>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="状态"
          placeholder="状态"
          allowClear
          style={{ width: 140 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={Object.entries(DIRECTIVE_STATUS_ZH).map(([value, label]) => ({ value, label }))}
        />
        <UnitSelect
          aria-label="承办单位"
          placeholder="承办单位"
          allowClear
          style={{ width: 220 }}
          value={unitId}
          onChange={(value) => {
            setUnitId(value);
            setPage(1);
          }}
        />
      </Space>
      <ProblemAlert problem={list.error} />
      <Table<DirectiveView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
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
