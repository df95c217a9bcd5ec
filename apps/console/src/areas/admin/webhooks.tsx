import {
  Alert,
  type AlertRef,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { type WebhookDelivery, type WebhookSubscription, type WebhookTest } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { ShownOnce } from '../../components/shown-once';
import { useReasonStep } from '../../components/reason-step';
import { UnitSelect } from '../../components/unit-select';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingTime, NOTIFICATION_KIND_ZH } from '../../format';
import { receiverAnswerZh } from './receiver-answer-zh';

interface NewWebhook {
  name: string;
  url: string;
  kinds?: string[];
  unitId?: string;
  secret: string;
}

const DELIVERY_STATUS: Record<WebhookDelivery['status'], { label: string; colour: string }> = {
  pending: { label: '投递中', colour: 'blue' },
  delivered: { label: '已送达', colour: 'green' },
  failed: { label: '失败', colour: 'red' },
};
const DELIVERIES_PAGE = 20;

/** 32 random bytes as hex: a signing key the receiving system keeps; the API never gives it back. */
function randomSecret(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** One subscription's deliveries, newest first, each with its attempts and last error. */
function Deliveries({ webhook }: { webhook: WebhookSubscription }) {
  const [page, setPage] = useState(1);
  const list = useApi<{ items: WebhookDelivery[]; total: number }>(`/webhooks/${webhook.id}/deliveries`, {
    limit: DELIVERIES_PAGE,
    offset: (page - 1) * DELIVERIES_PAGE,
  });
  return (
    <>
      <ProblemAlert problem={list.error} />
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '尚无投递' }}
        pagination={{
          current: page,
          pageSize: DELIVERIES_PAGE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        columns={[
          // The notice's key names its case and step: shown whole, wrapped, for the receiver's log.
          {
            title: '通知',
            dataIndex: 'key',
            render: (key: string) => <Typography.Text copyable>{key}</Typography.Text>,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s: WebhookDelivery['status']) => (
              <Tag color={DELIVERY_STATUS[s].colour}>{DELIVERY_STATUS[s].label}</Tag>
            ),
          },
          { title: '尝试次数', dataIndex: 'attempts', width: 80 },
          {
            title: '最近应答',
            width: 160,
            render: (_, d) => receiverAnswerZh(d.lastStatusCode, d.lastError),
          },
          { title: '首次投递（北京时间）', dataIndex: 'firstAttemptAt', width: 150, render: beijingTime },
          { title: '送达（北京时间）', dataIndex: 'deliveredAt', width: 150, render: beijingTime },
        ]}
      />
    </>
  );
}

