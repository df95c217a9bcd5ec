import { Timeline, Typography } from 'antd';
import { type LedgerEntry } from '../api/types';
import { beijingTime, stepZh } from '../format';
import { useActorZh } from './use-people';

/** `risk-item/FX-2026-000001` → `risk-item`: a workflow id names its case type first. */
const caseTypeOf = (entry: LedgerEntry) => entry.workflowId.split('/')[0] ?? '';

/**
 * A case's steps from its ledger: what, who (role and unit), when, why. The shared step names call the
 * public filer 举报人; `reporterAs` names them as the case does (a complaint's 投诉人).
 */
export function LedgerTimeline({ entries, reporterAs }: { entries: LedgerEntry[]; reporterAs?: string }) {
  const actorZh = useActorZh();
  const said = (text: string) => (reporterAs ? text.replaceAll('举报人', reporterAs) : text);
  return (
    <Timeline
      items={entries.map((entry) => ({
        key: entry.sequence,
        content: (
          <div>
            <Typography.Text strong>
              {entry.sequence}. {said(stepZh(caseTypeOf(entry), entry.action))}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {beijingTime(entry.occurredAt)} · {said(actorZh(entry.actor))}
            </Typography.Text>
            {entry.reason && <div>理由：{entry.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
