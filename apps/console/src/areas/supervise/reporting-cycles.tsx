import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { type Dayjs } from 'dayjs';
// The pickers' month and weekday names in Chinese (antd's zh_CN locale names dayjs's zh-cn).
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import {
  type CycleRunByHand,
  type ReportingScheduleView,
  type StoredPlan,
  type TriggeredRun,
} from '../../api/types';
import { filled } from '../../components/filled';
import { ProblemAlert } from '../../components/problem-alert';
import { useReasonStep } from '../../components/reason-step';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { useActorZh } from '../../components/use-people';
import { beijingTime, beijingToday } from '../../format';
import { ReportingCycle } from '../../../../../libs/contracts/src/reporting-cycle';
import { beijingMidnight, outsideBackfillWindow } from './backfill-days';

const CYCLE_ZH: Record<string, string> = {
  'monthly-dispatch': '月调度',
  'quarterly-bulletin': '季度通报',
};

interface BackfillFields {
  cycle: ReportingCycle;
  /** Beijing days, as the pickers give them; sent as their midnights. */
  from?: Dayjs;
  to?: Dayjs;
  reason: string;
}

/** What POST …/backfill answers: the range it runs the schedule over. */
interface Backfilled {
  cycle: string;
  from: string;
  to: string;
}

/** A cycle run from this page: when, and what it did. */
interface ManualRun {
  ranAt: string;
  run: TriggeredRun;
}

