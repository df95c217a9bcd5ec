import { Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { type AssessmentView, type ScoreLine, type UnitScore } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { usePerson } from '../../session';

/** What a breakdown line is about, in Chinese; per-indicator and per-colour lines carry their id after a colon. */
const ITEM_ZH: Record<string, string> = {
  indicators: '指标完成',
  attainment: '指标完成',
  'monthly-reports': '月调度报送',
  deliverables: '方案与总结报送',
  'risk-items': '隐患按期整改',
  referrals: '行刑衔接移送',
  cards: '亮牌扣分',
  floor: '最低为 0 分',
};
const itemZh = (item: string) => {
  const [kind, detail] = item.split(':');
  const name = ITEM_ZH[kind ?? item] ?? item;
  return detail ? `${name}（${detail}）` : name;
};

/** Who may record 食安委's approval, as the API allows (POST /assessments/{year}/approve). */
const APPROVERS = new Set(['leader', 'supervisor', 'admin']);

interface ApprovalFields {
  committeeDecision: string;
  approvedOn: string;
}

/** The year before the current one in Beijing: the one whose score is being made or approved. */
const lastYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) -
  1;

/** 年度考核（专项得分）: each unit's score and grade, every point explained; 食安委's approval recorded. */
export default function Assessment() {
  const person = usePerson();
  const [year, setYear] = useState(lastYear);
  const assessment = useApi<AssessmentView>(`/assessments/${year}`);
  const [form] = Form.useForm<ApprovalFields>();
  const { busy, run } = useFormStep(form);
  const view = assessment.data;

  const approve = async (fields: ApprovalFields) => {
    if (await run(() => api.post<AssessmentView>(`/assessments/${year}/approve`, fields), '已记录食安委审定'))
      assessment.reload();
  };

  return (
    <Card
      title={<Typography.Title level={4}>年度考核（{view?.label.zh ?? '专项得分'}）</Typography.Title>}
      extra={
        <Space>
          <label htmlFor="assessment-year">考核年度</label>
          <InputNumber
            id="assessment-year"
            min={2000}
            max={2100}
            value={year}
            onChange={(value) => value && setYear(value)}
          />
        </Space>
      }
    >
      <ProblemAlert problem={assessment.error} />
      {view && (
        <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="状态">
            <Tag color={view.status === 'approved' ? 'green' : 'blue'}>
              {view.status === 'approved' ? '已审定' : '草稿（实时计算）'}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="工作方案版本">第 {view.planVersion} 版</Descriptions.Item>
          <Descriptions.Item label="考核规则版本">{view.policyVersion}</Descriptions.Item>
          {view.approval && (
            <Descriptions.Item label="食安委审定" span={3}>
              {view.approval.committeeDecision}（{view.approval.approvedOn}，{view.approval.approvedBy} 记录）
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Table<UnitScore>
        rowKey="unitId"
        size="middle"
        loading={assessment.loading}
        dataSource={view?.units ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (unit) => (
            <Table<ScoreLine>
              size="small"
              rowKey="item"
              pagination={false}
              caption={`${unit.nameZh} 得分明细`}
              dataSource={unit.breakdown}
              columns={[
                { title: '项目', dataIndex: 'item', width: 240, render: itemZh },
                { title: '得分', dataIndex: 'points', width: 90 },
                { title: '说明', dataIndex: 'detail' },
              ]}
            />
          ),
        }}
        columns={[
          { title: '单位', dataIndex: 'nameZh' },
          {
            title: '专项得分',
            dataIndex: 'score',
            width: 120,
            render: (score: number | null) => score ?? '—',
          },
          {
            title: '等次',
            dataIndex: 'gradeZh',
            width: 120,
            render: (gradeZh: string, unit) => (
              <Tag color={unit.score === null ? 'default' : 'blue'}>{gradeZh}</Tag>
            ),
          },
        ]}
      />
      {view?.status === 'draft' && APPROVERS.has(person.role) && (
        <Form<ApprovalFields>
          form={form}
          layout="inline"
          style={{ marginTop: 16 }}
          aria-label="记录食安委审定"
          onFinish={(fields) => void approve(fields)}
        >
          <Form.Item label="食安委决定文号" name="committeeDecision">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="审定日期" name="approvedOn">
            <Input type="date" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            记录审定
          </Button>
        </Form>
      )}
    </Card>
  );
}
