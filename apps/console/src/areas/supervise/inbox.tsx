import { Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type ApiProblem } from '../../api/client';
import { type NotificationView } from '../../api/types';
import { usePagedList } from '../../components/paged-list';
import { ProblemAlert } from '../../components/problem-alert';
import { usePeople } from '../../components/use-people';
import { useUnits } from '../../components/use-units';
import { beijingTime, noticeZh } from '../../format';

/** The console's page of each kind of case a notice can be about. */
const CASE_PAGE: Record<string, string> = {
  'risk-item': '/risk-items',
  card: '/cards',
  'report-request': '/report-requests',
  directive: '/directives',
  complaint: '/complaints',
  referral: '/referrals',
};

/** The body under its title: a body that opens with the title (and a stop) is shown without it, said once. */
const bodyBeyondTitle = (title: string, body: string) =>
  body.startsWith(title) ? body.slice(title.length).replace(/^[\s：:，,。.、]+/, '') : body;

/** 通知与升级: what reached me, escalations first when asked, paged by the API; read marks kept by the API. */
export default function Inbox() {
  const [only, setOnly] = useState<'escalation' | 'all'>('escalation');
  const { list, pagination, filter } = usePagedList<NotificationView>('/me/notifications', {
    kind: only === 'escalation' ? 'escalation' : undefined,
  });
  const [problem, setProblem] = useState<ApiProblem>();
  const { nameOf } = useUnits();
  const { personName } = usePeople();
  // Beside the page, the inbox answers how many of all the caller's notices are unread.
  const unread = list.data && 'unread' in list.data ? Number(list.data.unread) : 0;

  const mark = async (path: string) => {
    try {
      await api.post(path);
      setProblem(undefined);
    } catch (refused) {
      setProblem(refused as ApiProblem);
    }
    list.reload();
  };

  return (
    <Card
      title={<Typography.Title level={4}>通知与升级</Typography.Title>}
      extra={
        <Space>
          <Segmented
            aria-label="显示范围"
            value={only}
            onChange={filter(setOnly)}
            options={[
              { value: 'escalation', label: '升级到我' },
              { value: 'all', label: `全部（未读 ${unread}）` },
            ]}
          />
          <Popconfirm
            title={`将全部 ${unread} 条未读通知标为已读？`}
            okText="全部标为已读"
            cancelText="取消"
            onConfirm={() => void mark('/me/notifications/read-all')}
            disabled={unread === 0}
          >
            <Button disabled={unread === 0}>全部标为已读</Button>
          </Popconfirm>
        </Space>
      }
    >
      <ProblemAlert problem={list.error ?? problem} />
      <Table<NotificationView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        columns={[
          {
            title: '类别',
            key: 'kind',
            width: 100,
            render: (_: unknown, n) => <Tag>{noticeZh(n, personName).tag}</Tag>,
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
            render: (_: unknown, n) => {
              const { title, body } = noticeZh(n, personName);
              return (
                <>
                  <Typography.Text strong>{title}</Typography.Text>
                  <br />
                  {bodyBeyondTitle(title, body)}
                </>
              );
            },
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
                <Button size="small" onClick={() => void mark(`/me/notifications/${n.id}/read`)}>
                  标为已读
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
