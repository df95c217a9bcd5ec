import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type LedgerEntry, type ReferralDocument, type ReferralView } from '../../api/types';
import { ReferralClocks } from './referral-clocks';
import { FilePicker } from '../../components/file-picker';
import { type FileRecord } from '../../components/file-record';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { AllowedSteps } from '../../components/allowed-steps';
import { ProblemAlert } from '../../components/problem-alert';
import { useApi } from '../../components/use-api';
import { useFormStep } from '../../components/use-form-step';
import { usePeople } from '../../components/use-people';
import { useUnits } from '../../components/use-units';
import {
  beijingTime,
  LEAD_SOURCE_ZH,
  REFERRAL_CATEGORY_ZH,
  REFERRAL_DOCUMENT_ZH,
  REFERRAL_STATUS_ZH,
  STEP_ZH,
} from '../../format';
import { usePerson } from '../../session';
import { referralAnswers } from './referral-answers';
import {
  fieldOf,
  REFERRAL_STEP_FORMS,
  selectOptions,
  stepBody,
  type DossierValue,
  type FieldSpec,
  type StepForm,
  type StepValues,
} from './referral-steps';

const stepName = (step: string) => STEP_ZH.referral[step] ?? step;
const documentZh = (kind: string) => REFERRAL_DOCUMENT_ZH[kind] ?? kind;
const formOf = (step: string): StepForm | null =>
  (REFERRAL_STEP_FORMS as Record<string, StepForm | null | undefined>)[step] ?? null;

/** The step that recorded how the criminal case ended, by that end. */
const CRIMINAL_OUTCOME_STEP: Record<string, string> = {
  withdrawn: 'withdraw-case',
  'not-prosecuted': 'record-non-prosecution',
  concluded: 'conclude-criminal-case',
};

/** Every document the view carries, with the step that recorded it. */
function documentsOf(view: ReferralView): Array<{ step: string; document: ReferralDocument }> {
  const criminal = view.criminalOutcome;
  const rows: Array<{ step: string; document: ReferralDocument | null | undefined }> = [
    { step: 'submit-report', document: view.report?.document },
    { step: 'decide', document: view.decision?.penalty },
    ...(view.transfer?.dossier ?? []).map((document) => ({ step: 'transfer', document })),
    { step: 'receive', document: view.receipt?.document },
    ...view.incompleteRounds.flatMap((round) =>
      round.documents.map((document) => ({ step: 'complete-file', document })),
    ),
    ...view.approvals.map((a) => ({ step: 'extend-filing-period', document: a.document })),
    ...view.notices.map((n) => ({ step: 'send-notice', document: n.document })),
    { step: 'request-reconsideration', document: view.reconsideration?.document },
    { step: 'request-supervision', document: view.supervision?.document },
    ...(view.supervision?.events ?? []).map((e) => ({ step: 'record-procuratorate', document: e.document })),
    { step: 'explain', document: view.supervision?.explanation },
    ...(view.handover?.documents ?? []).map((document) => ({ step: 'hand-over', document })),
    ...(criminal
      ? [{ step: CRIMINAL_OUTCOME_STEP[criminal.outcome] ?? '', document: criminal.document }]
      : []),
    { step: 'decide-penalty', document: view.penaltyAfterReturn?.document },
    ...(view.dutyCrimeTransfers ?? []).map((t) => ({
      step: 'transfer-duty-crime-clue',
      document: t.document,
    })),
    ...(view.refusalFindings ?? []).map((f) => ({ step: 'record-refusal-finding', document: f.document })),
  ];
  return rows.filter((row): row is { step: string; document: ReferralDocument } => !!row.document);
}

/** The transfer dossier's field: each checklist kind a file, or (where the policy allows) a reason. */
function DossierField({
  view,
  value,
  onChange,
}: {
  view: ReferralView;
  value?: DossierValue;
  onChange?: (value: DossierValue) => void;
}) {
  const current = value ?? {};
  const set = (kind: string, entry: { file?: FileRecord; notApplicable?: string }) =>
    onChange?.({ ...current, [kind]: { ...current[kind], ...entry } });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {view.requiredDossier.map((kind) => (
        <div key={kind} className="dossier-row" data-kind={kind}>
          <Typography.Text strong>{documentZh(kind)}</Typography.Text>
          <FilePicker value={current[kind]?.file} onChange={(file) => set(kind, { file })} />
          {view.mayBeNotApplicable?.includes(kind) && (
            <Input
              aria-label={`${documentZh(kind)}不适用的理由`}
              placeholder="不提交此项时，写明不适用的理由"
              value={current[kind]?.notApplicable}
              onChange={(e) => set(kind, { notApplicable: e.target.value })}
            />
          )}
        </div>
      ))}
    </Space>
  );
}

