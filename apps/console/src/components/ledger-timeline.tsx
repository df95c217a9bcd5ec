import { Timeline, Typography } from 'antd';
import { type LedgerEntry } from '../api/types';
import { actorZh, beijingTime, stepZh } from '../format';
import { useUnits } from './use-units';

/** `risk-item/FX-2026-000001` → `risk-item`: a workflow id names its case type first. */
const caseTypeOf = (entry: LedgerEntry) => entry.workflowId.split('/')[0] ?? '';

/** A case's steps from its ledger: what, who (role and unit), when, why. */
export function LedgerTimeline({ entries }: { entries: LedgerEntry[] }) {
  const { nameOf } = useUnits();
  return (
    <Timeline
      items={entries.map((entry) => ({
        key: entry.sequence,
        content: (
          <div>
            <Typography.Text strong>
              {entry.sequence}. {stepZh(caseTypeOf(entry), entry.action)}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {beijingTime(entry.occurredAt)} · {actorZh(entry.actor, nameOf)}
            </Typography.Text>
            {entry.reason && <div>理由：{entry.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