/** Webhook 管理: subscriptions to signed notifications; add one, stop one with a reason, read its deliveries. */
export default function Webhooks() {
  const list = useApi<WebhookSubscription[]>('/webhooks');
  const { nameOf } = useUnits();
  const [form] = Form.useForm<NewWebhook>();
  const { busy, run } = useFormStep(form);
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const [shown, setShown] = useState<WebhookSubscription>();
  const { ask: askToStop, modal: reasonModal } = useReasonStep(() => list.reload());
  const [tested, setTested] = useState<{ name: string; answer: WebhookTest }>();
  const testAnswer = useRef<AlertRef>(null);
  // The test is sent from a row that may sit far below: bring each answer into view once.
  // A block body: the browser's scrollIntoView may return a promise, which React would take for a cleanup.
  useEffect(() => {
    testAnswer.current?.nativeElement?.scrollIntoView({ block: 'nearest' });
  }, [tested]);
  const [testing, setTesting] = useState<string>();
  const { message } = App.useApp();

  const sendTest = async (webhook: WebhookSubscription) => {
    setTesting(webhook.id);
    try {
      setTested({ name: webhook.name, answer: await api.post<WebhookTest>(`/webhooks/${webhook.id}/test`) });
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '发送失败');
    } finally {
      setTesting(undefined);
    }
  };

  const create = async (fields: NewWebhook) => {
    const answer = await run(() => api.post<WebhookSubscription>('/webhooks', fields), '已添加 Webhook');
    if (answer) {
      form.resetFields();
      setCreated({ name: answer.name, secret: fields.secret });
      list.reload();
    }
  };

  const stop = (webhook: WebhookSubscription) =>
    askToStop({
      title: `停用 ${webhook.name}`,
      okText: '停用',
      consequence: '停用后不再向其投递，已有投递记录保留；停用及理由记入身份台账。',
      done: `已停用 ${webhook.name}`,
      danger: true,
      send: (reason) => api.post(`/webhooks/${webhook.id}/deactivate`, { reason }),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={4}>Webhook 管理</Typography.Title>}>
        <ProblemAlert problem={list.error} />
        {tested && (
          <Alert
            ref={testAnswer}
            type={tested.answer.delivered ? 'success' : 'error'}
            showIcon
            closable={{ onClose: () => setTested(undefined) }}
            style={{ marginBottom: 16 }}
            description="测试消息不记入投递记录。"
            title={`测试消息（${tested.name}）${tested.answer.delivered ? '已送达' : '未送达'}：${receiverAnswerZh(
              tested.answer.statusCode,
              tested.answer.error,
            )}，用时 ${tested.answer.durationMs} 毫秒`}
          />
        )}
        <Table<WebhookSubscription>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '名称', dataIndex: 'name', width: 160 },
            { title: '地址', dataIndex: 'url', ellipsis: true },
            {
              title: '事件',
              dataIndex: 'kinds',
              render: (kinds: string[]) =>
                kinds.length === 0
                  ? '全部'
                  : kinds.map((k) => <Tag key={k}>{NOTIFICATION_KIND_ZH[k] ?? k}</Tag>),
            },
            {
              title: '单位',
              dataIndex: 'unitId',
              width: 140,
              render: (id: string | null) => (id ? nameOf(id) : '全部单位'),
            },
            {
              title: '状态',
              dataIndex: 'active',
              width: 80,
              render: (active: boolean) => (active ? <Tag color="green">有效</Tag> : <Tag>已停用</Tag>),
            },
            { title: '创建（北京时间）', dataIndex: 'createdAt', width: 150, render: beijingTime },
            {
              title: '操作',
              width: 240,
              render: (_, webhook) => (
                <Space>
                  <Button size="small" onClick={() => setShown(webhook)}>
                    投递记录
                  </Button>
                  {webhook.active && (
                    <>
                      <Button
                        size="small"
                        loading={testing === webhook.id}
                        onClick={() => void sendTest(webhook)}
                      >
                        发送测试
                      </Button>
                      <Button size="small" danger onClick={() => stop(webhook)}>
                        停用
                      </Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="添加 Webhook">
        {created && (
          <ShownOnce
            title={`已添加 ${created.name}。签名密钥仅显示这一次，请配置到接收系统：`}
            secret={created.secret}
            onClose={() => setCreated(undefined)}
          />
        )}
        <Form<NewWebhook>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ secret: randomSecret() }}
          onFinish={(fields) => void create(fields)}
        >
          <Form.Item label="名称" name="name">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="接收地址（URL）" name="url">
            <Input placeholder="https://" maxLength={2000} />
          </Form.Item>
          <Form.Item label="事件（不选为全部）" name="kinds">
            <Select
              aria-label="事件（不选为全部）"
              mode="multiple"
              allowClear
              options={Object.entries(NOTIFICATION_KIND_ZH).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="单位（不选为全部单位）" name="unitId">
            <UnitSelect aria-label="单位（不选为全部单位）" allowClear />
          </Form.Item>
          <Form.Item label="签名密钥（已随机生成，可改；至少 32 个字符）" name="secret">
            <Input maxLength={256} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            添加
          </Button>
        </Form>
      </Card>
      {reasonModal}
      <Drawer
        open={shown !== undefined}
        size="large"
        title={shown ? `投递记录：${shown.name}` : ''}
        onClose={() => setShown(undefined)}
        destroyOnHidden
      >
        {shown && <Deliveries webhook={shown} />}
      </Drawer>
    </Space>
  );
}
