import { Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { type Unit } from '../../api/types';
import { filled } from '../../components/filled';
import { COMPLAINT_OUTCOME_ZH, GRADE_ZH, STEP_ZH } from '../../format';

// A step is named as the timeline names it: one table in format.ts.
const COMPLAINT_STEP_ZH = STEP_ZH.complaint;

/** A case worker's steps on a complaint, by the API's step name: label, route under the case, form. */
export const COMPLAINT_STEPS: Record<string, { label: string; path: string; form: StepFormKind }> = {
  accept: { label: COMPLAINT_STEP_ZH.accept, path: 'accept', form: 'confirm' },
  refuse: { label: COMPLAINT_STEP_ZH.refuse, path: 'refuse', form: 'reason' },
  'extend-verification': {
    label: COMPLAINT_STEP_ZH['extend-verification'],
    path: 'extend-verification',
    form: 'reason',
  },
  ask: { label: COMPLAINT_STEP_ZH.ask, path: 'questions', form: 'question' },
  decide: { label: COMPLAINT_STEP_ZH.decide, path: 'decision', form: 'decide' },
  'inform-reporter': { label: COMPLAINT_STEP_ZH['inform-reporter'], path: 'inform', form: 'confirm' },
  'propose-reward': { label: COMPLAINT_STEP_ZH['propose-reward'], path: 'reward', form: 'reward' },
  'approve-reward': { label: COMPLAINT_STEP_ZH['approve-reward'], path: 'reward/approve', form: 'confirm' },
  'record-payout': { label: COMPLAINT_STEP_ZH['record-payout'], path: 'reward/payout', form: 'payout' },
  close: { label: COMPLAINT_STEP_ZH.close, path: 'close', form: 'reason' },
  'record-retaliation': {
    label: COMPLAINT_STEP_ZH['record-retaliation'],
    path: 'retaliation',
    form: 'retaliation',
  },
  'request-reveal': { label: COMPLAINT_STEP_ZH['request-reveal'], path: 'reveal-requests', form: 'reason' },
};

type StepFormKind = 'confirm' | 'reason' | 'question' | 'decide' | 'reward' | 'payout' | 'retaliation';

/** The form's fields, named as the API's body (so a problem's `riskItem.business.name` finds its field). */
export interface StepFields {
  reason?: string;
  question?: string;
  payoutReference?: string;
  outcome?: string;
  substantiated?: boolean;
  riskItem?: { business: Record<string, string>; grade: string; description: string };
  referral?: { category: string; summary: string };
  ref?: string;
  grade?: string;
  /** In yuan on the form; the API takes fen. */
  basisFen?: number;
  reporters?: number;
  approvedAboveCap?: boolean;
  officialOnDuty?: boolean;
  kind?: string;
  description?: string;
  occurredOn?: string;
}

/** The body of a step from its form: only the parts the chosen outcome takes; money in fen. */
export function stepBody(step: string, fields: StepFields): unknown {
  const form = COMPLAINT_STEPS[step]?.form;
  if (form === 'decide')
    return {
      outcome: fields.outcome,
      substantiated: fields.substantiated ?? false,
      reason: fields.reason,
      riskItem: fields.outcome === 'risk-item' ? fields.riskItem : undefined,
      referral: fields.outcome === 'referral' ? fields.referral : undefined,
      ref: ['merged', 'transferred'].includes(fields.outcome ?? '') ? fields.ref : undefined,
    };
  if (form === 'reward')
    return {
      grade: fields.grade,
      basisFen: fields.basisFen === undefined ? undefined : Math.round(fields.basisFen * 100),
      reporters: fields.reporters,
      approvedAboveCap: fields.approvedAboveCap ?? false,
      officialOnDuty: fields.officialOnDuty ?? false,
    };
  // The other forms' fields are the API's body as they are.
  return fields;
}

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const REFERRAL_CATEGORY_ZH = { general: '一般涉嫌犯罪案件', 'food-drug': '食品药品涉嫌犯罪案件' };
const REWARD_GRADE_ZH = { first: '一级', second: '二级', third: '三级' };
const RETALIATION_ZH = {
  dismissal: '解聘、辞退',
  demotion: '降级、调岗',
  'pay-cut': '扣减工资福利',
  harassment: '打击、刁难',
  other: '其他',
};

/** The fields of one step's form; the modal around it submits them. */
export function StepFormFields({ step, townships }: { step: string; townships: Unit[] }) {
  const outcome = Form.useWatch<string | undefined>('outcome');
  switch (COMPLAINT_STEPS[step]?.form) {
    case 'confirm':
      return (
        <Typography.Paragraph>确定{COMPLAINT_STEPS[step].label}？此步骤将记入台账。</Typography.Paragraph>
      );
    case 'reason':
      return (
        <Form.Item label="理由" name="reason" rules={[filled('请填写理由')]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'question':
      return (
        <Form.Item label="问题（举报人凭受理编号和查询密码回答）" name="question">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      );
    case 'payout':
      return (
        <Form.Item label="支付凭证号" name="payoutReference">
          <Input maxLength={100} />
        </Form.Item>
      );
    case 'retaliation':
      return (
        <>
          <Form.Item label="报复行为" name="kind">
            <Select options={options(RETALIATION_ZH)} />
          </Form.Item>
          <Form.Item label="经过" name="description">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item label="发生日期" name="occurredOn">
            <Input type="date" />
          </Form.Item>
        </>
      );
    case 'reward':
      return (
        <>
          <Form.Item label="奖励等级" name="grade">
            <Select options={options(REWARD_GRADE_ZH)} />
          </Form.Item>
          <Form.Item label="罚没款或涉案货值（元）" name="basisFen">
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="共同举报人数" name="reporters" initialValue={1}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
          <Form.Item name="approvedAboveCap" valuePropName="checked">
            <Checkbox>已批准超过单案上限</Checkbox>
          </Form.Item>
          <Form.Item name="officialOnDuty" valuePropName="checked">
            <Checkbox>举报人为负有举报职责的公职人员</Checkbox>
          </Form.Item>
        </>
      );
    case 'decide':
      return (
        <>
          <Form.Item label="处理结果" name="outcome">
            <Select options={options(COMPLAINT_OUTCOME_ZH).filter((o) => o.value !== 'refused')} />
          </Form.Item>
          <Form.Item name="substantiated" valuePropName="checked">
            <Checkbox>举报线索查证属实</Checkbox>
          </Form.Item>
          {outcome === 'risk-item' && (
            <>
              <Form.Item label="经营主体名称" name={['riskItem', 'business', 'name']}>
                <Input />
              </Form.Item>
              <Form.Item label="统一社会信用代码" name={['riskItem', 'business', 'creditCode']}>
                <Input maxLength={18} />
              </Form.Item>
              <Form.Item label="地址" name={['riskItem', 'business', 'address']}>
                <Input />
              </Form.Item>
              <Form.Item label="所在乡镇（街道）" name={['riskItem', 'business', 'townshipId']}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={townships.map((u) => ({ value: u.id, label: u.nameZh }))}
                />
              </Form.Item>
              <Form.Item label="隐患等级" name={['riskItem', 'grade']}>
                <Select options={options(GRADE_ZH)} />
              </Form.Item>
              <Form.Item label="隐患描述" name={['riskItem', 'description']}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {outcome === 'referral' && (
            <>
              <Form.Item label="案件类别" name={['referral', 'category']}>
                <Select options={options(REFERRAL_CATEGORY_ZH)} />
              </Form.Item>
              <Form.Item label="线索摘要" name={['referral', 'summary']}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {(outcome === 'merged' || outcome === 'transferred') && (
            <Form.Item label={outcome === 'merged' ? '并入案件编号（TJ-/FX-/YS-）' : '移交部门'} name="ref">
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Form.Item label="理由" name="reason">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}
