import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  List,
  Slider,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { type Dayjs } from 'dayjs';
// The pickers' month and weekday names in Chinese (antd's zh_CN locale names dayjs's zh-cn).
import 'dayjs/locale/zh-cn';
import { useMemo, useState } from 'react';
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
import { usePeople } from '../../components/use-people';
import { useUnits } from '../../components/use-units';
import { actorZh, beijingInstant, beijingTime, stepZh } from '../../format';
import { isEnglishTwin, pathZh, recordedValueZh, type Reading } from './recorded-values';
import {
  chainVerdictZh,
  periodVerdictZh,
  replayVerdictZh,
  type PeriodVerdict,
  type VerdictZh,
} from './verdict-zh';

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

/** A step of the ledger: the state it recorded and the fields it changed. */
function LedgerSlider({
  caseId,
  caseType,
  steps,
  names,
}: {
  caseId: string;
  caseType: string;
  steps: number;
  names: Pick<Reading, 'unitName' | 'personName'>;
}) {
  const [at, setAt] = useState(steps);
  const state = useApi<AuditState>(`/audit/cases/${caseId}/state`, { at });
  const diff = useApi<AuditDiff>(at > 1 ? `/audit/cases/${caseId}/diff` : null, { from: at - 1, to: at });
  const reading = useMemo<Reading>(
    () => ({ caseType, state: state.data?.state, ...names }),
    [caseType, state.data, names],
  );
  const said = (value: unknown, change: AuditDiff['changes'][number]) =>
    recordedValueZh(value, change.path, reading);
  const [moment, setMoment] = useState<{ at: Dayjs; problem?: ApiProblem }>();
  /** The step current at a picked Beijing time: the slider moves to it. */
  const showMoment = async (picked: Dayjs | null) => {
    if (!picked) return setMoment(undefined);
    try {
      const current = await api.get<AuditState>(`/audit/cases/${caseId}/state`, {
        at: beijingInstant(picked),
      });
      setMoment({ at: picked });
      setAt(current.sequence);
    } catch (problem) {
      setMoment({ at: picked, problem: problem as ApiProblem });
    }
  };
  return (
    <Card title="台账回放" size="small">
      <Space wrap style={{ display: 'flex', marginBottom: 12 }}>
        <label htmlFor="audit-moment">时点（北京时间）</label>
        <DatePicker
          id="audit-moment"
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          onChange={(picked: Dayjs | null) => void showMoment(picked)}
        />
        {moment && !moment.problem && (
          <Typography.Text role="status">
            {moment.at.format('YYYY-MM-DD HH:mm')} 时，案件处于第 {at} 步之后
          </Typography.Text>
        )}
      </Space>
      <ProblemAlert problem={moment?.problem} />
      <label htmlFor="ledger-step">
        第 {at} 步（共 {steps} 步）
      </label>
      <Slider
        id="ledger-step"
        ariaLabelForHandle="台账步骤"
        min={1}
        max={steps}
        value={at}
        onChange={(step) => {
          setMoment(undefined);
          setAt(step);
        }}
        marks={{ 1: '1', [steps]: String(steps) }}
      />
      <ProblemAlert problem={state.error} />
      {state.data && (
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="步骤">{stepZh(caseType, state.data.action)}</Descriptions.Item>
          <Descriptions.Item label="时间">{beijingTime(state.data.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            {recordedValueZh((state.data.state as { status?: unknown }).status, 'status', reading)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="path"
        pagination={false}
        caption="本步变化的字段"
        dataSource={at > 1 ? (diff.data?.changes ?? []).filter((c) => !isEnglishTwin(c.path)) : []}
        locale={{ emptyText: at > 1 ? '无变化' : '第一步：立案' }}
        columns={[
          { title: '字段', dataIndex: 'path', render: (path: string) => pathZh(caseType, path) },
          {
            title: '变化',
            dataIndex: 'op',
            width: 80,
            render: (op: AuditDiff['changes'][number]['op']) => CHANGE_ZH[op],
          },
          { title: '之前', dataIndex: 'before', className: 'recorded-value', render: said },
          { title: '之后', dataIndex: 'after', className: 'recorded-value', render: said },
        ]}
      />
    </Card>
  );
}

/** A verification's outcome: its sentence, and beneath a failure the API's code, small, for support staff. */
function VerdictAlert({ verdict }: { verdict: VerdictZh }) {
  return (
    <Alert
      style={{ marginTop: 12 }}
      role="status"
      type={verdict.ok ? 'success' : 'error'}
      title={verdict.title}
      description={
        verdict.code && (
          <Typography.Text type="secondary" className="problem-code">
            错误代码：{verdict.code}
          </Typography.Text>
        )
      }
    />
  );
}

function Verification({ caseId, caseType }: { caseId: string; caseType: string }) {
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
      {ledger && <VerdictAlert verdict={chainVerdictZh(ledger)} />}
      {replay && <VerdictAlert verdict={replayVerdictZh(replay, caseType)} />}
    </Card>
  );
}

/** 核验台账（时段）: recomputes the chain of every case with a step in a period of Beijing time. */
function PeriodVerification() {
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [to, setTo] = useState<Dayjs | null>(null);
  const [verdict, setVerdict] = useState<PeriodVerdict>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    if (!from || !to) return;
    setBusy(true);
    setVerdict(undefined);
    setProblem(undefined);
    try {
      setVerdict(
        await api.get<PeriodVerdict>('/audit/ledger/verify', {
          from: beijingInstant(from),
          to: beijingInstant(to),
        }),
      );
    } catch (error) {
      setProblem(error as ApiProblem);
    } finally {
      setBusy(false);
    }
  };
  const said = verdict && periodVerdictZh(verdict);
  return (
    <Card title="核验台账（时段）" size="small">
      <Space wrap>
        <label htmlFor="period-from">起（北京时间）</label>
        <DatePicker
          id="period-from"
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          onChange={setFrom}
        />
        <label htmlFor="period-to">止（北京时间）</label>
        <DatePicker
          id="period-to"
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          onChange={setTo}
        />
        <Button loading={busy} disabled={!from || !to} onClick={() => void verify()}>
          核验该时段的台账
        </Button>
      </Space>
      <ProblemAlert problem={problem} />
      {said && <VerdictAlert verdict={said.summary} />}
      {said && said.broken.length > 0 && (
        <List
          size="small"
          dataSource={said.broken}
          renderItem={(broken) => (
            <List.Item>
              <div>
                {broken.caseId}：{broken.title}
                <div>
                  <Typography.Text type="secondary" className="problem-code">
                    错误代码：{broken.code}
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
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
  // The units and officials by name, asked once for the whole page: timeline actors and recorded ids.
  const { nameOf } = useUnits();
  const { personName } = usePeople();
  const names = useMemo(() => ({ unitName: nameOf, personName }), [nameOf, personName]);
  const actorSaid = (actor: AuditTimeline['items'][number]['actor']) => actorZh(actor, nameOf, personName);
  const steps = Math.max(
    0,
    ...(timeline.data?.items ?? []).filter((e) => e.source === 'ledger').map((e) => e.sequence ?? 0),
  );
  if (timeline.error) return <ProblemAlert problem={timeline.error} />;
  if (!timeline.data) return null;
  return (
    <>
      <Verification caseId={caseId} caseType={timeline.data.caseType} />
      {steps > 0 && (
        <LedgerSlider caseId={caseId} caseType={timeline.data.caseType} steps={steps} names={names} />
      )}
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
                  {beijingTime(entry.at)} · {actorSaid(entry.actor)}
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

/**
 * 案件审计: find any case by its number; its merged timeline, a slider (and a moment picker) over its
 * ledger, its verification; and the ledger of a period verified.
 */
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
      <PeriodVerification />
    </Space>
  );
}
