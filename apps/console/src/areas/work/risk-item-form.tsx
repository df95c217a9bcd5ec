import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { type RiskItemView } from '../../api/types';
import { useFormStep } from '../../components/use-form-step';
import { useUnits } from '../../components/use-units';
import { beijingToday, GRADE_ZH, SOURCE_ZH } from '../../format';

interface RiskItemFields {
  source: string;
  sourceDate: string;
  actionNo: number;
  business: { name: string; creditCode: string; address: string; townshipId: string };
  description: string;
  grade: string;
}

// Said here before the API would say it; the API stays the authority (its check character, its today).
const NOT_IN_THE_FUTURE = {
  validator: (_: unknown, day: string | undefined) =>
    day && day > beijingToday() ? Promise.reject(new Error('发现日期不能晚于今天')) : Promise.resolve(),
};
const CREDIT_CODE_LENGTH = { len: 18, message: '统一社会信用代码应为 18 位' };

const options = (names: Record<string, string>) =>
  Object.entries(names).map(([value, label]) => ({ value, label }));

/** 登记隐患: the API checks every field; its problems are shown on the fields they name. */
export default function RiskItemForm() {
  const [form] = Form.useForm<RiskItemFields>();
  const { units } = useUnits();
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
        initialValues={{ grade: 'general', source: 'inspection' }}
        onFinish={(fields) => void register(fields)}
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
              rules={[{ required: true, message: '请填写发现日期' }, NOT_IN_THE_FUTURE]}
            >
              <Input type="date" max={beijingToday()} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="专项行动（1–12）"
              name="actionNo"
              rules={[{ required: true, message: '请填写专项行动' }]}
            >
              <InputNumber min={1} max={12} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="经营主体名称"
              name={['business', 'name']}
              rules={[{ required: true, message: '请填写名称' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="统一社会信用代码"
              name={['business', 'creditCode']}
              rules={[{ required: true, message: '请填写统一社会信用代码' }, CREDIT_CODE_LENGTH]}
            >
              <Input maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="地址"
              name={['business', 'address']}
              rules={[{ required: true, message: '请填写地址' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="所在乡镇（街道）"
              name={['business', 'townshipId']}
              rules={[{ required: true, message: '请选择乡镇' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={units
                  .filter((u) => u.kind === 'township')
                  .map((u) => ({ value: u.id, label: u.nameZh }))}
              />
            </Form.Item>
          </Col>
        </Row>
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
