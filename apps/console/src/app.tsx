import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Loading } from './components/loading';
import { LanguageContext, type Language } from './i18n';
import { SessionProvider, useSession } from './session';

// Each area is its own chunk: the sign-in page loads none of the others (decision 0021).
const SignInPage = lazy(() => import('./pages/sign-in'));
const Shell = lazy(() => import('./shell/shell'));
// The public pages (举报投诉) need no account: outside the session, they never ask who is signed in.
const PublicReportPage = lazy(() => import('./pages/public/report'));
const PublicFollowUpPage = lazy(() => import('./pages/public/follow-up'));

const LANGUAGE_KEY = 'duban.language';

function RequireSession() {
  const { person } = useSession();
  const location = useLocation();
  if (person === undefined) return <Loading />;
  if (person === null) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <Shell />;
}

/** Everything else: the sign-in page and the shell, under the session. */
const SignedIn = () => (
  <SessionProvider>
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/*" element={<RequireSession />} />
    </Routes>
  </SessionProvider>
);

export function App({ nonce }: { nonce: string | undefined }) {
  const [language, setLanguageState] = useState<Language>(() =>
    localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh',
  );
  const languageContext = useMemo(
    () => ({
      language,
      setLanguage: (next: Language) => {
        localStorage.setItem(LANGUAGE_KEY, next);
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
        setLanguageState(next);
      },
    }),
    [language],
  );
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      csp={{ nonce }}
      theme={{ token: { borderRadius: 4 } }}
      // A click beside a dialog does not close it: most dialogs hold a reason or a form being typed.
      modal={{ mask: { closable: false } }}
    >
      <AntApp>
        <LanguageContext.Provider value={languageContext}>
          <BrowserRouter basename="/console">
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/public/report" element={<PublicReportPage />} />
                <Route path="/public/follow-up" element={<PublicFollowUpPage />} />
                <Route path="/*" element={<SignedIn />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </LanguageContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
