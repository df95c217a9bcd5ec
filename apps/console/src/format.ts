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