/** The dossier is complete when every checklist kind has its file or, where allowed, its reason. */
const dossierMissing = (view: ReferralView, value: DossierValue | undefined) =>
  view.requiredDossier.filter(
    (kind) =>
      !value?.[kind]?.file &&
      !(view.mayBeNotApplicable?.includes(kind) && value?.[kind]?.notApplicable?.trim()),
  );

/** What is wrong with a field's value, in Chinese, or undefined. */
function fieldProblem(field: FieldSpec, view: ReferralView, value: unknown, values: StepValues) {
  if (field.kind === 'dossier') {
    const missing = dossierMissing(view, value as DossierValue | undefined);
    return missing.length > 0 ? `请提交：${missing.map(documentZh).join('、')}` : undefined;
  }
  const message = typeof field.required === 'function' ? field.required(values) : field.required;
  const empty = value === undefined || value === null || (typeof value === 'string' && !value.trim());
  return message && empty ? message : undefined;
}

function StepField({ field, view, role }: { field: FieldSpec; view: ReferralView; role: string }) {
  const rules = [
    ({ getFieldsValue }: { getFieldsValue: () => StepValues }) => ({
      validator: (_: unknown, value: unknown) => {
        const problem = fieldProblem(field, view, value, getFieldsValue());
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    }),
  ];
  const options = field.kind === 'select' ? selectOptions(field, view, role) : [];
  const control = () => {
    switch (field.kind) {
      case 'text':
        return <Input maxLength={200} />;
      case 'textarea':
        return <Input.TextArea rows={3} maxLength={2000} />;
      case 'officers':
        return <Input.TextArea rows={3} placeholder={'handler.amr\nhead.amr'} />;
      case 'select':
        return <Select options={options} placeholder="请选择" />;
      case 'file':
        return <FilePicker />;
      case 'dossier':
        return <DossierField view={view} />;
    }
  };
  return (
    <Form.Item
      label={field.label}
      name={field.name}
      rules={rules}
      initialValue={options.length === 1 ? options[0]?.value : undefined}
    >
      {control()}
    </Form.Item>
  );
}

/** The modal of one step: the spec's fields, the API's field messages under them. */
function StepModal({
  id,
  step,
  view,
  onClose,
}: {
  id: string;
  step: string | undefined;
  view: ReferralView;
  onClose: (taken: boolean) => void;
}) {
  const spec = step ? formOf(step) : null;
  const { role } = usePerson();
  const [form] = Form.useForm<StepValues>();
  const { busy, run } = useFormStep(form, (path) => (spec ? fieldOf(spec, path) : [path]));

  const submit = async (values: StepValues) => {
    if (!step || !spec) return;
    const taken = await run(
      () => api.step<ReferralView>(`/referrals/${id}/${spec.path}`, stepBody(spec, values, view)),
      `已办理：${stepName(step)}`,
    );
    if (taken) onClose(true);
  };

  return (
    <Modal
      open={spec !== null}
      title={step ? stepName(step) : ''}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      width={640}
    >
      {spec?.note && <Typography.Paragraph type="secondary">{spec.note}</Typography.Paragraph>}
      <Form<StepValues> form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
        {spec?.fields.map((field) => (
          <StepField key={field.name} field={field} view={view} role={role} />
        ))}
      </Form>
    </Modal>
  );
}

/** 行刑衔接 case page: the referral, its clocks and documents, the caller's steps and (not for the police) its ledger. */
export default function ReferralCase() {
  const { id = '' } = useParams();
  const person = usePerson();
  // The ledger holds the regulator's internal records: the API refuses it to the police.
  const readsLedger = person.role !== 'police_liaison';
  const referral = useApi<ReferralView>(`/referrals/${id}`);
  const timeline = useApi<LedgerEntry[]>(readsLedger ? `/referrals/${id}/timeline` : null);
  const { nameOf } = useUnits();
  const { personName } = usePeople();
  const [open, setOpen] = useState<string>();
  const view = referral.data;
  const now = Date.now();

  const close = (taken: boolean) => {
    setOpen(undefined);
    if (taken) {
      referral.reload();
      timeline.reload();
    }
  };

  if (referral.error) return <ProblemAlert problem={referral.error} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card loading={!view} title={<Typography.Title level={4}>移送案件 {id}</Typography.Title>}>
        {view && (
          <>
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label="状态">
                <Tag color={view.overdue ? 'red' : 'blue'} data-testid="referral-status">
                  {REFERRAL_STATUS_ZH[view.status] ?? view.status}
                </Tag>
                {view.administrativeOnly && <Tag color="volcano">以罚代刑</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="移送单位">{nameOf(view.unitId)}</Descriptions.Item>
              <Descriptions.Item label="案件类别">
                {REFERRAL_CATEGORY_ZH[view.category] ?? view.category}
              </Descriptions.Item>
              <Descriptions.Item label="专项行动">行动 {view.actionNo}</Descriptions.Item>
              <Descriptions.Item label="线索来源">
                {LEAD_SOURCE_ZH[view.source] ?? view.source}：
                {String(view.source) === 'risk-item' ? (
                  <Link to={`/risk-items/${view.sourceRef}`}>{view.sourceRef}</Link>
                ) : (
                  view.sourceRef
                )}
              </Descriptions.Item>
              <Descriptions.Item label="登记">
                {personName(view.recordedBy)}，{beijingTime(view.recordedAt)}
              </Descriptions.Item>
              <Descriptions.Item label="案情摘要" span={2}>
                {view.summary}
              </Descriptions.Item>
              {view.subject && (
                <Descriptions.Item label="涉案对象" span={2}>
                  {view.subject.name}
                </Descriptions.Item>
              )}
              {view.team && (
                <Descriptions.Item label="专案组" span={2}>
                  {view.team.officers.map(personName).join('、')}（{beijingTime(view.team.formedAt)}）
                </Descriptions.Item>
              )}
              {view.decision && (
                <Descriptions.Item label="负责人审批" span={2}>
                  {view.decision.approved ? '同意移送' : '不予移送'}（{personName(view.decision.decidedBy)}，
                  {beijingTime(view.decision.decidedAt)}）
                  {view.decision.reason && `：${view.decision.reason}`}
                </Descriptions.Item>
              )}
              {view.filing && (
                <Descriptions.Item label="公安机关决定" span={2}>
                  {view.filing.filed ? '立案' : '不予立案'}（{beijingTime(view.filing.decidedAt)}）
                  {view.filing.reason && `：${view.filing.reason}`}
                </Descriptions.Item>
              )}
              {referralAnswers(view).map((answer) => (
                <Descriptions.Item key={answer.key} label={answer.label} span={2}>
                  {answer.content}
                </Descriptions.Item>
              ))}
              {view.transfer?.notApplicable?.map((item) => (
                <Descriptions.Item key={item.kind} label={`未提交：${documentZh(item.kind)}`} span={2}>
                  {item.reason}
                </Descriptions.Item>
              ))}
            </Descriptions>
            <AllowedSteps count={view.allowedSteps.length}>
              {view.allowedSteps.map((step) =>
                formOf(step) ? (
                  <Button key={step} type="primary" onClick={() => setOpen(step)}>
                    {stepName(step)}
                  </Button>
                ) : (
                  <Tooltip key={step} title="控制台尚不能办理此步骤，请通过接口办理">
                    <Button disabled>{stepName(step)}（请通过接口办理）</Button>
                  </Tooltip>
                ),
              )}
            </AllowedSteps>
          </>
        )}
      </Card>
      {view && (
        <Card title="法定时限">
          <ReferralClocks clocks={view.clocks} now={now} />
        </Card>
      )}
      {view && (
        <Card title="案件材料">
          <Table
            rowKey={(row) => `${row.step}-${row.document.kind}-${row.document.sha256}`}
            size="small"
            pagination={false}
            dataSource={documentsOf(view)}
            locale={{ emptyText: '暂无材料' }}
            columns={[
              { title: '环节', width: 150, render: (_, row) => stepName(row.step) },
              { title: '材料', width: 180, render: (_, row) => documentZh(row.document.kind) },
              { title: '文件', render: (_, row) => row.document.fileName },
              {
                title: 'SHA-256',
                render: (_, row) => <span className="sha256">{row.document.sha256}</span>,
              },
            ]}
          />
        </Card>
      )}
      <Card title="办理记录">
        {readsLedger ? (
          <>
            <ProblemAlert problem={timeline.error} />
            <LedgerTimeline entries={timeline.data ?? []} />
          </>
        ) : (
          <Typography.Text type="secondary">
            办理记录含移送单位内部材料，仅移送单位和县级部门可查看。
          </Typography.Text>
        )}
      </Card>
      {view && <StepModal id={id} step={open} view={view} onClose={close} />}
    </Space>
  );
}