/** What a cycle run did, in words: the requests a dispatch opened (or why none), the bulletin it made. */
function RunOutcome({ ranAt, run, nameOf }: ManualRun & { nameOf: (unitId: string) => string }) {
  const title = `${CYCLE_ZH[run.cycle]}（${beijingTime(ranAt)} 立即运行）`;
  if (run.cycle === 'monthly-dispatch') {
    const { period, opened, alreadyOpen, nothingOpenedBecause } = run.result;
    return (
      <Descriptions title={title} bordered size="small" column={1}>
        <Descriptions.Item label="报送期">{period}</Descriptions.Item>
        <Descriptions.Item label="新开启的报送请求">
          {opened.length === 0 ? (
            '无'
          ) : (
            <Space wrap>
              共 {opened.length} 项：
              {opened.map((id) => (
                <Link key={id} to={`/report-requests/${id}`}>
                  {id}
                </Link>
              ))}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="此前已开启">{alreadyOpen.length} 项</Descriptions.Item>
        {nothingOpenedBecause && (
          <Descriptions.Item label="未开启的原因">
            {/* The engine's reason, said whole: a rerun, or a month outside the plan's campaign. */}
            {alreadyOpen.length > 0
              ? `本次应开启的 ${alreadyOpen.length} 项报送请求此前均已开启`
              : `${period} 不在现行工作方案的专项行动期内，无需月度报送；本月也没有到期的方案任务`}
          </Descriptions.Item>
        )}
      </Descriptions>
    );
  }
  if ('noBulletinBecause' in run.result) {
    // The API refuses a run that early before it starts; this is the plan changing under the run.
    return (
      <Descriptions title={title} bordered size="small" column={1}>
        <Descriptions.Item label="季度通报">
          {`未生成：${run.result.quarter} 在专项行动开始之前，不作通报`}
        </Descriptions.Item>
      </Descriptions>
    );
  }
  const { id, quarter, cutoff, laggingUnits, alreadyGenerated } = run.result;
  return (
    <Descriptions title={title} bordered size="small" column={1}>
      <Descriptions.Item label="季度通报">
        {alreadyGenerated ? `${quarter} 的通报此前已生成，本次未重复生成` : `已生成 ${quarter} 的通报`}
      </Descriptions.Item>
      <Descriptions.Item label="通报编号">{id}</Descriptions.Item>
      <Descriptions.Item label="数据截至（北京时间）">{beijingTime(cutoff)}</Descriptions.Item>
      <Descriptions.Item label="滞后单位">
        {laggingUnits.length === 0 ? '无' : laggingUnits.map(nameOf).join('、')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** How a run by hand ran: now, or over which past days. */
const runByHandZh = (run: CycleRunByHand) =>
  run.kind === 'trigger' ? '立即运行' : `补跑 ${beijingTime(run.from)} 至 ${beijingTime(run.to)}（不含）`;

/**
 * The cycle's latest run: the schedule's own, or one started by hand. A run started now is not one of
 * the schedule's actions (the API starts it directly, to answer with what it did); the ledger lists it.
 */
function lastRun(schedule: ReportingScheduleView): string {
  const scheduled = schedule.recentRuns.at(-1)?.scheduledAt;
  const byHand = schedule.runsByHand.find((run) => run.kind === 'trigger')?.at;
  return byHand && !(scheduled && scheduled > byHand)
    ? `${beijingTime(byHand)}（立即运行）`
    : beijingTime(scheduled);
}

/** 报送周期: the schedules, running a cycle now, and backfilling one over past dates, each with its why. */
export default function ReportingCycles() {
  const schedules = useApi<ReportingScheduleView[]>('/reporting/schedules');
  const { nameOf } = useUnits();
  const actorZh = useActorZh();
  const [form] = Form.useForm<BackfillFields>();
  const backfill = useFormStep(form);
  const { ask: askReason, modal: reasonModal } = useReasonStep(() => schedules.reload());
  const [runs, setRuns] = useState<Partial<Record<string, ManualRun>>>({});
  const [backfilled, setBackfilled] = useState<Backfilled>();
  // The cycle's first run on the campaign bounds what can be backfilled; the API checks it again.
  const plan = useApi<StoredPlan>('/plan');
  const cycle = Form.useWatch('cycle', form) ?? ReportingCycle.MonthlyDispatch;
  const outsideWindowOf = (of: ReportingCycle) => (day: Dayjs) =>
    outsideBackfillWindow(day.format('YYYY-MM-DD'), {
      cycle: of,
      campaignFrom: plan.data?.plan.campaign.period.from,
      today: beijingToday(),
    });
  const outsideWindow = outsideWindowOf(cycle);
  /** A day picked for one cycle that the next cycle does not take is taken back, not sent to be refused. */
  const dropDaysOutside = (next: ReportingCycle) => {
    for (const field of ['from', 'to'] as const) {
      const day = form.getFieldValue(field) as Dayjs | undefined;
      if (day && outsideWindowOf(next)(day)) form.setFieldValue(field, undefined);
    }
  };

  const askToRunNow = (cycle: string) => {
    const name = CYCLE_ZH[cycle] ?? cycle;
    askReason({
      title: `立即运行${name}`,
      okText: '运行',
      consequence:
        (cycle === 'quarterly-bulletin'
          ? '将生成上一季度的通报，并对滞后单位亮牌。'
          : '将为上月开启各单位的报送请求。') + '运行人和理由记入台账；运行完成前请勿关闭本页。',
      done: `${name}已运行`,
      send: async (reason) => {
        const run = await api.post<TriggeredRun>(`/reporting/schedules/${cycle}/trigger`, { reason });
        setRuns((earlier) => ({ ...earlier, [cycle]: { ranAt: new Date().toISOString(), run } }));
      },
    });
  };
  const runBackfill = async ({ cycle, from, to, reason }: BackfillFields) => {
    const answer = await backfill.run(
      () =>
        api.post<Backfilled>(`/reporting/schedules/${cycle}/backfill`, {
          from: from && beijingMidnight(from.format('YYYY-MM-DD')),
          to: to && beijingMidnight(to.format('YYYY-MM-DD')),
          reason,
        }),
      '已开始补跑',
    );
    if (answer) {
      setBackfilled(answer);
      schedules.reload();
    }
  };
  const runsByHand = (schedules.data ?? [])
    .flatMap((schedule) => schedule.runsByHand)
    .sort((a, b) => b.at.localeCompare(a.at));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={4}>报送周期</Typography.Title>}>
        <ProblemAlert problem={schedules.error} />
        <Table<ReportingScheduleView>
          rowKey="cycle"
          size="middle"
          loading={schedules.loading}
          dataSource={schedules.data ?? []}
          pagination={false}
          columns={[
            { title: '周期', dataIndex: 'cycle', render: (c: string) => CYCLE_ZH[c] ?? c },
            {
              title: '状态',
              dataIndex: 'paused',
              render: (paused: boolean) => (paused ? '已暂停' : '运行中'),
            },
            {
              title: '下次运行',
              dataIndex: 'nextRuns',
              render: (runs: string[]) => beijingTime(runs[0]),
            },
            {
              title: '最近运行',
              key: 'lastRun',
              render: (_: unknown, schedule) => lastRun(schedule),
            },
            {
              title: '操作',
              key: 'trigger',
              render: (_: unknown, schedule) => {
                const cycle = CYCLE_ZH[schedule.cycle] ?? schedule.cycle;
                return <Button onClick={() => askToRunNow(schedule.cycle)}>立即运行{cycle}</Button>;
              },
            },
          ]}
        />
      </Card>
      <Card title="补跑（按计划时间逐次运行）">
        <Form<BackfillFields>
          form={form}
          // Its fields' ids carry the form's name: the run-now dialog has a 理由 of its own.
          name="backfill"
          // Labels above fields of fixed width, in one row that wraps in order, the button under them: an
          // inline form's field stretched to its message's width and pushed 理由 off to another line.
          layout="vertical"
          initialValues={{ cycle: ReportingCycle.MonthlyDispatch }}
          onFinish={(fields) => void runBackfill(fields)}
        >
          <Flex wrap gap="0 16px">
            <Form.Item label="周期" name="cycle" style={{ width: 140 }}>
              <Select
                aria-label="周期"
                onChange={dropDaysOutside}
                options={Object.entries(CYCLE_ZH).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item label="起始日期" name="from" style={{ width: 200 }}>
              <DatePicker disabledDate={outsideWindow} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="截止日期（不含）" name="to" style={{ width: 200 }}>
              <DatePicker disabledDate={outsideWindow} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="理由" name="reason" rules={[filled('请填写补跑理由')]} style={{ width: 320 }}>
              <Input maxLength={1000} />
            </Form.Item>
          </Flex>
          <Button type="primary" htmlType="submit" loading={backfill.busy}>
            补跑
          </Button>
        </Form>
        {backfilled && (
          <Typography.Paragraph role="status" style={{ marginTop: 16 }}>
            已开始补跑{CYCLE_ZH[backfilled.cycle] ?? backfilled.cycle}：北京时间{' '}
            {beijingTime(backfilled.from)} 至 {beijingTime(backfilled.to)}（不含）之间的每次计划运行。
          </Typography.Paragraph>
        )}
      </Card>
      <Card title="人工运行记录（每个周期最近 10 次；运行人和理由均记入台账）">
        <Table<CycleRunByHand>
          // Two runs can share a millisecond; the list's order (newest first) is stable between reads.
          rowKey={(run) => `${run.cycle}-${run.at}-${run.by.userId}-${runsByHand.indexOf(run)}`}
          size="small"
          loading={schedules.loading}
          dataSource={runsByHand}
          pagination={false}
          locale={{ emptyText: '尚无人工运行' }}
          columns={[
            { title: '时间（北京时间）', dataIndex: 'at', width: 170, render: beijingTime },
            { title: '周期', dataIndex: 'cycle', width: 100, render: (c: string) => CYCLE_ZH[c] ?? c },
            { title: '方式', key: 'kind', render: (_: unknown, run) => runByHandZh(run) },
            { title: '运行人', key: 'by', render: (_: unknown, run) => actorZh(run.by) },
            { title: '理由', dataIndex: 'reason' },
          ]}
        />
      </Card>
      {reasonModal}
      {Object.keys(runs).length > 0 && (
        <Card title="立即运行的结果">
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {Object.values(runs).map(
              (manual) => manual && <RunOutcome key={manual.run.cycle} {...manual} nameOf={nameOf} />,
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
