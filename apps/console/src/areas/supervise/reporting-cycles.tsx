import { Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { type ReportingScheduleView } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { beijingTime } from '../../format';

const CYCLE_ZH: Record<string, string> = {
  'monthly-dispatch': '月调度',
  'quarterly-bulletin': '季度通报',
};

interface BackfillFields {
  cycle: string;
  from: string;
  to: string;
}

/** A day picked here is a Beijing day: its midnight in Beijing time, as the API's schedules keep time. */
const beijingMidnight = (day: string) => `${day}T00:00:00+08:00`;

/** 报送周期: the schedules, running a cycle now, and backfilling one over past dates. */
export default function ReportingCycles() {
  const schedules = useApi<ReportingScheduleView[]>('/reporting/schedules');
  const [form] = Form.useForm<BackfillFields>();
  const trigger = useFormStep(form);
  const backfill = useFormStep(form);
  const [outcome, setOutcome] = useState<string>();

  const runNow = async (cycle: string) => {
    const answer = await trigger.run(
      () => api.post<{ result: unknown }>(`/reporting/schedules/${cycle}/trigger`),
      `${CYCLE_ZH[cycle] ?? cycle}已运行`,
    );
    if (answer) {
      setOutcome(JSON.stringify(answer.result, null, 2));
      schedules.reload();
    }
  };
  const runBackfill = async ({ cycle, from, to }: BackfillFields) => {
    const answer = await backfill.run(
      () =>
        api.post<unknown>(`/reporting/schedules/${cycle}/backfill`, {
          from: from && beijingMidnight(from),
          to: to && beijingMidnight(to),
        }),
      '已开始补跑',
    );
    if (answer) setOutcome(JSON.stringify(answer, null, 2));
  };

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
              dataIndex: 'recentRuns',
              render: (runs: ReportingScheduleView['recentRuns']) =>
                beijingTime(runs[runs.length - 1]?.scheduledAt),
            },
            {
              title: '操作',
              key: 'trigger',
              render: (_: unknown, schedule) => (
                <Button loading={trigger.busy} onClick={() => void runNow(schedule.cycle)}>
                  立即运行{CYCLE_ZH[schedule.cycle] ?? schedule.cycle}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title="补跑（按计划时间逐次运行）">
        <Form<BackfillFields>
          form={form}
          layout="inline"
          initialValues={{ cycle: 'monthly-dispatch' }}
          onFinish={(fields) => void runBackfill(fields)}
        >
          <Form.Item label="周期" name="cycle">
            <Select
              aria-label="周期"
              style={{ width: 140 }}
              options={Object.entries(CYCLE_ZH).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="起始日期" name="from">
            <Input type="date" />
          </Form.Item>
          <Form.Item label="截止日期（不含）" name="to">
            <Input type="date" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={backfill.busy}>
            补跑
          </Button>
        </Form>
        {outcome && <pre aria-label="运行结果">{outcome}</pre>}
      </Card>
    </Space>
  );
}
