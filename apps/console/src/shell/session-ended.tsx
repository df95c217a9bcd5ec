import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiProblem } from '../api/client';
import { lockoutRuleZh } from '../api/problem-zh';
import { type SignInMethods } from '../api/types';
import { useApi } from '../components/use-api';
import { usePerson, useSession, type SessionEnd } from '../session';

const WHY_ZH: Record<SessionEnd, string> = {
  idle: '您已较长时间未操作，登录已超时。',
  lifetime: '本次登录已达到最长时限。',
  ended: '本次登录已结束（可能已在其他窗口退出登录）。',
};

/**
 * 401 on sign-in says only that the password was wrong, and the lockout rule; a lock (429) or a stopped
 * account explains itself.
 */
function signInAgainProblem(error: unknown): string {
  if (error instanceof ApiProblem && error.code === 'auth.sign-in-failed')
    return ['密码不正确', lockoutRuleZh(error.body)].filter(Boolean).join('。');
  if (error instanceof ApiProblem) return error.message;
  return '登录失败，请稍后再试';
}

/**
 * Over the open page when the person's session ends: they sign in again and go on with what they had
 * typed (a step refused meanwhile is sent again by pressing its button), or leave for another account.
 */
export function SessionEndedDialog() {
  const person = usePerson();
  const { ended, signInAgain, signOut, refresh } = useSession();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  // Asked only once the dialog is needed; public, so it answers while the session is gone.
  const singleSignOn = useApi<SignInMethods>(ended ? '/auth/methods' : null).data?.singleSignOn;

  const attempt = async (work: () => Promise<string | undefined>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      setProblem(await work());
    } catch (error) {
      setProblem(signInAgainProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const withPassword = ({ password }: { password: string }) =>
    attempt(async () => {
      await signInAgain(password);
      form.resetFields();
      return undefined;
    });
  const fromElsewhere = () =>
    attempt(async () => ((await refresh()) ? undefined : '尚未重新登录：请输入密码，或先在其他窗口登录'));

  return (
    <Modal
      open={ended !== undefined}
      title="请重新登录"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {ended && WHY_ZH[ended]}
        本页已填写的内容仍然保留：重新登录后，请再次点击刚才的按钮提交。
      </Typography.Paragraph>
      {problem && <Alert type="error" title={problem} showIcon role="alert" style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void withPassword(values)}
      >
        <Form.Item label="用户">
          {person.displayName}（{person.username}）
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            重新登录
          </Button>
          {singleSignOn && (
            // A new tab, so this page and its form stay; the person comes back and presses 继续.
            <Button href="/auth/oidc/start" target="_blank" rel="noopener">
              在新窗口使用{singleSignOn.label}登录
            </Button>
          )}
          <Button onClick={() => void fromElsewhere()} disabled={busy}>
            已在其他窗口登录，继续（如登录的是其他账号，本页内容不保留）
          </Button>
          <Button type="link" onClick={() => void signOut()} disabled={busy}>
            换用其他账号登录（放弃本页内容）
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
