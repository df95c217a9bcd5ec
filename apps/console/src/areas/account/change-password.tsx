import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiProblem } from '../../api/client';
import { useSession } from '../../session';

interface PasswordFields {
  currentPassword: string;
  newPassword: string;
}

/**
 * 修改密码: required at a new account's first sign-in and after an admin reset, before anything else (the
 * API says only that a change is due, not which); the API says why a password is refused.
 */
export default function ChangePassword() {
  const [form] = Form.useForm<PasswordFields>();
  const { person, refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const change = async (fields: PasswordFields) => {
    setBusy(true);
    try {
      await api.post('/auth/password', fields);
      void message.success('密码已修改');
      await refresh();
      await navigate('/', { replace: true });
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.length > 0)
        form.setFields(
          error.errors.map((p) => ({ name: p.path as keyof PasswordFields, errors: [p.message] })),
        );
      else void message.error(error instanceof Error ? error.message : '修改失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<Typography.Title level={4}>修改密码</Typography.Title>} style={{ maxWidth: 480 }}>
      {person?.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="首次登录或密码被管理员重置后，请先设置新密码。"
        />
      )}
      <Form<PasswordFields> form={form} layout="vertical" onFinish={(fields) => void change(fields)}>
        <Form.Item
          label="当前密码"
          name="currentPassword"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码（至少 12 位）"
          name="newPassword"
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          修改
        </Button>
      </Form>
    </Card>
  );
}
