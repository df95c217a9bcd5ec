import { App, Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { lazy, Suspense, useContext, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { onStepRetry } from '../api/client';
import { type Role } from '../api/types';
import { Loading } from '../components/loading';
import { PeopleProvider } from '../components/use-people';
import { ROLE_ZH } from '../format';
import { LanguageContext, useLabels, type LabelKey, type Language } from '../i18n';
import { usePerson, useSession } from '../session';
import { SessionEndedDialog } from './session-ended';

// One chunk per page: a handler never downloads the auditor's code.
const MyWork = lazy(() => import('../areas/work/my-work'));
const RiskItemForm = lazy(() => import('../areas/work/risk-item-form'));
const RiskItemLedger = lazy(() => import('../areas/work/risk-item-ledger'));
const RiskItemCase = lazy(() => import('../areas/work/risk-item-case'));
const CardBoard = lazy(() => import('../areas/supervise/card-board'));
const ReferralTracker = lazy(() => import('../areas/supervise/referral-tracker'));
const ReferralCase = lazy(() => import('../areas/referrals/referral-case'));
const KpiDashboard = lazy(() => import('../areas/lead/kpi-dashboard'));
const Bulletins = lazy(() => import('../areas/lead/bulletins'));
const CaseAudit = lazy(() => import('../areas/audit/case-audit'));
const People = lazy(() => import('../areas/admin/people'));
const Units = lazy(() => import('../areas/admin/units'));
const ChangePassword = lazy(() => import('../areas/account/change-password'));
const PlanVersions = lazy(() => import('../areas/admin/plan-versions'));
const ReportRequestPage = lazy(() => import('../areas/work/report-request'));
const CardCase = lazy(() => import('../areas/work/card-case'));
const Issue = lazy(() => import('../areas/supervise/issue'));
const VerificationQueue = lazy(() => import('../areas/supervise/verification-queue'));
const Inbox = lazy(() => import('../areas/supervise/inbox'));
const ReportingCycles = lazy(() => import('../areas/supervise/reporting-cycles'));
const Assessment = lazy(() => import('../areas/lead/assessment'));
const RiskItemNotice = lazy(() => import('../print/risk-item-notice'));
const CardNotice = lazy(() => import('../print/card-notice'));
const Directives = lazy(() => import('../areas/supervise/directives'));
const DirectiveCase = lazy(() => import('../areas/work/directive-case'));
const Webhooks = lazy(() => import('../areas/admin/webhooks'));
const ComplaintList = lazy(() => import('../areas/complaints/complaint-list'));
const ComplaintCase = lazy(() => import('../areas/complaints/complaint-case'));

interface Area {
  path: string;
  label: LabelKey;
  roles: Role[];
}

const CASE_WORKERS: Role[] = ['handler', 'unit_head', 'supervisor'];

/** The menu: each role sees the areas where its work is; the first is its home. */
const AREAS: Area[] = [
  { path: '/work', label: 'myWork', roles: CASE_WORKERS },
  { path: '/risk-items/new', label: 'registerRiskItem', roles: CASE_WORKERS },
  { path: '/risk-items', label: 'riskItemLedger', roles: [...CASE_WORKERS, 'leader', 'auditor', 'admin'] },
  { path: '/verification', label: 'verificationQueue', roles: ['supervisor'] },
  { path: '/issue', label: 'issue', roles: ['supervisor', 'admin'] },
  { path: '/directives', label: 'directives', roles: ['supervisor', 'admin', 'leader', 'auditor'] },
  { path: '/cards', label: 'cardBoard', roles: ['supervisor', 'leader', 'handler', 'unit_head'] },
  // Handlers take the unit's steps (transfer, completion, handover); auditors record findings on refusals.
  {
    path: '/referrals',
    label: 'referrals',
    roles: ['supervisor', 'leader', 'police_liaison', 'unit_head', 'handler', 'auditor'],
  },
  { path: '/dashboard', label: 'kpiDashboard', roles: ['leader', 'supervisor'] },
  // Unit staff read their own unit's score and why it lost points.
  {
    path: '/assessment',
    label: 'assessment',
    roles: ['leader', 'supervisor', 'auditor', 'admin', 'handler', 'unit_head'],
  },
  { path: '/reporting', label: 'reportingCycles', roles: ['supervisor', 'admin'] },
  // Unit staff read the published ones: their unit's part and the ranking.
  {
    path: '/bulletins',
    label: 'bulletins',
    roles: ['leader', 'supervisor', 'auditor', 'admin', 'handler', 'unit_head'],
  },
  // Every role: notices find auditors (an identity revealed) and administrators too.
  {
    path: '/inbox',
    label: 'inbox',
    roles: ['handler', 'unit_head', 'supervisor', 'leader', 'police_liaison', 'auditor', 'admin'],
  },
  { path: '/audit', label: 'caseAudit', roles: ['auditor'] },
  {
    path: '/complaints',
    label: 'complaints',
    roles: ['handler', 'unit_head', 'supervisor', 'leader', 'auditor', 'admin'],
  },
  { path: '/admin/people', label: 'people', roles: ['admin'] },
  { path: '/admin/units', label: 'units', roles: ['admin'] },
  { path: '/admin/plan', label: 'planVersions', roles: ['admin'] },
  { path: '/admin/webhooks', label: 'webhooks', roles: ['admin'] },
];

const HOME_FIRST: Partial<Record<Role, string>> = {
  leader: '/dashboard',
  auditor: '/audit',
  admin: '/admin/people',
  police_liaison: '/referrals',
};

export default function Shell() {
  const person = usePerson();
  const { signOut } = useSession();
  const { language, setLanguage } = useContext(LanguageContext);
  const label = useLabels();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  useEffect(
    () =>
      onStepRetry((retry, of) => {
        void message.loading({
          key: 'step-retry',
          content: `系统繁忙，正在等待办理结果（第 ${retry}/${of} 次重新查询）…`,
        });
      }),
    [message],
  );
  const areas = AREAS.filter((area) => area.roles.includes(person.role));
  const home = HOME_FIRST[person.role] ?? areas[0]?.path ?? '/work';
  const selected = [...areas]
    .sort((a, b) => b.path.length - a.path.length)
    .find((a) => location.pathname.startsWith(a.path));

  // After an admin reset the API refuses everything else until a new password is set.
  if (person.mustChangePassword && location.pathname !== '/password')
    return <Navigate to="/password" replace />;

  return (
    <PeopleProvider>
      <SessionEndedDialog />
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="shell-header">
          <span className="title">{label('appName')}</span>
          <Space>
            <Typography.Text style={{ color: '#fff' }}>
              {person.displayName} · {ROLE_ZH[person.role]} · {person.unitName}
            </Typography.Text>
            <Select<Language>
              aria-label={label('language')}
              size="small"
              value={language}
              onChange={setLanguage}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Button size="small" onClick={() => void navigate('/password')}>
              {label('changePassword')}
            </Button>
            <Button size="small" onClick={() => void signOut()}>
              {label('signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={180} theme="light" breakpoint="lg" collapsedWidth={0}>
            <nav aria-label="主菜单">
              <Menu
                mode="inline"
                selectedKeys={selected ? [selected.path] : []}
                items={areas.map((area) => ({ key: area.path, label: label(area.label) }))}
                onClick={({ key }) => void navigate(key)}
              />
            </nav>
          </Layout.Sider>
          <Layout.Content className="shell-content">
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Navigate to={home} replace />} />
                <Route path="/password" element={<ChangePassword />} />
                <Route path="/admin/people" element={<People />} />
                <Route path="/work" element={<MyWork />} />
                <Route path="/risk-items/new" element={<RiskItemForm />} />
                <Route path="/risk-items" element={<RiskItemLedger />} />
                <Route path="/risk-items/:id" element={<RiskItemCase />} />
                <Route path="/cards" element={<CardBoard />} />
                <Route path="/cards/:id" element={<CardCase />} />
                <Route path="/report-requests/:id" element={<ReportRequestPage />} />
                <Route path="/issue" element={<Issue />} />
                <Route path="/verification" element={<VerificationQueue />} />
                <Route path="/inbox" element={<Inbox />} />
                <Route path="/reporting" element={<ReportingCycles />} />
                <Route path="/assessment" element={<Assessment />} />
                <Route path="/referrals" element={<ReferralTracker />} />
                <Route path="/referrals/:id" element={<ReferralCase />} />
                <Route path="/dashboard" element={<KpiDashboard />} />
                <Route path="/bulletins" element={<Bulletins />} />
                <Route path="/audit" element={<CaseAudit />} />
                <Route path="/admin/units" element={<Units />} />
                <Route path="/admin/plan" element={<PlanVersions />} />
                <Route path="/print/risk-items/:id" element={<RiskItemNotice />} />
                <Route path="/print/cards/:id" element={<CardNotice />} />
                <Route path="/directives" element={<Directives />} />
                <Route path="/directives/:id" element={<DirectiveCase />} />
                <Route path="/admin/webhooks" element={<Webhooks />} />
                <Route path="/complaints" element={<ComplaintList />} />
                <Route path="/complaints/:id" element={<ComplaintCase />} />
                <Route path="*" element={<Navigate to={home} replace />} />
              </Routes>
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </PeopleProvider>
  );
}
