import { Table } from 'antd';
import { type ReferralClockRun } from '../../api/types';
import { Due } from '../../components/due';
import { beijingTime, REFERRAL_CLOCK_ZH } from '../../format';

/** Whose turn a referral's clock is. */
export const PARTY_ZH: Record<string, string> = { regulator: '行政执法机关', police: '公安机关' };

/**
 * A referral's statutory clocks: whose turn, when each falls due in Beijing time, its rule and basis,
 * and how it stands. At 1366 px the rule takes what is left; the basis and the standing keep a
 * readable width.
 */
export function ReferralClocks({ clocks, now }: { clocks: ReferralClockRun[]; now: number }) {
  return (
    <Table<ReferralClockRun>
      rowKey={(c) => `${c.clock}-${c.startedAt}`}
      size="small"
      pagination={false}
      dataSource={clocks}
      locale={{ emptyText: '暂无时限' }}
      columns={[
        {
          title: '时限',
          dataIndex: 'clock',
          width: 150,
          render: (clock: string) => REFERRAL_CLOCK_ZH[clock] ?? clock,
        },
        { title: '应办方', dataIndex: 'party', width: 110, render: (p: string) => PARTY_ZH[p] ?? p },
        { title: '到期（北京时间）', dataIndex: 'dueAt', width: 140, render: (d: string) => beijingTime(d) },
        { title: '规则', render: (_, c) => c.rule.zh },
        { title: '法律依据', dataIndex: 'basis', width: 200, ellipsis: { showTitle: true } },
        {
          title: '状态',
          width: 140,
          render: (_, c) =>
            c.stoppedAt ? (
              '已办结'
            ) : c.expiredAt ? (
              <span className="overdue">已超期</span>
            ) : (
              <Due dueAt={c.dueAt} now={now} />
            ),
        },
      ]}
    />
  );
}
