import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useFormStep } from '../../components/use-form-step';
import { useSession } from '../../session';

interface PasswordFields {
  currentPassword: string;
  newPassword: string;
  /** The page's own check of a mistyped new password; never sent. */
  repeatedPassword: string;
}

/**
 * 修改密码: required at a new account's first sign-in and after an admin reset, before anything else (the
 * API says only that a change is due, not which); the API says why a password is refused.
 */
export default function ChangePassword() {
  const [form] = Form.useForm<PasswordFields>();
  const { person, refresh } = useSession();
  const navigate = useNavigate();
  const { busy, run } = useFormStep(form);

  const change = async ({ currentPassword, newPassword }: PasswordFields) => {
    const changed = await run(async () => {
      await api.post('/auth/password', { currentPassword, newPassword });
      return true;
    }, '密码已修改');
    if (!changed) return;
    await refresh();
    await navigate('/', { replace: true });
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
        <Form.Item
          label="再次输入新密码"
          name="repeatedPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
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
