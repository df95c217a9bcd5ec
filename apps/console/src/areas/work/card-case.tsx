import { Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type CardView, type LedgerEntry } from '../../api/types';
import { Due } from '../../components/due';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingTime, COLOUR_ZH } from '../../format';

/** 亮牌: the levels it went through with their rules, the unit's responses, the summons; respond here. */
export default function CardCase() {
  const { id = '' } = useParams();
  const card = useApi<CardView>(`/cards/${id}`);
  const timeline = useApi<LedgerEntry[]>(`/cards/${id}/timeline`);
  const { nameOf } = useUnits();
  const [form] = Form.useForm<{ text: string }>();
  const { busy, run } = useFormStep(form);
  const now = Date.now();
  const view = card.data;
  const level = view?.levels[view.levels.length - 1];

  const respond = async (fields: { text: string }) => {
    if (await run(() => api.post<CardView>(`/cards/${id}/respond`, fields), '已提交回应')) {
      form.resetFields();
      card.reload();
      timeline.reload();
    }
  };

  if (card.error) return <ProblemAlert problem={card.error} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        loading={!view}
        title={<Typography.Title level={4}>亮牌 {id}</Typography.Title>}
        extra={<Link to={`/print/cards/${id}`}>打印亮牌通知</Link>}
      >
        {view && level && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="单位">{nameOf(view.unitId)}</Descriptions.Item>
            <Descriptions.Item label="当前等级">
              <Tag color={level.colour}>{COLOUR_ZH[level.colour] ?? level.nameZh}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="亮牌事由" span={2}>
              {view.reason}
            </Descriptions.Item>
            <Descriptions.Item label="本级期限">
              {beijingTime(level.dueAt)} <Due dueAt={level.dueAt} now={now} />
            </Descriptions.Item>
            <Descriptions.Item label="期限依据">{level.rule.zh}</Descriptions.Item>
            {view.summons && (
              <Descriptions.Item label="约谈日期" span={2}>
                {beijingTime(view.summons.scheduledFor)}
                {view.summons.held && `（已于 ${beijingTime(view.summons.held.heldAt)} 约谈）`}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {view && view.responses.length > 0 && (
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="respondedAt"
            pagination={false}
            caption="单位回应"
            dataSource={view.responses}
            columns={[
              { title: '时间', dataIndex: 'respondedAt', width: 160, render: beijingTime },
              { title: '内容', dataIndex: 'text' },
            ]}
          />
        )}
        {view?.allowedSteps.some((step) => String(step) === 'respond') && (
          <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(f) => void respond(f)}>
            <Form.Item label="回应（整改方案、进展报告或约谈记录）" name="text">
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              提交回应
            </Button>
          </Form>
        )}
      </Card>
      <Card title="办理记录">
        <ProblemAlert problem={timeline.error} />
        <LedgerTimeline entries={timeline.data ?? []} />
      </Card>
    </Space>
  );
}
