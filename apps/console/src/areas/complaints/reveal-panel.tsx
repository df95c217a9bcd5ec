import { Alert, Button, Card, Descriptions, Form, Popconfirm, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { type ComplaintDetail, type RevealedIdentity } from '../../api/types';
import { useFormStep } from '../../components/use-form-step';
import { usePeople } from '../../components/use-people';
import { beijingTime } from '../../format';
import { filingOf, personOf } from './complaint-step-fields';

type RevealRequest = ComplaintDetail['reveals'][number];

/**
 * 申请揭示身份 → 批准 → 揭示 (decision 0022): the requests and who took each part; the approvals and the
 * reveal the API offers this person. A revealed identity lives in this component's memory only: never
 * in a URL or storage, gone when the page is left (or hidden into the back-forward cache) or the case
 * changes, and not asked for again (the API answers it once).
 */
export function RevealPanel({
  view,
  onRequest,
  onChanged,
}: {
  view: ComplaintDetail;
  onRequest: (() => void) | undefined;
  onChanged: () => void;
}) {
  const [revealed, setRevealed] = useState<RevealedIdentity>();
  const [form] = Form.useForm();
  const { busy, run } = useFormStep(form);
  const { personName } = usePeople();
  const person = personOf(view.category);
  const filed = filingOf(view.category);

  useEffect(() => {
    setRevealed(undefined);
    const forget = () => setRevealed(undefined);
    window.addEventListener('pagehide', forget);
    return () => window.removeEventListener('pagehide', forget);
  }, [view.id]);

  const approve = async (revealId: number) => {
    if (await run(() => api.step(`/complaints/${view.id}/reveal-requests/${revealId}/approve`), '已批准'))
      onChanged();
  };
  const reveal = async (revealId: number) => {
    const answer = await run(
      () => api.post<RevealedIdentity>(`/complaints/${view.id}/reveal-requests/${revealId}/reveal`),
      '已揭示（本次查看已记入台账）',
    );
    if (answer) {
      setRevealed(answer);
      onChanged();
    }
  };
  /** The API's step name offered on this request, if any. */
  const stepOf = (request: RevealRequest) => {
    const offered = view.revealSteps.find((s) => s.revealId === request.id);
    return offered && String(offered.step);
  };

  return (
    <Card
      title={`${person}身份`}
      extra={
        onRequest && (
          <Button onClick={onRequest} loading={busy}>
            申请揭示身份
          </Button>
        )
      }
    >
      <p>
        办案人员只看到化名 <strong>{view.pseudonym}</strong>
        {view.named
          ? `（实名${filed}，身份已加密封存）。揭示身份须说明理由、经另一人批准，由申请人查看一次，全程记入台账并通知审计人员。`
          : `（匿名${filed}，没有可揭示的身份）。`}
      </p>
      {revealed && (
        <section aria-label={`已揭示的${person}身份`} className="revealed-identity">
          <Alert
            type="warning"
            showIcon
            title={`揭示申请 #${revealed.revealId}：${person}身份（仅本次显示，离开本页即清除，不能再次查看）`}
            description={
              revealed.identity ? (
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label="姓名">{revealed.identity.name ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="手机号码">{revealed.identity.phone ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="身份证号码">
                    {revealed.identity.idNumber ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="其他联系方式">
                    {revealed.identity.contact ?? '—'}
                  </Descriptions.Item>
                </Descriptions>
              ) : (
                `匿名${filed}：没有封存的身份信息`
              )
            }
          />
        </section>
      )}
      {/* Approve and reveal take no fields; the form only carries the shared step helper's messages. */}
      <Form form={form} component={false} />
      <Table<RevealRequest>
        rowKey="id"
        size="small"
        pagination={false}
        caption="揭示申请"
        dataSource={view.reveals}
        locale={{ emptyText: '没有揭示申请' }}
        columns={[
          { title: '#', dataIndex: 'id', width: 40 },
          {
            title: '申请',
            render: (_, r) => `${personName(r.requestedBy)}（${beijingTime(r.requestedAt)}）：${r.reason}`,
          },
          {
            title: '批准',
            width: 200,
            render: (_, r) =>
              r.approvedBy ? `${personName(r.approvedBy)}（${beijingTime(r.approvedAt)}）` : '待批准',
          },
          {
            title: '揭示',
            width: 160,
            render: (_, r) => (r.revealedAt ? `已查看（${beijingTime(r.revealedAt)}）` : '—'),
          },
          {
            title: '操作',
            width: 130,
            render: (_, r) => {
              const step = stepOf(r);
              return (
                <Space>
                  {step === 'approve-reveal' && (
                    <Popconfirm
                      title={`批准揭示申请 #${r.id}？`}
                      description={`批准后申请人可查看${person}身份一次；批准将记入审计台账并通知审计人员。`}
                      okText="批准揭示"
                      cancelText="取消"
                      onConfirm={() => void approve(r.id)}
                    >
                      <Button size="small" type="primary" loading={busy}>
                        批准揭示
                      </Button>
                    </Popconfirm>
                  )}
                  {step === 'reveal' && (
                    <Popconfirm
                      title={`揭示申请 #${r.id}：查看${person}身份？`}
                      description="身份仅显示一次，离开本页即清除、不能再次查看；本次查看将记入审计台账并通知审计人员。"
                      okText="揭示身份"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => void reveal(r.id)}
                    >
                      <Button size="small" danger loading={busy}>
                        揭示身份
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
