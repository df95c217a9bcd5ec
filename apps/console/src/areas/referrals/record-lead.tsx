import { Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { type ReferralView } from '../../api/types';
import { ActionSelect } from '../../components/action-select';
import { useFormStep } from '../../components/use-form-step';
import { LEAD_SOURCE_ZH, REFERRAL_CATEGORY_ZH } from '../../format';

interface LeadFields {
  source: string;
  sourceRef: string;
  actionNo: number;
  category: string;
  summary: string;
}

const options = (table: Record<string, string>) =>
  Object.entries(table).map(([value, label]) => ({ value, label }));

/** 登记线索 (POST /referrals): the unit's own criminal lead; its case page opens once recorded. */
export function RecordLeadModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<LeadFields>();
  const { busy, run } = useFormStep(form);
  const navigate = useNavigate();

  const submit = async (fields: LeadFields) => {
    const recorded = await run(
      () => api.step<ReferralView>('/referrals', { ...fields, summary: fields.summary.trim() }),
      '已登记线索',
    );
    if (recorded) {
      onClose();
      void navigate(`/referrals/${recorded.id}`);
    }
  };

  return (
    <Modal
      open={open}
      title="登记涉嫌犯罪线索"
      okText="登记"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<LeadFields>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ source: 'risk-item', category: 'food-drug' }}
        onFinish={(fields) => void submit(fields)}
      >
        <Form.Item label="线索来源" name="source" rules={[{ required: true, message: '请选择线索来源' }]}>
          <Select options={options(LEAD_SOURCE_ZH)} />
        </Form.Item>
        <Form.Item
          label="隐患编号或检查、举报记录编号"
          name="sourceRef"
          rules={[{ required: true, whitespace: true, message: '请填写编号，如 FX-2026-000123' }]}
        >
          <Input maxLength={64} placeholder="FX-2026-000123" />
        </Form.Item>
        <Form.Item label="专项行动" name="actionNo" rules={[{ required: true, message: '请选择专项行动' }]}>
          <ActionSelect />
        </Form.Item>
        <Form.Item label="案件类别" name="category" rules={[{ required: true, message: '请选择案件类别' }]}>
          <Select options={options(REFERRAL_CATEGORY_ZH)} />
        </Form.Item>
        <Form.Item
          label="案情摘要"
          name="summary"
          rules={[{ required: true, whitespace: true, message: '请填写案情摘要' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
