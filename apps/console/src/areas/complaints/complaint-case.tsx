import { Button, Card, Descriptions, Form, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type ComplaintClockRun, type ComplaintDetail, type LedgerEntry } from '../../api/types';
import { Due } from '../../components/due';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { AllowedSteps } from '../../components/allowed-steps';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingTime, COMPLAINT_OUTCOME_ZH, COMPLAINT_STATUS_ZH, REWARD_STATUS_ZH, yuan } from '../../format';
import { CATEGORY_ZH } from '../../pages/public/public-api';
import { COMPLAINT_STEPS, StepFormFields, stepBody, type StepFields } from './complaint-step-fields';
import { RevealPanel } from './reveal-panel';

/** Steps that refuse or end a case: plain buttons, not the page's main action. */
const QUIET_STEPS = new Set(['refuse', 'close', 'record-retaliation']);
const REVEAL_REQUEST = 'request-reveal';

/** Where a clock stands: running (time left or overdue in red), or answered and when. */
function ClockStanding({ run, now }: { run: ComplaintClockRun; now: number }) {
  if (run.stoppedAt)
    return (
      <span>
        已办理（{beijingTime(run.stoppedAt)}）{run.expiredAt && <Tag color="red">逾期办理</Tag>}
      </span>
    );
  return <Due dueAt={run.dueAt} now={now} />;
}

