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
import { usePeople } from '../../components/use-people';
import { useUnits } from '../../components/use-units';
import {
  beijingTime,
  CARD_STATUS_ZH,
  COMPLAINT_OUTCOME_ZH,
  COMPLAINT_STATUS_ZH,
  RETALIATION_KIND_ZH,
  REWARD_STATUS_ZH,
  yuan,
} from '../../format';
import { CATEGORY_ZH } from '../../pages/public/public-api';
import {
  COMPLAINT_STEPS,
  filingOf,
  personOf,
  REWARD_GRADE_ZH,
  StepFormFields,
  stepBody,
  stepLabel,
  type StepFields,
} from './complaint-step-fields';
import { RevealPanel } from './reveal-panel';

/** Steps that refuse or end a case: plain buttons, not the page's main action. */
const QUIET_STEPS = new Set(['refuse', 'close', 'record-retaliation']);
const REVEAL_REQUEST = 'request-reveal';

/** The pages of the cases an outcome names (a transfer names an authority: no page). */
const CASE_PAGES: Array<[RegExp, string]> = [
  [/^FX-\d{4}-\d{6}$/, '/risk-items/'],
  [/^YS-\d{4}-\d{6}$/, '/referrals/'],
  [/^TJ-\d{4}-\d{6}$/, '/complaints/'],
];

function CaseRef({ id }: { id: string }) {
  const page = CASE_PAGES.find(([pattern]) => pattern.test(id))?.[1];
  return page ? <Link to={`${page}${id}`}>{id}</Link> : <>{id}</>;
}

type Reward = NonNullable<ComplaintDetail['reward']>;
/** How the reward was reckoned: the API's Chinese, else (under a policy no longer in force) its facts. */
const rewardReckoning = (reward: Reward) =>
  reward.explanationZh ??
  `${REWARD_GRADE_ZH[reward.grade] ?? reward.grade}奖励，罚没款或涉案货值 ${yuan(reward.basisFen)}，按政策版本 ${reward.policyVersion} 计算`;

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
  const { activeUnits } = useUnits();
  const { personName } = usePeople();
  const [form] = Form.useForm<StepFields>();
  const { busy, run } = useFormStep(form);
  const [open, setOpen] = useState<string>();
  const now = Date.now();
  const view = complaint.data;

  const reload = () => {
    complaint.reload();
    timeline.reload();
  };
  const category = view?.category ?? '';
  const take = async (fields: StepFields) => {
    if (!open) return;
    const { path } = COMPLAINT_STEPS[open];
    const done = `已${stepLabel(open, category)}`;
    if (await run(() => api.step(`/complaints/${id}/${path}`, stepBody(open, fields)), done)) {
      setOpen(undefined);
      reload();
    }
  };

  // A decision to register a risk item starts from what the report says about the business; a business
  // with a credit code is a registered one, any other's kind is for the case worker to say.
  const decideDefaults = view && {
    riskItem: {
      business: {
        kind: view.business.creditCode ? 'registered-business' : undefined,
        name: view.business.name,
        creditCode: view.business.creditCode ?? undefined,
        address: view.business.address ?? undefined,
      },
      grade: 'general',
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
              <Descriptions.Item label={`被${filingOf(category)}经营者`}>
                {view.business.name}
              </Descriptions.Item>
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
              <Descriptions.Item label={personOf(category)}>
                {view.pseudonym}
                {view.named ? '（实名）' : '（匿名）'}
                {view.traceable ? '' : ' 无法联系'}
              </Descriptions.Item>
              <Descriptions.Item label="内部吹哨人">
                {view.insider ? `是（所在单位：${view.employer ?? '—'}）` : '否'}
              </Descriptions.Item>
              <Descriptions.Item label="处理结果" span={2}>
                {view.outcome ? (
                  <>
                    {COMPLAINT_OUTCOME_ZH[view.outcome.kind] ?? view.outcome.kind}
                    {view.outcome.ref && (
                      <>
                        {' '}
                        <CaseRef id={view.outcome.ref} />
                      </>
                    )}
                    （{view.outcome.substantiated ? '属实' : '不属实'}）：{view.outcome.reason}
                  </>
                ) : (
                  '尚未决定'
                )}
              </Descriptions.Item>
              {view.reward && (
                <Descriptions.Item label="举报奖励" span={2}>
                  {REWARD_STATUS_ZH[view.reward.status] ?? view.reward.status} {yuan(view.reward.amountFen)}（
                  {rewardReckoning(view.reward)}）
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
                // Clocks planned before the Chinese basis, under a basis no longer cited, keep their code.
                { title: '依据', width: 260, render: (_, r) => r.basisZh ?? r.basis },
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
                header={`向${personOf(category)}的提问`}
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
            {view.retaliation.length > 0 && (
              <>
                <Table<ComplaintDetail['retaliation'][number]>
                  style={{ marginTop: 16 }}
                  size="small"
                  rowKey={(r) => `${r.recordedAt}-${r.kind}`}
                  pagination={false}
                  caption="打击报复记录"
                  dataSource={view.retaliation}
                  columns={[
                    {
                      title: '报复行为',
                      width: 130,
                      render: (_, r) => RETALIATION_KIND_ZH[r.kind] ?? r.kind,
                    },
                    { title: '经过', dataIndex: 'description' },
                    { title: '发生日期', dataIndex: 'occurredOn', width: 110 },
                    {
                      title: '记录',
                      width: 240,
                      render: (_, r) => `${personName(r.recordedBy)}（${beijingTime(r.recordedAt)}）`,
                    },
                  ]}
                />
                <p style={{ marginTop: 8 }}>
                  亮牌督办：
                  {view.retaliationCards.length > 0
                    ? view.retaliationCards.map((card) => (
                        <span key={card.id} style={{ marginRight: 8 }}>
                          <Link to={`/cards/${card.id}`}>{card.id}</Link>（
                          {CARD_STATUS_ZH[card.status] ?? card.status}）
                        </span>
                      ))
                    : '尚未亮牌（记录后由系统向办理单位亮牌，稍后刷新可见）'}
                </p>
              </>
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
                  {stepLabel(step, category)}
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
        <LedgerTimeline entries={timeline.data ?? []} reporterAs={personOf(category)} />
      </Card>
      <Modal
        open={open !== undefined}
        title={open ? stepLabel(open, category) : ''}
        width={open === 'decide' ? 720 : undefined}
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
          {open && (
            <StepFormFields
              step={open}
              category={category}
              townships={activeUnits.filter((u) => u.kind === 'township')}
            />
          )}
        </Form>
      </Modal>
    </Space>
  );
}
