import { Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type DirectiveView, type LedgerEntry } from '../../api/types';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingTime, DIRECTIVE_STATUS_ZH, spanZh } from '../../format';

/**
 * 督办通知: what the county office asked of the unit, and its acknowledgement (签收), offered only when
 * the API allows the caller that step. A directive carries no deadline: the page says how long it waits.
 */
export default function DirectiveCase() {
  const { id = '' } = useParams();
  const directive = useApi<DirectiveView>(`/directives/${id}`);
  const ledger = useApi<LedgerEntry[]>(`/directives/${id}/ledger`);
  const { nameOf } = useUnits();
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, run } = useFormStep(form);
  const view = directive.data;

  const acknowledge = async ({ note }: { note?: string }) => {
    const body = note?.trim() ? { note } : {};
    if (await run(() => api.step<DirectiveView>(`/directives/${id}/acknowledge`, body), '已签收')) {
      directive.reload();
      ledger.reload();
    }
  };

  if (directive.error) return <ProblemAlert problem={directive.error} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card loading={!view} title={<Typography.Title level={4}>督办通知 {id}</Typography.Title>}>
        {view && (
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="标题" span={2}>
              {view.title}
            </Descriptions.Item>
            <Descriptions.Item label="承办单位">{nameOf(view.assigneeUnitId)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={String(view.status) === 'issued' ? 'orange' : 'green'}>
                {DIRECTIVE_STATUS_ZH[view.status] ?? view.status}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="下发时间">{beijingTime(view.issuedAt)}</Descriptions.Item>
            <Descriptions.Item label="签收期限">
              {view.acknowledgedAt
                ? `已于 ${beijingTime(view.acknowledgedAt)} 签收`
                : `不设期限，已下发 ${spanZh(Date.now() - new Date(view.issuedAt).getTime())}`}
            </Descriptions.Item>
            <Descriptions.Item label="督办内容" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {view.body}
              </Typography.Paragraph>
            </Descriptions.Item>
            {view.note && (
              <Descriptions.Item label="签收意见" span={2}>
                {view.note}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {view?.allowedSteps.some((step) => String(step) === 'acknowledge') && (
          <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={(f) => void acknowledge(f)}>
            <Form.Item label="签收意见（可不填）" name="note">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              签收
            </Button>
          </Form>
        )}
      </Card>
      <Card title="办理记录">
        <ProblemAlert problem={ledger.error} />
        <LedgerTimeline entries={ledger.data ?? []} />
      </Card>
    </Space>
  );
}
