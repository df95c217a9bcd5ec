import { Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { type RiskItemView } from '../../api/types';
import { ActionSelect } from '../../components/action-select';
import { CaseDateInput, caseDateRule } from '../../components/case-date';
import { SubjectFields, type SubjectFieldValues } from '../../components/subject-fields';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { GRADE_ZH, SOURCE_ZH } from '../../format';

interface RiskItemFields {
  source: string;
  sourceDate: string;
  actionNo: number;
  business: SubjectFieldValues;
  description: string;
  grade: string;
}

const options = (names: Record<string, string>) =>
  Object.entries(names).map(([value, label]) => ({ value, label }));

/** 登记隐患: the API checks every field; its problems are shown on the fields they name. */
export default function RiskItemForm() {
  const [form] = Form.useForm<RiskItemFields>();
  const { activeUnits } = useUnits();
  const navigate = useNavigate();
  const { busy, run } = useFormStep(form);

  const register = async (fields: RiskItemFields) => {
    const item = await run(() => api.step<RiskItemView>('/risk-items', fields), '已登记');
    if (item) await navigate(`/risk-items/${item.id}`);
  };

  return (
    <Card title={<Typography.Title level={4}>登记隐患</Typography.Title>}>
      <Form<RiskItemFields>
        form={form}
        layout="vertical"
        initialValues={{
          grade: 'general',
          source: 'inspection',
          business: { kind: 'registered-business' },
        }}
        onFinish={(fields) => void register(fields)}
        // The date's bounds are the form's rules, said under the field; the browser's own bubble would hide them.
        noValidate
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="来源" name="source" rules={[{ required: true, message: '请选择来源' }]}>
              <Select options={options(SOURCE_ZH)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="发现日期"
              name="sourceDate"
              rules={[{ required: true, message: '请填写发现日期' }, caseDateRule('发现日期')]}
            >
              <CaseDateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="专项行动"
              name="actionNo"
              rules={[{ required: true, message: '请选择专项行动' }]}
            >
              <ActionSelect />
            </Form.Item>
          </Col>
        </Row>
        <SubjectFields name={['business']} townships={activeUnits.filter((u) => u.kind === 'township')} />
        <Form.Item label="隐患描述" name="description" rules={[{ required: true, message: '请描述隐患' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label="隐患等级" name="grade" rules={[{ required: true }]}>
          <Select options={options(GRADE_ZH)} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          登记
        </Button>
      </Form>
    </Card>
  );
}
