import { App, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type RiskItemView } from '../../api/types';
import { Due } from '../../components/due';
import { exportToExcel } from '../../components/excel';
import { LabelSelect, usePagedList } from '../../components/paged-list';
import { ProblemAlert } from '../../components/problem-alert';
import { UnitSelect } from '../../components/unit-select';
import { type AllRows } from '../../api/all-pages';
import { allPages } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingTime, GRADE_ZH, readableInstants, RISK_STATUS_ZH, SOURCE_ZH } from '../../format';

/** 隐患台账: the ledger view, filtered by status and text, exportable to Excel. */
export default function RiskItemLedger() {
  const [status, setStatus] = useState<string>();
  const [q, setQ] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const [grade, setGrade] = useState<string>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [sort, setSort] = useState<string>('dueAt');
  // What the page shows is what the sheet exports: the same filters, the same order.
  const query = { status, q, unitId, grade, overdue: overdueOnly || undefined, sort };
  const { list, pagination, filter } = usePagedList<RiskItemView>('/risk-items', query);
  const { nameOf } = useUnits();
  const now = Date.now();

  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  // Every item the filters find, a page at a time, up to ALL_ROWS_CAP (the sheet says if it stopped).
  const exportSheet = async () => {
    setExporting(true);
    try {
      await writeSheet(await allPages<RiskItemView>('/risk-items', query));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };
  const writeSheet = async (all: AllRows<RiskItemView>) => {
    if (!all.complete)
      void message.warning(
        `超过 ${all.items.length} 条，只导出了前 ${all.items.length} 条：请按状态或关键词分批导出。`,
      );
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
        { header: '地址', value: (i) => i.business.address, width: 30 },
        { header: '所在乡镇（街道）', value: (i) => nameOf(i.business.townshipId), width: 16 },
        { header: '来源', value: (i) => SOURCE_ZH[i.source] ?? i.source },
        { header: '来源日期', value: (i) => i.sourceDate, width: 12 },
      ],
      all.items,
    );
  };

  return (
    <Card
      title={<Typography.Title level={4}>隐患台账</Typography.Title>}
      extra={
        <Button loading={exporting} onClick={() => void exportSheet()}>
          导出 Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <LabelSelect
          label="状态"
          labels={RISK_STATUS_ZH}
          width={140}
          value={status}
          onChange={filter(setStatus)}
        />
        <UnitSelect
          filter
          aria-label="责任单位"
          placeholder="责任单位"
          allowClear
          style={{ width: 200 }}
          value={unitId}
          onChange={filter(setUnitId)}
        />
        <LabelSelect label="等级" labels={GRADE_ZH} width={100} value={grade} onChange={filter(setGrade)} />
        <Checkbox checked={overdueOnly} onChange={(event) => filter(setOverdueOnly)(event.target.checked)}>
          只看已超期
        </Checkbox>
        <Select
          aria-label="排序"
          style={{ width: 150 }}
          value={sort}
          onChange={filter(setSort)}
          options={[
            { value: 'dueAt', label: '期限最近在前' },
            { value: '-registeredAt', label: '最新登记在前' },
            { value: 'registeredAt', label: '最早登记在前' },
          ]}
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
