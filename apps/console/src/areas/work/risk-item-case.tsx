import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type Dayjs } from 'dayjs';
// The picker's month and weekday names in Chinese (antd's zh_CN locale names dayjs's zh-cn).
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type LedgerEntry, type RiskItemStep, type RiskItemView } from '../../api/types';
import { Due } from '../../components/due';
import { useFileToRecord } from '../../components/file-picker';
import { type FileRecord } from '../../components/file-record';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { AllowedSteps } from '../../components/allowed-steps';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { usePeople } from '../../components/use-people';
import { UnitSelect } from '../../components/unit-select';
import { useUnits } from '../../components/use-units';
import {
  beijingInstant,
  beijingTime,
  GRADE_ZH,
  readableInstants,
  RISK_ITEM_STEP_ZH,
  RISK_STATUS_ZH,
  SOURCE_ZH,
  subjectIdentityZh,
} from '../../format';

interface EvidenceFile extends FileRecord {
  stage: 'before' | 'after';
}

/** Steps that undo or refuse: shown as plain buttons, not as the page's main action. */
const QUIET_STEPS = new Set<string>(['reject', 'cancel']);

type StepForm = 'assign' | 'submit' | 'reject' | 'reason' | 'replan';

interface StepFields {
  responsibleUnitId?: string;
  measures?: string;
  reason?: string;
  /** A Beijing wall-clock time, whatever the browser's own zone. */
  dueAt?: Dayjs;
}

