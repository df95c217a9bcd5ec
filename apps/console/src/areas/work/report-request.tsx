import { Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import {
  type Indicator,
  type IndicatorTarget,
  type LedgerEntry,
  type ReportRequestView,
  type StoredPlan,
} from '../../api/types';
import { Due } from '../../components/due';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingTime, REPORT_STATUS_ZH } from '../../format';

interface ReportFields {
  values: Array<{ indicatorId: string; value: number }>;
  progress: string;
  problems: string;
}

/** 达到 ≥ 90%（2023-12-31 前）: a target as the plan states it. */
function targetText(indicator: Indicator, target: IndicatorTarget): string {
  const unit = indicator.measure === 'percent' ? '%' : '';
  const range = target.upTo === undefined ? `${target.value}` : `${target.value}—${target.upTo}`;
  const mode = target.mode === 'reach' ? '达到' : '保持';
  const assumed = target.yearAssumed ? '（年份系推定）' : '';
  return `${mode} ${indicator.comparator} ${range}${unit}（${target.due} 前）${assumed}`;
}

/** 报送: one report request with the indicators it asks for and their plan targets; answered here. */
export default function ReportRequestPage() {
  const { id = '' } = useParams();
  const request = useApi<ReportRequestView>(`/report-requests/${id}`);
  const timeline = useApi<LedgerEntry[]>(`/report-requests/${id}/timeline`);
  const view = request.data;
  const plan = useApi<StoredPlan>(view ? `/plan/versions/${view.planVersion}` : null);
  const { nameOf } = useUnits();
  const [form] = Form.useForm<ReportFields>();
  const { busy, run } = useFormStep(form);
  const now = Date.now();

  const planIndicators = new Map(
    (plan.data?.plan.actions ?? []).flatMap((action) => action.indicators.map((i) => [i.id, i] as const)),
  );

  const submit = async (fields: ReportFields) => {
    const answered = await run(
      () => api.step<ReportRequestView>(`/report-requests/${id}/submit`, fields),
      '已报送',
    );
    if (answered) {
      request.reload();
      timeline.reload();
    }
  };

  if (request.error) return <ProblemAlert problem={request.error} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card loading={!view} title={<Typography.Title level={4}>报送 {id}</Typography.Title>}>
        {view && (
          <>
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label="事项" span={2}>
                {view.title.zh}
              </Descriptions.Item>
              <Descriptions.Item label="状态">
                <Tag color={String(view.status) === 'missed' ? 'red' : 'blue'}>
                  {REPORT_STATUS_ZH[view.status] ?? view.status}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label="报送单位">{nameOf(view.unitId)}</Descriptions.Item>
              <Descriptions.Item label="报送期间">
                {view.period.label}（{view.period.from} 至 {view.period.to}）
              </Descriptions.Item>
              <Descriptions.Item label="工作方案版本">第 {view.planVersion} 版</Descriptions.Item>
              <Descriptions.Item label="报送期限">
                {beijingTime(view.deadline.dueAt)}{' '}
                {String(view.status) !== 'submitted' && <Due dueAt={view.deadline.dueAt} now={now} />}
              </Descriptions.Item>
              <Descriptions.Item label="期限依据">{view.deadline.rule.zh}</Descriptions.Item>
            </Descriptions>
            <Form<ReportFields>
              form={form}
              layout="vertical"
              style={{ marginTop: 16 }}
              disabled={!view.canSubmit}
              initialValues={{
                values: view.indicators.map((indicator) => ({
                  indicatorId: indicator.id,
                  value: view.submission?.values.find((v) => v.indicatorId === indicator.id)?.value,
                })),
                progress: view.submission?.progress ?? '',
                problems: view.submission?.problems ?? '',
              }}
              onFinish={(fields) => void submit(fields)}
            >
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                caption="指标与目标"
                dataSource={view.indicators}
                columns={[
                  { title: '指标', dataIndex: 'nameZh' },
                  {
                    title: '目标（工作方案）',
                    key: 'targets',
                    render: (_: unknown, indicator) => {
                      const planned = planIndicators.get(indicator.id);
                      if (!planned) return '—';
                      return planned.targets.map((target) => (
                        <div key={`${target.due}-${target.value}`}>{targetText(planned, target)}</div>
                      ));
                    },
                  },
                  {
                    title: '本期数值',
                    key: 'value',
                    width: 200,
                    render: (_: unknown, indicator, index) => (
                      <>
                        <Form.Item name={['values', index, 'indicatorId']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item
                          name={['values', index, 'value']}
                          rules={[{ required: true, message: '请填写数值' }]}
                          style={{ marginBottom: 0 }}
                        >
                          <InputNumber
                            aria-label={indicator.nameZh}
                            addonAfter={indicator.measure === 'percent' ? '%' : '项'}
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                      </>
                    ),
                  },
                ]}
              />
              <Form.Item
                label="工作进展"
                name="progress"
                style={{ marginTop: 16 }}
                rules={[{ required: true, message: '请填写工作进展' }]}
              >
                <Input.TextArea rows={3} maxLength={10000} />
              </Form.Item>
              <Form.Item label="存在问题" name="problems">
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
              {view.canSubmit ? (
                <Button type="primary" htmlType="submit" loading={busy}>
                  报送
                </Button>
              ) : (
                <Typography.Text type="secondary">
                  {view.submission
                    ? `已于 ${beijingTime(view.submission.submittedAt)} 报送${view.submission.late ? '（逾期）' : ''}`
                    : '当前不能由您报送'}
                </Typography.Text>
              )}
            </Form>
          </>
        )}
      </Card>
      <Card title="办理记录">
        <ProblemAlert problem={timeline.error ?? plan.error} />
        <LedgerTimeline entries={timeline.data ?? []} />
      </Card>
    </Space>
  );
}