/** A complaint or report: its facts (the pseudonym, never the identity), clocks, steps, reveal, timeline. */
export default function ComplaintCase() {
  const { id = '' } = useParams();
  const complaint = useApi<ComplaintDetail>(`/complaints/${id}`);
  const timeline = useApi<LedgerEntry[]>(`/complaints/${id}/timeline`);
  const { units } = useUnits();
  const [form] = Form.useForm<StepFields>();
  const { busy, run } = useFormStep(form);
  const [open, setOpen] = useState<string>();
  const now = Date.now();
  const view = complaint.data;

  const reload = () => {
    complaint.reload();
    timeline.reload();
  };
  const take = async (fields: StepFields) => {
    if (!open) return;
    const { label, path } = COMPLAINT_STEPS[open];
    if (await run(() => api.step(`/complaints/${id}/${path}`, stepBody(open, fields)), `已${label}`)) {
      setOpen(undefined);
      reload();
    }
  };

  // A decision to register a risk item starts from what the report says about the business.
  const decideDefaults = view && {
    riskItem: {
      business: {
        name: view.business.name,
        creditCode: view.business.creditCode ?? '',
        address: view.business.address ?? '',
      },
      description: view.what,
    },
  };

  if (complaint.error) return <ProblemAlert problem={complaint.error} />;
  const steps = (view?.allowedSteps ?? []).map(String).filter((s) => COMPLAINT_STEPS[s]);
  const caseSteps = steps.filter((step) => step !== REVEAL_REQUEST);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        loading={!view}
        title={
          <Typography.Title level={4}>
            {CATEGORY_ZH[view?.category ?? ''] ?? '投诉举报'} {id}
          </Typography.Title>
        }
      >
        {view && (
          <>
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label="办理状态">
                <Tag color={view.overdue ? 'red' : 'blue'}>
                  {COMPLAINT_STATUS_ZH[view.status] ?? view.status}
                </Tag>
                {view.overdue && <span className="overdue">曾超期</span>}
              </Descriptions.Item>
              <Descriptions.Item label="收到时间">{beijingTime(view.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="被举报经营者">{view.business.name}</Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码">
                {view.business.creditCode ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="经营地址">{view.business.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="发生日期与地点">
                {view.occurredOn ?? '—'} {view.place ?? ''}
              </Descriptions.Item>
              <Descriptions.Item label="反映内容" span={2}>
                {view.what}
              </Descriptions.Item>
              <Descriptions.Item label="举报人">
                {view.pseudonym}
                {view.named ? '（实名）' : '（匿名）'}
                {view.traceable ? '' : ' 无法联系'}
              </Descriptions.Item>
              <Descriptions.Item label="内部吹哨人">
                {view.insider ? `是（所在单位：${view.employer ?? '—'}）` : '否'}
              </Descriptions.Item>
              <Descriptions.Item label="处理结果" span={2}>
                {view.outcome
                  ? `${COMPLAINT_OUTCOME_ZH[view.outcome.kind] ?? view.outcome.kind}${
                      view.outcome.ref ? ` ${view.outcome.ref}` : ''
                    }（${view.outcome.substantiated ? '属实' : '不属实'}）：${view.outcome.reason}`
                  : '尚未决定'}
              </Descriptions.Item>
              {view.reward && (
                <Descriptions.Item label="举报奖励" span={2}>
                  {REWARD_STATUS_ZH[view.reward.status] ?? view.reward.status} {yuan(view.reward.amountFen)}（
                  {view.reward.explanation}）
                </Descriptions.Item>
              )}
            </Descriptions>
            <Table<ComplaintClockRun>
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(r) => `${r.clock}-${r.startedAt}`}
              pagination={false}
              caption="办理时限"
              dataSource={view.clocks}
              columns={[
                { title: '时限', render: (_, r) => r.rule.zh },
                { title: '依据', dataIndex: 'basis', width: 170 },
                { title: '期限（北京时间）', dataIndex: 'dueAt', width: 150, render: beijingTime },
                { title: '状态', width: 200, render: (_, r) => <ClockStanding run={r} now={now} /> },
              ]}
            />
            {view.evidence.length > 0 && (
              <Table
                style={{ marginTop: 16 }}
                size="small"
                rowKey="sha256"
                pagination={false}
                caption="证据"
                dataSource={view.evidence}
                columns={[
                  { title: '文件', dataIndex: 'fileName' },
                  { title: '类型', dataIndex: 'mediaType', width: 120 },
                  { title: '大小（字节）', dataIndex: 'size', width: 110 },
                  {
                    title: 'SHA-256',
                    dataIndex: 'sha256',
                    render: (hash: string) => <span className="sha256">{hash}</span>,
                  },
                ]}
              />
            )}
            {view.questions.length > 0 && (
              <List
                style={{ marginTop: 16 }}
                header="向举报人的提问"
                size="small"
                dataSource={view.questions}
                renderItem={(q) => (
                  <List.Item>
                    问 {q.id}（{beijingTime(q.askedAt)}）：{q.question}
                    <br />
                    {q.answer ? `答（${beijingTime(q.answeredAt)}）：${q.answer}` : '尚未回答'}
                  </List.Item>
                )}
              />
            )}
            {view.sameBusiness.length > 0 && (
              <p style={{ marginTop: 16 }}>
                同一经营者的其他举报：
                {view.sameBusiness.map((other) => (
                  <Link key={other.id} to={`/complaints/${other.id}`} style={{ marginRight: 8 }}>
                    {other.id}（{COMPLAINT_STATUS_ZH[other.status] ?? other.status}）
                  </Link>
                ))}
              </p>
            )}
            <AllowedSteps count={caseSteps.length}>
              {caseSteps.map((step) => (
                <Button
                  key={step}
                  type={QUIET_STEPS.has(step) ? 'default' : 'primary'}
                  onClick={() => setOpen(step)}
                >
                  {COMPLAINT_STEPS[step].label}
                </Button>
              ))}
            </AllowedSteps>
          </>
        )}
      </Card>
      {view && (
        <RevealPanel
          view={view}
          onRequest={steps.includes(REVEAL_REQUEST) ? () => setOpen(REVEAL_REQUEST) : undefined}
          onChanged={reload}
        />
      )}
      <Card title="办理记录">
        <ProblemAlert problem={timeline.error} />
        <LedgerTimeline entries={timeline.data ?? []} />
      </Card>
      <Modal
        open={open !== undefined}
        title={open ? COMPLAINT_STEPS[open]?.label : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(undefined)}
        destroyOnHidden
      >
        <Form<StepFields>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={open === 'decide' ? decideDefaults : undefined}
          onFinish={(fields) => void take(fields)}
        >
          {open && <StepFormFields step={open} townships={units.filter((u) => u.kind === 'township')} />}
        </Form>
      </Modal>
    </Space>
  );
}
