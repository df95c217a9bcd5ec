import { Alert, Button, Card, Divider, Form, Input, Select, Typography } from 'antd';
import { useContext, useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiProblem, withQuery } from '../api/client';
import { problemTextZh } from '../api/problem-zh';
import { type SignInMethods } from '../api/types';
import { LanguageContext, useLabels, type Language } from '../i18n';
import { useSession } from '../session';

interface Credentials {
  username: string;
  password: string;
}

const SIGN_IN_FAILED = '登录失败，请稍后再试';

/**
 * 401 says nothing about which of the two was wrong, only the lockout rule (auth.sign-in-failed's own
 * words); 429 (locked) explains itself.
 */
function signInProblem(error: unknown): string {
  if (error instanceof ApiProblem && error.status === 401)
    return error.code === 'auth.sign-in-failed' ? error.message : '用户名或密码不正确';
  if (error instanceof ApiProblem && error.status === 429) return error.message;
  return SIGN_IN_FAILED;
}

/**
 * Why single sign-on sent the browser back here (`?problem=auth.oidc-failed`, a code only). Anyone can
 * put text in a link, so only single sign-on's own codes are said, in Chinese; anything else is not
 * repeated, only that signing in failed.
 */
function singleSignOnProblem(code: string | null): string | undefined {
  if (code === null) return undefined;
  return code.startsWith('auth.oidc-') ? problemTextZh(code, SIGN_IN_FAILED) : SIGN_IN_FAILED;
}

export default function SignInPage() {
  const { person, signIn } = useSession();
  const { language, setLanguage } = useContext(LanguageContext);
  const label = useLabels();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [searchParams] = useSearchParams();
  const [problem, setProblem] = useState(() => singleSignOnProblem(searchParams.get('problem')));
  const [busy, setBusy] = useState(false);
  const [singleSignOn, setSingleSignOn] = useState<SignInMethods['singleSignOn']>(null);

  useEffect(() => {
    // Without an answer the page offers what always works: username and password.
    api.get<SignInMethods>('/auth/methods').then(
      (methods) => setSingleSignOn(methods.singleSignOn),
      () => undefined,
    );
  }, []);

  if (person) return <Navigate to={from} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const { mustChangePassword } = await signIn(username, password);
      await navigate(mustChangePassword ? '/password' : from, { replace: true });
    } catch (error) {
      setProblem(signInProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <Card title={<Typography.Title level={4}>{label('appName')}</Typography.Title>}>
        {problem && <Alert type="error" title={problem} showIcon role="alert" style={{ marginBottom: 16 }} />}
        <Form<Credentials> layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item
            label={label('username')}
            name="username"
            rules={[{ required: true, message: '请输入用户名' }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={label('password')}
            name="password"
            rules={[{ required: true, message: '请输入密码' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {label('signIn')}
          </Button>
        </Form>
        {singleSignOn && (
          <>
            <Divider plain>{label('or')}</Divider>
            {/* The whole page goes to the provider (and back); the API brings the person back to `from`. */}
            <Button block href={withQuery('/auth/oidc/start', { returnTo: from })}>
              {label('signInWith').replace('{name}', singleSignOn.label)}
            </Button>
          </>
        )}
        <Form.Item label={label('language')} style={{ marginTop: 16, marginBottom: 0 }}>
          <Select<Language>
            aria-label={label('language')}
            value={language}
            onChange={setLanguage}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <p style={{ marginTop: 16, marginBottom: 0 }}>
          群众举报投诉无需登录：<Link to="/public/report">举报投诉</Link> ·{' '}
          <Link to="/public/follow-up">查询办理进度</Link>
        </p>
      </Card>
    </main>
  );
}
