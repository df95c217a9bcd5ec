import { createContext, useContext } from 'react';

/** The console speaks Chinese; English is a switch for the frame (menus, sign-in) and antd's own texts. */
export type Language = 'zh' | 'en';

const LABELS = {
  appName: { zh: '食品安全攻坚督办系统', en: 'Food Safety Campaign Supervision' },
  signIn: { zh: '登录', en: 'Sign in' },
  or: { zh: '或', en: 'or' },
  /** `{name}`: the single sign-on's configured name (OIDC_DISPLAY_NAME). */
  signInWith: { zh: '使用{name}登录', en: 'Sign in with {name}' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  language: { zh: '语言', en: 'Language' },
  myWork: { zh: '我的待办', en: 'My work' },
  registerRiskItem: { zh: '登记隐患', en: 'Register a hazard' },
  riskItemLedger: { zh: '隐患台账', en: 'Hazard ledger' },
  cardBoard: { zh: '亮牌看板', en: 'Card board' },
  referrals: { zh: '行刑衔接', en: 'Referrals' },
  kpiDashboard: { zh: '指标看板', en: 'KPI dashboard' },
  bulletins: { zh: '季度通报', en: 'Bulletins' },
  caseAudit: { zh: '案件审计', en: 'Case audit' },
  people: { zh: '人员管理', en: 'People' },
  units: { zh: '单位', en: 'Units' },
  planVersions: { zh: '工作方案版本', en: 'Plan versions' },
  issue: { zh: '下发督办', en: 'Directives & cards' },
  verificationQueue: { zh: '核查销号', en: 'Verification queue' },
  inbox: { zh: '通知与升级', en: 'Notifications' },
  reportingCycles: { zh: '报送周期', en: 'Reporting cycles' },
  assessment: { zh: '年度考核', en: 'Annual assessment' },
  directives: { zh: '督办通知', en: 'Directives' },
  webhooks: { zh: 'Webhook 管理', en: 'Webhooks' },
  complaints: { zh: '投诉举报', en: 'Complaints & reports' },
} as const;

export type LabelKey = keyof typeof LABELS;

export const LanguageContext = createContext<{ language: Language; setLanguage: (l: Language) => void }>({
  language: 'zh',
  setLanguage: () => undefined,
});

export function useLabels(): (key: LabelKey) => string {
  const { language } = useContext(LanguageContext);
  return (key) => LABELS[key][language];
}
