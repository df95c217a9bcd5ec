import { Alert, Button, Card, Descriptions, Input, Slider, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiProblem } from '../../api/client';
import {
  type AuditDiff,
  type AuditState,
  type AuditTimeline,
  type ChainVerdict,
  type ReplayVerdict,
} from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import {
  actorZh,
  beijingTime,
  COMPLAINT_STATUS_ZH,
  DIRECTIVE_STATUS_ZH,
  REPORT_STATUS_ZH,
  RISK_STATUS_ZH,
  stepZh,
} from '../../format';

/** A case's statuses in the words of its own pages, by case type. */
const STATUS_ZH: Record<string, Record<string, string>> = {
  'risk-item': RISK_STATUS_ZH,
  directive: DIRECTIVE_STATUS_ZH,
  complaint: COMPLAINT_STATUS_ZH,
  'report-request': REPORT_STATUS_ZH,
};

const CHANGE_ZH: Record<AuditDiff['changes'][number]['op'], string> = {
  added: '新增',
  removed: '删除',
  changed: '修改',
};

/** What the audit timeline's other entries are (ledger steps go by their number); the API's words follow. */
const TIMELINE_KIND_ZH: Record<string, string> = {
  'workflow-started': '流程启动',
  'workflow-closed': '流程结束',
  'continued-as-new': '流程转入新一轮运行',
  'timer-fired': '定时到期',
  signal: '信号',
  update: '办理请求已受理',
  escalation: '升级',
  notification: '通知',
  'child-workflow': '启动关联流程',
  activity: '后台任务',
  'activity-failed': '后台任务失败',
};

/** An instant as the engine records it (UTC or with an offset); bare dates stay as they are. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The state fields of a risk item, card, directive, complaint and referral that steps change, and the
 * common fields inside them, as their pages say them; a field not named here keeps its code.
 */
const FIELD_ZH: Record<string, string> = {
  status: '状态',
  sequence: '台账步数',
  deadline: '整改期限',
  dueAt: '截止时间',
  responsibleUnitId: '责任单位',
  responsibleUserId: '责任人',
  reminderSent: '已发整改提醒',
  overdue: '已逾期',
  verificationDueAt: '核查期限',
  verificationReminded: '已发核查提醒',
  suspension: '中止',
  rectification: '整改情况',
  submissions: '整改报送',
  verifications: '核查记录',
  round: '整改轮次',
  cancelReason: '撤销理由',
  closedAt: '办结时间',
  closedBy: '办结人',
  closeReason: '办结理由',
  reopenOf: '重新打开自',
  criminalThreshold: '达到移送标准',
  referral: '移送',
  administrativeOnly: '仅作行政处理',
  level: '当前等级',
  levels: '等级记录',
  atTop: '已达最高等级',
  triggers: '亮牌事由',
  subjectResolved: '所涉事项已办结',
  responses: '单位回应',
  summons: '约谈',
  accountability: '问责',
  acknowledgedBy: '签收人',
  acknowledgedAt: '签收时间',
  note: '签收意见',
  acceptance: '受理',
  extension: '延长期限',
  questions: '提问',
  outcome: '处理结果',
  informedAt: '告知举报人时间',
  reward: '举报奖励',
  reveals: '揭示身份申请',
  retaliation: '打击报复',
  clocks: '时限',
  team: '专案组',
  report: '书面报告',
  decision: '审批决定',
  transfer: '移送',
  receipt: '接受',
  incompleteRounds: '补正材料次数',
  approvals: '审批',
  filing: '立案',
  notices: '书面通知',
  reconsideration: '复议',
  supervision: '立案监督',
  reason: '理由',
  measures: '整改措施',
  evidence: '证据',
  markedBy: '认定人',
  markedAt: '认定时间',
  verifiedBy: '核查人',
  verifiedAt: '核查时间',
  submittedBy: '报送人',
  submittedAt: '报送时间',
  respondedAt: '回应时间',
  text: '内容',
  by: '办理人',
  at: '时间',
  unitId: '单位',
  colour: '牌色',
  reachedAt: '到达时间',
};

/** `verifications[0].verifiedAt` → `核查记录 第 1 项 › 核查时间`. */
const pathZh = (path: string) =>
  path
    .split('.')
    .map((segment) =>
      segment
        .replace(/^[^[]+/, (name) => FIELD_ZH[name] ?? name)
        .replace(/\[(\d+)\]/g, (_all, i: string) => ` 第 ${Number(i) + 1} 项`),
    )
    .join(' › ');

/**
 * A recorded value as a person reads it: nothing as —, instants in Beijing time, strings bare, a status
 * in Chinese when its labels are given, yes or no; an object as `字段: 值` lines (nested ones indented),
 * a list as its numbered items.
 */
function readable(value: unknown, statusLabels?: Record<string, string>): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string')
    return INSTANT.test(value) ? beijingTime(value) : (statusLabels?.[value] ?? value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'object') return '—';
  const lines = Array.isArray(value)
    ? value.map((item, i) => [`第 ${i + 1} 项`, item] as const)
    : Object.entries(value).map(([key, item]) => [FIELD_ZH[key] ?? key, item] as const);
  if (lines.length === 0) return '（无）';
  return lines
    .map(([label, item]) => {
      const said = readable(item);
      return said.includes('\n') ? `${label}:\n  ${said.replaceAll('\n', '\n  ')}` : `${label}: ${said}`;
    })
    .join('\n');
}