/** Today in Beijing, `YYYY-MM-DD`: days before it cannot hold a new deadline. */
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A risk item: what, where it stands, its deadline with the rule, the steps allowed to me, its timeline. */
export default function RiskItemCase() {
  const { id = '' } = useParams();
  const item = useApi<RiskItemView>(`/risk-items/${id}`);
  const timeline = useApi<LedgerEntry[]>(`/risk-items/${id}/timeline`);
  const { nameOf } = useUnits();
  const { personName } = usePeople();
  /** The step whose form is open, and the route it is sent to. */
  const [open, setOpen] = useState<{ form: StepForm; step: `${RiskItemStep}`; path: string }>();
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const evidenceToRecord = useFileToRecord((described) =>
    setEvidence((list) => [...list, { ...described, stage: 'after' }]),
  );
  const [form] = Form.useForm<StepFields>();
  const { busy, run } = useFormStep(form);
  const now = Date.now();

  const take = async (path: string, body: unknown, done: string) => {
    if (!(await run(() => api.step<RiskItemView>(`/risk-items/${id}/${path}`, body), done))) return;
    setOpen(undefined);
    setEvidence([]);
    form.resetFields();
    item.reload();
    timeline.reload();
  };

  const start = (step: `${RiskItemStep}`) => {
    switch (step) {
      case 'assign':
        return setOpen({ form: 'assign', step, path: 'assign' });
      case 'submit-rectification':
        return setOpen({ form: 'submit', step, path: 'submit' });
      case 'reject':
        return setOpen({ form: 'reject', step, path: 'verify' });
      case 'suspend':
      case 'cancel':
        return setOpen({ form: 'reason', step, path: step });
      case 'mark-criminal-threshold':
        return setOpen({ form: 'reason', step, path: 'criminal-threshold' });
      case 'replan':
        return setOpen({ form: 'replan', step, path: 'replan' });
      case 'start-rectification':
        return void take('start', {}, '已开始整改');
      case 'accept':
        return void take('verify', { result: 'accepted' }, '已销号');
      case 'resume':
        return void take('resume', {}, '已恢复');
    }
  };

  const finish = (fields: StepFields) => {
    if (!open) return;
    switch (open.form) {
      case 'assign':
        return void take(open.path, { responsibleUnitId: fields.responsibleUnitId }, '已交办');
      case 'submit':
        return void take(open.path, { measures: fields.measures, evidence }, '已提交整改');
      case 'reject':
        return void take(open.path, { result: 'rejected', reason: fields.reason }, '已退回整改');
      case 'reason':
        return void take(open.path, { reason: fields.reason }, '已办理');
      case 'replan':
        // No deadline picked: the API plans one from the current policy, from now.
        return void take(
          open.path,
          { reason: fields.reason, dueAt: fields.dueAt && beijingInstant(fields.dueAt) },
          '已重新确定期限',
        );
    }
  };

  if (item.error) return <ProblemAlert problem={item.error} />;
  const view = item.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        loading={item.loading && !view}
        title={<Typography.Title level={4}>隐患 {id}</Typography.Title>}
        extra={<Link to={`/print/risk-items/${id}`}>打印督办通知书</Link>}
      >
        {view && (
          <>
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label="状态">
                <Tag color={view.overdue ? 'red' : 'blue'}>{RISK_STATUS_ZH[view.status] ?? view.status}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="等级">{GRADE_ZH[view.grade]}</Descriptions.Item>
              <Descriptions.Item label="经营主体">{view.business.name}</Descriptions.Item>
              {/* A stall or a farmer has no credit code: its kind and the identifiers it has. */}
              <Descriptions.Item label="主体及证照">{subjectIdentityZh(view.business)}</Descriptions.Item>
              <Descriptions.Item label="地址">{view.business.address}</Descriptions.Item>
              <Descriptions.Item label="所在乡镇（街道）">
                {nameOf(view.business.townshipId)}
              </Descriptions.Item>
              <Descriptions.Item label="来源">
                {SOURCE_ZH[view.source]}（{view.sourceDate}）
              </Descriptions.Item>
              <Descriptions.Item label="责任单位">{nameOf(view.responsibleUnitId)}</Descriptions.Item>
              {view.responsibleUserId && (
                <Descriptions.Item label="责任人">{personName(view.responsibleUserId)}</Descriptions.Item>
              )}
              <Descriptions.Item label="隐患描述" span={2}>
                {view.description}
              </Descriptions.Item>
              <Descriptions.Item label="整改期限">
                {view.deadline ? (
                  <>
                    {beijingTime(view.deadline.dueAt)} <Due dueAt={view.deadline.dueAt} now={now} />
                  </>
                ) : (
                  '交办后确定'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="期限依据">
                {view.deadline ? readableInstants(view.deadline.rule.zh) : '—'}
              </Descriptions.Item>
              {view.referral && (
                <Descriptions.Item label="移送案件" span={2}>
                  <Link to={`/referrals/${view.referral.referralId}`}>{view.referral.referralId}</Link>
                  {view.referral.status === 'refused' && `（不予移送：${view.referral.reason ?? ''}）`}
                </Descriptions.Item>
              )}
              {view.criminalThreshold && (
                <Descriptions.Item label="涉嫌犯罪" span={2}>
                  已达到移送标准（{personName(view.criminalThreshold.markedBy)}，
                  {beijingTime(view.criminalThreshold.markedAt)}）：{view.criminalThreshold.reason}
                </Descriptions.Item>
              )}
            </Descriptions>
            {view.rectification && (
              <Table
                style={{ marginTop: 16 }}
                size="small"
                rowKey="sha256"
                pagination={false}
                caption="整改证据"
                dataSource={view.rectification.evidence}
                columns={[
                  { title: '文件', dataIndex: 'fileName' },
                  { title: '大小（字节）', dataIndex: 'size', width: 120 },
                  {
                    title: 'SHA-256',
                    dataIndex: 'sha256',
                    render: (hash: string) => <span className="sha256">{hash}</span>,
                  },
                ]}
              />
            )}
            <AllowedSteps count={view.allowedSteps.length}>
              {view.allowedSteps.map((step) => (
                <Button
                  key={step}
                  type={QUIET_STEPS.has(step) ? 'default' : 'primary'}
                  onClick={() => start(step)}
                  loading={busy}
                >
                  {RISK_ITEM_STEP_ZH[step]}
                </Button>
              ))}
            </AllowedSteps>
          </>
        )}
      </Card>
      <Card title="办理记录">
        <ProblemAlert problem={timeline.error} />
        <LedgerTimeline entries={timeline.data ?? []} />
      </Card>
      <Modal
        open={open !== undefined}
        title={open ? RISK_ITEM_STEP_ZH[open.step] : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={finish} preserve={false}>
          {open?.form === 'assign' && (
            <Form.Item
              label="责任单位"
              name="responsibleUnitId"
              rules={[{ required: true, message: '请选择责任单位' }]}
            >
              <UnitSelect />
            </Form.Item>
          )}
          {open?.form === 'submit' && (
            <>
              <Form.Item
                label="整改措施"
                name="measures"
                rules={[{ required: true, message: '请填写整改措施' }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item label="整改证据（计算 SHA-256 后提交其摘要）">
                <Upload multiple showUploadList={false} beforeUpload={evidenceToRecord}>
                  <Button>选择文件</Button>
                </Upload>
                <ul aria-label="已选证据">
                  {evidence.map((file) => (
                    <li key={file.sha256}>
                      {file.fileName}（{file.size} 字节）<div className="sha256">sha256: {file.sha256}</div>
                    </li>
                  ))}
                </ul>
              </Form.Item>
            </>
          )}
          {open?.step === 'mark-criminal-threshold' && (
            <Typography.Paragraph>
              标记后，本隐患须有移送公安机关的记录方可销号（防止以罚代刑）。
            </Typography.Paragraph>
          )}
          {open?.form === 'replan' && (
            <Form.Item
              label="新的整改期限（北京时间）"
              name="dueAt"
              extra="当日24:00截止请选次日 00:00；不选则按现行政策自现在起重新计算。"
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(day) => day.format('YYYY-MM-DD') < beijingToday()}
              />
            </Form.Item>
          )}
          {open !== undefined && open.form !== 'assign' && open.form !== 'submit' && (
            <Form.Item label="理由" name="reason" rules={[{ required: true, message: '请填写理由' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
