import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState, type Key } from 'react';
import { api } from '../../api/client';
import {
  type AssessmentView,
  type StoredPlan,
  type StoredScoreLine,
  type StoredUnitScore,
} from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { usePeople } from '../../components/use-people';
import { usePerson } from '../../session';
import {
  yearAfterCampaign,
  yearBeforeCampaign,
} from '../../../../../libs/reporting/src/domain/campaign-start';

/**
 * What a line frozen before 2026-12-03 is about, in Chinese: those lines carry only `item` (per-indicator
 * and per-colour ones with their id after a colon) and the `detail` they were approved with. Lines made
 * since carry `itemZh` and `detailZh` themselves.
 */
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
const legacyItemZh = (item: string) => {
  const [kind, detail] = item.split(':');
  const name = ITEM_ZH[kind ?? item] ?? item;
  return detail ? `${name}（${detail}）` : name;
};

/** The sum of a unit's lines in whole cents, as the page adds them up for the 合计 row. */
const centsOf = (lines: StoredScoreLine[]) => lines.reduce((n, l) => n + Math.round(l.points * 100), 0);

/**
 * 合计 of a breakdown: the lines' sum, which is the score (lines made since 2026-12-03 add up to it to
 * the cent). A breakdown frozen earlier may differ by rounding, and says so rather than leave it to be
 * found; a unit not assessed has no score to sum to.
 */
function totalZh(unit: StoredUnitScore): string {
  if (unit.score === null) return '不参评（亮牌仅列明，不扣分）';
  const cents = centsOf(unit.breakdown);
  const score = Math.round(unit.score * 100);
  if (cents === score) return `各项合计即专项得分 ${unit.score} 分`;
  return `各项合计 ${cents / 100} 分，专项得分 ${unit.score} 分：各项四舍五入至 0.01 分，差 ${Math.abs(score - cents) / 100} 分系尾差`;
}

/** A grade's tag colour, by the policy's grade code: the better the grade, the greener; 不合格 red. */
const GRADE_COLOUR: Record<string, string> = {
  excellent: 'green',
  good: 'cyan',
  pass: 'blue',
  fail: 'red',
  'not-assessed': 'default',
};

/** Who may record 食安委's approval, as the API allows (POST /assessments/{year}/approve). */
const APPROVERS = new Set(['leader', 'supervisor', 'admin']);
/** Unit staff: the API answers their own unit only. */
const UNIT_STAFF = new Set(['handler', 'unit_head']);

interface ApprovalFields {
  committeeDecision: string;
  approvedOn: string;
}

/** The year before the current one in Beijing: the one whose score is being made or approved. */
const lastYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) -
  1;

/**
 * 年度考核（专项得分）: each unit's score and grade, every point explained; 食安委's approval recorded. Unit
 * staff see their own unit only, its breakdown open: why it lost points.
 */
export default function Assessment() {
  const person = usePerson();
  const ownUnit = UNIT_STAFF.has(person.role);
  const [year, setYear] = useState(lastYear);
  const [expanded, setExpanded] = useState<readonly Key[]>(ownUnit ? [person.unitId] : []);
  const assessment = useApi<AssessmentView>(`/assessments/${year}`);
  const { personName } = usePeople();
  const [form] = Form.useForm<ApprovalFields>();
  const { busy, run } = useFormStep(form);
  const view = assessment.data;
  // A year outside the campaign has no score to approve (the API refuses it): said, and no form offered.
  const campaign = useApi<StoredPlan>('/plan').data?.plan.campaign.period;
  const outsideCampaign =
    campaign !== undefined &&
    (yearBeforeCampaign(year, campaign.from) || yearAfterCampaign(year, campaign.to));

  const approve = async (fields: ApprovalFields) => {
    if (await run(() => api.post<AssessmentView>(`/assessments/${year}/approve`, fields), '已记录食安委审定'))
      assessment.reload();
  };

  return (
    <Card
      title={
        <Typography.Title level={4}>
          {ownUnit ? `本单位年度考核：${person.unitName}` : '年度考核'}（{view?.label.zh ?? '专项得分'}）
        </Typography.Title>
      }
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
      {view?.status === 'draft' && campaign && outsideCampaign && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`该年度不在专项行动期间（${campaign.from} 至 ${campaign.to}），无考核得分可审定`}
        />
      )}
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
              {view.approval.committeeDecision}（{view.approval.approvedOn}，
              {personName(view.approval.approvedBy)} 记录）
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Table<StoredUnitScore>
        rowKey="unitId"
        size="middle"
        loading={assessment.loading}
        dataSource={view?.units ?? []}
        pagination={false}
        locale={ownUnit ? { emptyText: '本单位不在该年度考核之列' } : undefined}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: setExpanded,
          expandedRowRender: (unit) => (
            <Table<StoredScoreLine>
              size="small"
              rowKey="item"
              pagination={false}
              caption={`${unit.nameZh} 得分明细`}
              dataSource={unit.breakdown}
              columns={[
                {
                  title: '项目',
                  key: 'item',
                  width: 280,
                  render: (_, line) => line.itemZh ?? legacyItemZh(line.item),
                },
                { title: '得分', dataIndex: 'points', width: 90 },
                { title: '说明', key: 'detail', render: (_, line) => line.detailZh ?? line.detail },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1}>{unit.score ?? '—'}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2}>{totalZh(unit)}</Table.Summary.Cell>
                </Table.Summary.Row>
              )}
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
              <Tag color={unit.score === null ? 'default' : (GRADE_COLOUR[unit.grade] ?? 'blue')}>
                {gradeZh}
              </Tag>
            ),
          },
        ]}
      />
      {view?.status === 'draft' && !outsideCampaign && APPROVERS.has(person.role) && (
        <Form<ApprovalFields>
          form={form}
          layout="inline"
          style={{ marginTop: 16 }}
          aria-label="记录食安委审定"
          onFinish={(fields) => void approve(fields)}
        >
          {/* Fixed widths: a field's message wraps under it rather than stretch the field to its width. */}
          <Form.Item label="食安委决定文号" name="committeeDecision" style={{ width: 380 }}>
            <Input maxLength={200} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label="审定日期" name="approvedOn" style={{ width: 260 }}>
            <Input type="date" style={{ width: 170 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            记录审定
          </Button>
        </Form>
      )}
    </Card>
  );
}