/** A step of the ledger: the state it recorded and the fields it changed. */
function LedgerSlider({ caseId, caseType, steps }: { caseId: string; caseType: string; steps: number }) {
  const statusLabels = STATUS_ZH[caseType];
  const changed = (value: unknown, change: AuditDiff['changes'][number]) =>
    readable(value, change.path === 'status' ? statusLabels : undefined);
  const [at, setAt] = useState(steps);
  const state = useApi<AuditState>(`/audit/cases/${caseId}/state`, { at });
  const diff = useApi<AuditDiff>(at > 1 ? `/audit/cases/${caseId}/diff` : null, { from: at - 1, to: at });
  return (
    <Card title="台账回放" size="small">
      <label htmlFor="ledger-step">
        第 {at} 步（共 {steps} 步）
      </label>
      <Slider
        id="ledger-step"
        ariaLabelForHandle="台账步骤"
        min={1}
        max={steps}
        value={at}
        onChange={setAt}
        marks={{ 1: '1', [steps]: String(steps) }}
      />
      <ProblemAlert problem={state.error} />
      {state.data && (
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="步骤">{stepZh(caseType, state.data.action)}</Descriptions.Item>
          <Descriptions.Item label="时间">{beijingTime(state.data.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            {readable((state.data.state as { status?: unknown }).status, statusLabels)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="path"
        pagination={false}
        caption="本步变化的字段"
        dataSource={at > 1 ? (diff.data?.changes ?? []) : []}
        locale={{ emptyText: at > 1 ? '无变化' : '第一步：立案' }}
        columns={[
          { title: '字段', dataIndex: 'path', render: pathZh },
          {
            title: '变化',
            dataIndex: 'op',
            width: 80,
            render: (op: AuditDiff['changes'][number]['op']) => CHANGE_ZH[op],
          },
          { title: '之前', dataIndex: 'before', className: 'recorded-value', render: changed },
          { title: '之后', dataIndex: 'after', className: 'recorded-value', render: changed },
        ]}
      />
    </Card>
  );
}

function Verification({ caseId }: { caseId: string }) {
  const [ledger, setLedger] = useState<ChainVerdict>();
  const [replay, setReplay] = useState<ReplayVerdict>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState<string>();
  const run = async <T,>(kind: 'ledger' | 'replay', set: (v: T) => void) => {
    setBusy(kind);
    try {
      set(await api.get<T>(`/audit/cases/${caseId}/verify/${kind}`));
    } catch (error) {
      setProblem(error as ApiProblem);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Card title="核验" size="small">
      <Space wrap>
        <Button loading={busy === 'ledger'} onClick={() => void run<ChainVerdict>('ledger', setLedger)}>
          核验台账哈希链
        </Button>
        <Button loading={busy === 'replay'} onClick={() => void run<ReplayVerdict>('replay', setReplay)}>
          重放核验
        </Button>
        <a href={`/audit/cases/${caseId}/dossier`} download>
          下载案卷
        </a>
      </Space>
      <ProblemAlert problem={problem} />
      {ledger && (
        <Alert
          style={{ marginTop: 12 }}
          role="status"
          type={ledger.intact ? 'success' : 'error'}
          title={
            ledger.intact
              ? `台账完整：${ledger.entries} 条，链头 ${ledger.head ?? ''}`
              : `台账在第 ${ledger.brokenAt} 条断开：${ledger.reason ?? ''}`
          }
        />
      )}
      {replay && (
        <Alert
          style={{ marginTop: 12 }}
          role="status"
          type={replay.reproduced ? 'success' : 'error'}
          title={
            replay.reproduced
              ? `重放一致：${replay.replayedSteps} / ${replay.ledgerEntries} 步`
              : `重放不一致${replay.firstMismatch ? `：第 ${replay.firstMismatch.sequence} 步，${replay.firstMismatch.reason}` : ''}`
          }
        />
      )}
    </Card>
  );
}

/**
 * One case's audit. Mounted afresh for each case (keyed by its number), so nothing found on another case
 * (a verification, a slider position) is ever shown under this one, and the slider starts from this
 * case's own steps once its timeline is here.
 */
function CaseAuditOf({ caseId }: { caseId: string }) {
  const timeline = useApi<AuditTimeline>(`/audit/cases/${caseId}/timeline`, { pageSize: 200 });
  const { nameOf } = useUnits();
  const steps = Math.max(
    0,
    ...(timeline.data?.items ?? []).filter((e) => e.source === 'ledger').map((e) => e.sequence ?? 0),
  );
  if (timeline.error) return <ProblemAlert problem={timeline.error} />;
  if (!timeline.data) return null;
  return (
    <>
      <Verification caseId={caseId} />
      {steps > 0 && <LedgerSlider caseId={caseId} caseType={timeline.data.caseType} steps={steps} />}
      <Card title={`时间线（${timeline.data.total} 条）`} size="small">
        <Timeline
          items={timeline.data.items.map((entry, index) => ({
            key: index,
            color: entry.source === 'ledger' ? 'blue' : 'gray',
            content: (
              <div>
                <Typography.Text strong>
                  {entry.kind === 'ledger-step'
                    ? `台账第 ${entry.sequence} 步`
                    : (TIMELINE_KIND_ZH[entry.kind] ?? entry.kind)}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">（{entry.summary}）</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {beijingTime(entry.at)} · {actorZh(entry.actor, nameOf)}
                </Typography.Text>
                {entry.reason && <div>理由：{entry.reason}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </>
  );
}

/** 案件审计: find any case by its number; its merged timeline, a slider over its ledger, verification. */
export default function CaseAudit() {
  const [caseId, setCaseId] = useState<string>();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={4}>案件审计</Typography.Title>}>
        <Input.Search
          aria-label="案件编号"
          placeholder="案件编号，如 FX-2026-000001、KP-2026-000001"
          enterButton="查找"
          style={{ maxWidth: 480 }}
          onSearch={(text) => setCaseId(text.trim() || undefined)}
        />
      </Card>
      {caseId && <CaseAuditOf key={caseId} caseId={caseId} />}
    </Space>
  );
}
