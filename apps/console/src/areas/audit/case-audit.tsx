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
import { beijingTime, ROLE_ZH } from '../../format';

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

/** A step of the ledger: the state it recorded and the fields it changed. */
function LedgerSlider({ caseId, steps }: { caseId: string; steps: number }) {
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
          <Descriptions.Item label="步骤">{state.data.action}</Descriptions.Item>
          <Descriptions.Item label="时间">{beijingTime(state.data.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            {show((state.data.state as { status?: unknown }).status)}
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
          { title: '字段', dataIndex: 'path' },
          { title: '变化', dataIndex: 'op', width: 80 },
          { title: '之前', dataIndex: 'before', ellipsis: true, render: show },
          { title: '之后', dataIndex: 'after', ellipsis: true, render: show },
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

/** 案件审计: find any case by its number; its merged timeline, a slider over its ledger, verification. */
export default function CaseAudit() {
  const [caseId, setCaseId] = useState<string>();
  const timeline = useApi<AuditTimeline>(caseId ? `/audit/cases/${caseId}/timeline` : null, {
    pageSize: 200,
  });
  const steps = Math.max(
    0,
    ...(timeline.data?.items ?? []).filter((e) => e.source === 'ledger').map((e) => e.sequence ?? 0),
  );

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
      {caseId && <ProblemAlert problem={timeline.error} />}
      {caseId && timeline.data && (
        <>
          <Verification caseId={caseId} />
          {steps > 0 && <LedgerSlider key={caseId} caseId={caseId} steps={steps} />}
          <Card title={`时间线（${timeline.data.total} 条）`} size="small">
            <Timeline
              items={timeline.data.items.map((entry, index) => ({
                key: index,
                color: entry.source === 'ledger' ? 'blue' : 'gray',
                content: (
                  <div>
                    <Typography.Text strong>{entry.summary}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {beijingTime(entry.at)} · {ROLE_ZH[entry.actor.role] ?? entry.actor.role}{' '}
                      {entry.actor.userId}
                    </Typography.Text>
                    {entry.reason && <div>理由：{entry.reason}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
