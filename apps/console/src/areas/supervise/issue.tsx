import { Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type CardView } from '../../api/types';
import { filled } from '../../components/filled';
import { useFormStep } from '../../components/use-form-step';
import { UnitSelect } from '../../components/unit-select';

interface DirectiveFields {
  title: string;
  body: string;
  assigneeUnitId: string;
}

interface CardFields {
  unitId: string;
  reason: string;
}

/** 下发督办: a directive (督办通知) to a unit, or a colour card (亮牌) on a lagging unit. */
export default function Issue() {
  const [directiveForm] = Form.useForm<DirectiveFields>();
  const [cardForm] = Form.useForm<CardFields>();
  const directive = useFormStep(directiveForm);
  const card = useFormStep(cardForm);
  const [issued, setIssued] = useState<{ directive?: string; card?: string }>({});

  const issueDirective = async (fields: DirectiveFields) => {
    const answer = await directive.run(
      () => api.step<{ id: string }>('/directives', fields),
      '已下发督办通知',
    );
    if (answer) {
      directiveForm.resetFields();
      setIssued((was) => ({ ...was, directive: answer.id }));
    }
  };
  const raiseCard = async (fields: CardFields) => {
    const answer = await card.run(() => api.step<CardView>('/cards', fields), '已亮牌');
    if (answer) {
      cardForm.resetFields();
      setIssued((was) => ({ ...was, card: answer.id }));
    }
  };

  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card title={<Typography.Title level={4}>下发督办通知</Typography.Title>}>
          <Form<DirectiveFields>
            form={directiveForm}
            layout="vertical"
            onFinish={(f) => void issueDirective(f)}
          >
            <Form.Item
              label="承办单位"
              name="assigneeUnitId"
              rules={[{ required: true, message: '请选择承办单位' }]}
            >
              <UnitSelect aria-label="承办单位" />
            </Form.Item>
            <Form.Item label="标题" name="title" rules={[filled('请填写标题')]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label="督办内容" name="body" rules={[filled('请填写督办内容')]}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={directive.busy}>
              下发
            </Button>
            {issued.directive && (
              <Typography.Paragraph style={{ marginTop: 12 }} role="status">
                已下发督办通知 <Link to={`/directives/${issued.directive}`}>{issued.directive}</Link>
                ，待承办单位签收。
              </Typography.Paragraph>
            )}
          </Form>
        </Card>
      </Col>
      <Col span={10}>
        <Card title={<Typography.Title level={4}>亮牌</Typography.Title>}>
          <Form<CardFields> form={cardForm} layout="vertical" onFinish={(f) => void raiseCard(f)}>
            <Form.Item label="亮牌单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
              <UnitSelect aria-label="亮牌单位" omitKinds={['county_government']} />
            </Form.Item>
            <Form.Item label="亮牌事由" name="reason" rules={[filled('请填写亮牌事由')]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={card.busy}>
              亮牌
            </Button>
            {issued.card && (
              <Typography.Paragraph style={{ marginTop: 12 }} role="status">
                已亮牌 <Link to={`/cards/${issued.card}`}>{issued.card}</Link>
              </Typography.Paragraph>
            )}
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
