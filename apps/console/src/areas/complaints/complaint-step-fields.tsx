import { Checkbox, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { type Unit } from '../../api/types';
import { CaseDateInput, caseDateRule } from '../../components/case-date';
import { filled } from '../../components/filled';
import { SubjectFields, type SubjectFieldValues } from '../../components/subject-fields';
import { COMPLAINT_OUTCOME_ZH, GRADE_ZH, RETALIATION_KIND_ZH, STEP_ZH } from '../../format';

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

/**
 * What the case is, 投诉 (one's own loss) or 举报, and so who filed it: the 投诉人 or the 举报人. The step
 * names shared with the timeline say 举报人; a complaint's page says 投诉人 in them.
 */
export const filingOf = (category: string) => (category === 'complaint' ? '投诉' : '举报');
export const personOf = (category: string) => `${filingOf(category)}人`;
const inCategory = (text: string, category: string) => text.replaceAll('举报人', personOf(category));
/** A step's name on this case's page (its button, form and message). */
export const stepLabel = (step: string, category: string) =>
  inCategory(COMPLAINT_STEPS[step].label, category);

/** The form's fields, named as the API's body (so a problem's `riskItem.business.name` finds its field). */
export interface StepFields {
  reason?: string;
  question?: string;
  payoutReference?: string;
  outcome?: string;
  substantiated?: boolean;
  riskItem?: { business: SubjectFieldValues; grade: string; description: string };
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
      substantiated: fields.substantiated,
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
export const REWARD_GRADE_ZH: Record<string, string> = { first: '一级', second: '二级', third: '三级' };

/** The fields of one step's form; the modal around it submits them. */
export function StepFormFields({
  step,
  category,
  townships,
}: {
  step: string;
  category: string;
  townships: Unit[];
}) {
  const outcome = Form.useWatch<string | undefined>('outcome');
  const person = personOf(category);
  switch (COMPLAINT_STEPS[step]?.form) {
    case 'confirm':
      return <Typography.Paragraph>确定{stepLabel(step, category)}？此步骤将记入台账。</Typography.Paragraph>;
    case 'reason':
      return (
        <Form.Item label="理由" name="reason" rules={[filled('请填写理由')]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'question':
      return (
        <Form.Item label={`问题（${person}凭受理编号和查询密码回答）`} name="question">
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
          <Form.Item label="报复行为" name="kind" rules={[{ required: true, message: '请选择报复行为' }]}>
            <Select options={options(RETALIATION_KIND_ZH)} />
          </Form.Item>
          <Form.Item label="经过" name="description" rules={[filled('请填写经过')]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            label="发生日期"
            name="occurredOn"
            rules={[{ required: true, message: '请填写发生日期' }, caseDateRule('发生日期')]}
          >
            <CaseDateInput />
          </Form.Item>
        </>
      );
    case 'reward':
      return (
        <>
          <Form.Item label="奖励等级" name="grade" rules={[{ required: true, message: '请选择奖励等级' }]}>
            <Select options={options(REWARD_GRADE_ZH)} />
          </Form.Item>
          {/* The reward is a share of it (its tier's floor when there is none): 0 is an answer, empty is not. */}
          <Form.Item
            label="罚没款或涉案货值（元）"
            name="basisFen"
            rules={[{ required: true, message: '请填写罚没款或涉案货值（没有的填 0）' }]}
          >
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
          <Form.Item label="处理结果" name="outcome" rules={[{ required: true, message: '请选择处理结果' }]}>
            <Select options={options(COMPLAINT_OUTCOME_ZH).filter((o) => o.value !== 'refused')} />
          </Form.Item>
          {/* Recorded with every outcome (属实 or 不属实): asked, never assumed. */}
          <Form.Item
            label={category === 'complaint' ? '投诉反映的问题是否查证属实' : '举报线索是否查证属实'}
            name="substantiated"
            rules={[{ required: true, message: '请选择是否属实' }]}
          >
            <Radio.Group
              options={[
                { value: true, label: '是' },
                { value: false, label: '否' },
              ]}
            />
          </Form.Item>
          {outcome === 'risk-item' && (
            <>
              <SubjectFields name={['riskItem', 'business']} townships={townships} />
              <Form.Item
                label="隐患等级"
                name={['riskItem', 'grade']}
                rules={[{ required: true, message: '请选择隐患等级' }]}
              >
                <Select options={options(GRADE_ZH)} />
              </Form.Item>
              <Form.Item label="隐患描述" name={['riskItem', 'description']} rules={[filled('请描述隐患')]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {outcome === 'referral' && (
            <>
              <Form.Item
                label="案件类别"
                name={['referral', 'category']}
                rules={[{ required: true, message: '请选择案件类别' }]}
              >
                <Select options={options(REFERRAL_CATEGORY_ZH)} />
              </Form.Item>
              <Form.Item label="线索摘要" name={['referral', 'summary']} rules={[filled('请填写线索摘要')]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {(outcome === 'merged' || outcome === 'transferred') && (
            <Form.Item
              label={outcome === 'merged' ? '并入案件编号（TJ-/FX-/YS-）' : '移交部门'}
              name="ref"
              rules={[filled(outcome === 'merged' ? '请填写并入的案件编号' : '请填写移交部门')]}
            >
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Form.Item label="理由" name="reason" rules={[filled('请填写理由')]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}
