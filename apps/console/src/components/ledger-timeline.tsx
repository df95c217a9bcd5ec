import { Timeline, Typography } from 'antd';
import { type LedgerEntry } from '../api/types';
import { beijingTime, ROLE_ZH } from '../format';

/** A case's steps from its ledger: what, who (role and unit), when, why. */
export function LedgerTimeline({ entries }: { entries: LedgerEntry[] }) {
  return (
    <Timeline
      items={entries.map((entry) => ({
        key: entry.sequence,
        content: (
          <div>
            <Typography.Text strong>
              {entry.sequence}. {entry.action}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {beijingTime(entry.occurredAt)} · {ROLE_ZH[entry.actor.role] ?? entry.actor.role}{' '}
              {entry.actor.userId}（{entry.actor.unitId}）
            </Typography.Text>
            {entry.reason && <div>理由：{entry.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
