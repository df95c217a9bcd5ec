// Times are shown as the campaign keeps them: Beijing time, in Chinese.
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const BEIJING_DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

export const beijingTime = (iso: string | null | undefined) => (iso ? BEIJING.format(new Date(iso)) : '—');
/** 2023年4月20日 */
export const beijingDate = (iso: string | null | undefined) =>
  iso ? BEIJING_DATE.format(new Date(iso)) : '—';

const HOUR = 3_600_000;

/** "3天5小时" for a span of time. */
export function spanZh(ms: number): string {
  const hours = Math.floor(Math.abs(ms) / HOUR);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days === 0) return rest === 0 ? '不足1小时' : `${rest}小时`;
  return rest === 0 ? `${days}天` : `${days}天${rest}小时`;
}

/** How a due time stands against now: overdue (and by how long) or the time left. */
export function dueStanding(
  dueAt: string | null | undefined,
  now: number,
): { overdue: boolean; text: string } {
  if (!dueAt) return { overdue: false, text: '未定' };
  const left = new Date(dueAt).getTime() - now;
  return left < 0
    ? { overdue: true, text: `已超期 ${spanZh(left)}` }
    : { overdue: false, text: `剩余 ${spanZh(left)}` };
}

export const RISK_STATUS_ZH: Record<string, string> = {
  registered: '已登记',
  assigned: '已交办',
  rectifying: '整改中',
  submitted: '待核查',
  suspended: '已中止',
  closed: '已销号',
  cancelled: '已撤销',
};

export const GRADE_ZH: Record<string, string> = { general: '一般', major: '较大', critical: '重大' };

export const SOURCE_ZH: Record<string, string> = {
  inspection: '监督检查',
  sampling: '抽检',
  complaint: '投诉举报',
  whistleblower: '内部吹哨',
  monitoring: '风险监测',
  media: '舆情',
  'higher-level': '上级交办',
};

export const COLOUR_ZH: Record<string, string> = { yellow: '黄牌', orange: '橙牌', red: '红牌' };

export const ROLE_ZH: Record<string, string> = {
  handler: '经办人',
  unit_head: '单位负责人',
  supervisor: '督办员',
  leader: '县领导',
  police_liaison: '公安联络员',
  auditor: '审计员',
  admin: '系统管理员',
};

export const DIRECTIVE_STATUS_ZH: Record<string, string> = { issued: '待签收', acknowledged: '已签收' };

export const REPORT_STATUS_ZH: Record<string, string> = {
  open: '待报送',
  missed: '已逾期',
  submitted: '已报送',
};

/** What a notification (and so a webhook delivery) is about. */
export const NOTIFICATION_KIND_ZH: Record<string, string> = {
  assigned: '交办',
  reminder: '提醒',
  overdue: '逾期',
  'verification-due': '待核查',
  returned: '退回',
  closed: '办结',
  escalation: '升级',
};
/** 投诉举报 as the case workers name its states, outcomes and reward stages. */
export const COMPLAINT_STATUS_ZH: Record<string, string> = {
  received: '待受理/核查',
  accepted: '已受理',
  decided: '已决定，待告知',
  concluded: '已办结',
  closed: '已关闭',
};

export const COMPLAINT_OUTCOME_ZH: Record<string, string> = {
  'risk-item': '立为风险隐患',
  referral: '移送公安（涉嫌犯罪线索）',
  merged: '并案办理',
  transferred: '移交有管辖权的部门',
  closed: '核查后办结',
  refused: '不予受理',
};

export const REWARD_STATUS_ZH: Record<string, string> = {
  proposed: '已拟定，待批准',
  approved: '已批准，待申领',
  claimed: '已申领，待发放',
  paid: '已发放',
};

/** Money kept in fen, shown in yuan: ¥6,000.00 */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;
