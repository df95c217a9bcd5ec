import { Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type NotificationView, type Page } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useUnits } from '../../components/use-units';
import { beijingTime, NOTIFICATION_KIND_ZH } from '../../format';

/** The console's page of each kind of case the inbox can point at. */
const CASE_PAGE: Record<string, string> = {
  'risk-item': '/risk-items',
  card: '/cards',
  'report-request': '/report-requests',
};

const INBOX_LIMIT = 100;

/** The body under its title: a body that opens with the title (and a stop) is shown without it, said once. */
const bodyBeyondTitle = (title: string, body: string) =>
  body.startsWith(title) ? body.slice(title.length).replace(/^[\s：:，,。.、]+/, '') : body;

/** 通知与升级: what reached me, escalations first when asked; read marks kept by the API. */
export default function Inbox() {
  const [only, setOnly] = useState<'escalation' | 'all'>('escalation');
  const inbox = useApi<Omit<Page<NotificationView>, 'limit' | 'offset'> & { unread: number }>(
    '/me/notifications',
    { limit: INBOX_LIMIT },
  );
  const { nameOf } = useUnits();
  const items = (inbox.data?.items ?? []).filter((n) => only === 'all' || n.kind === 'escalation');

  const markRead = async (id: string) => {
    await api.post(`/me/notifications/${id}/read`);
    inbox.reload();
  };

  return (
    <Card
      title={<Typography.Title level={4}>通知与升级</Typography.Title>}
      extra={
        <Segmented
          aria-label="显示范围"
          value={only}
          onChange={setOnly}
          options={[
            { value: 'escalation', label: '升级到我' },
            { value: 'all', label: `全部（未读 ${inbox.data?.unread ?? 0}）` },
          ]}
        />
      }
    >
      <ProblemAlert problem={inbox.error} />
      <Table<NotificationView>
        rowKey="id"
        size="middle"
        loading={inbox.loading}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '类别',
            dataIndex: 'kind',
            width: 80,
            render: (k: string) => <Tag>{NOTIFICATION_KIND_ZH[k] ?? k}</Tag>,
          },
          {
            title: '案件',
            dataIndex: 'caseId',
            width: 180,
            render: (caseId: string, n) =>
              CASE_PAGE[n.caseType] ? (
                <Link to={`${CASE_PAGE[n.caseType]}/${caseId}`}>{caseId}</Link>
              ) : (
                caseId
              ),
          },
          {
            title: '内容',
            key: 'text',
            render: (_: unknown, n) => (
              <>
                <Typography.Text strong>{n.title}</Typography.Text>
                <br />
                {bodyBeyondTitle(n.title, n.body)}
              </>
            ),
          },
          { title: '单位', dataIndex: 'unitId', width: 140, render: nameOf },
          { title: '时间', dataIndex: 'occurredAt', width: 150, render: beijingTime },
          {
            title: '状态',
            key: 'read',
            width: 100,
            render: (_: unknown, n) =>
              n.readAt ? (
                '已读'
              ) : (
                <Button size="small" onClick={() => void markRead(n.id)}>
                  标为已读
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
