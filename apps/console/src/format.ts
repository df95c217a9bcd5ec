import { type Dayjs } from 'dayjs';
import {
  type FilingApproval,
  type ProcuratorateEvent,
  type ReferralOutcome,
  type ReferralState,
  type SupervisionGround,
} from '../../../libs/contracts/src/referral.contracts.js';
import { type RiskItemStep } from '../../../libs/contracts/src/risk-item.contracts.js';
import {
  type HazardSubject,
  type SubjectIdentifier,
  type SubjectKind,
} from '../../../libs/contracts/src/subject.contracts.js';

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
/** A wall-clock time picked as Beijing time (whatever the browser's own zone), as the API's instant. */
export const beijingInstant = (picked: Dayjs) => `${picked.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
/** An ISO 8601 instant with its offset, as the engine writes one into a text (a re-plan's rule). */
const INSTANT_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;
/**
 * A text from the engine with every instant in it read in Beijing time: a supervisor's re-plan is
 * recorded as "重新确定期限：2026-12-20T17:00:00+08:00（…）" and shown as "2026/12/20 17:00（…）".
 */
export const readableInstants = (text: string) => text.replace(INSTANT_IN_TEXT, (iso) => beijingTime(iso));
/** 2023年4月20日 */
export const beijingDate = (iso: string | null | undefined) =>
  iso ? BEIJING_DATE.format(new Date(iso)) : '—';

/** A quarter as the bulletins name it: `2022-Q3` → 2022 年第三季度 (anything else as it is). */
export function quarterZh(quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return match ? `${match[1]} 年第${'一二三四'[Number(match[2]) - 1]}季度` : quarter;
}

const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
/** Today in Beijing as the API's dates are written: 2026-05-01. */
export const beijingToday = () => BEIJING_DAY.format(new Date());

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

/** Where a card stands, in the words of its steps (摘牌, 撤销亮牌, 移送问责). */
export const CARD_STATUS_ZH: Record<string, string> = {
  open: '督办中',
  lifted: '已摘牌',
  withdrawn: '已撤销亮牌',
  'accountability-referred': '已移送问责',
};

/** What a card is about (the contract's CardSubjectType), by its type. */
export const CARD_SUBJECT_ZH: Record<string, string> = {
  'overdue-risk-item': '隐患整改逾期',
  'missed-report': '逾期未报送',
  'lagging-indicator': '指标滞后',
  'stalled-referral': '移送案件办理停滞',
  'overdue-complaint': '投诉举报办理逾期',
  'whistleblower-retaliation': '打击报复举报人',
  manual: '人工亮牌',
};

/**
 * A card's subject in words: its type, then the case or record it is about. A manual card's id is
 * generated (a UUID) and means nothing to a reader, so it is left out.
 */
export const cardSubjectZh = (subject: { type: string; id: string }) =>
  subject.type === 'manual'
    ? CARD_SUBJECT_ZH.manual
    : `${CARD_SUBJECT_ZH[subject.type] ?? subject.type} ${subject.id}`;

export const ROLE_ZH: Record<string, string> = {
  handler: '经办人',
  unit_head: '单位负责人',
  supervisor: '督办员',
  leader: '县领导',
  police_liaison: '公安联络员',
  auditor: '审计员',
  admin: '系统管理员',
};

export {
  UNIT_IMPORT_COLUMNS,
  UNIT_KIND_RETIREMENT_ZH,
  UNIT_KIND_ZH,
} from '../../../libs/contracts/src/identity.js';

/** What a new unit's code may be (NEW_UNIT_ID_PATTERN), as the unit form, the import's help and a refusal say it. */
export const NEW_UNIT_CODE_ZH =
  '小写字母、数字和短横线（最多 64 位，须以字母或数字开头和结尾），如 township-xiaodong';

/** Who took a step that no person of a unit took: the public reporter, the engine's own clocks. */
const NON_PERSON_ACTOR_ZH: Record<string, string> = { reporter: '举报人', system: '系统（自动）' };

/**
 * Who took a step, as a timeline says it: 经办人 王明（市场监管局）, role and unit as they were then, the
 * name from the staff directory (`personName`: the id when it has none); the reporter just 举报人.
 */
export function actorZh(
  actor: { userId: string; role: string; unitId: string },
  unitName: (unitId: string) => string,
  personName: (userId: string) => string,
): string {
  const nonPerson = NON_PERSON_ACTOR_ZH[actor.role];
  return (
    nonPerson ??
    `${ROLE_ZH[actor.role] ?? actor.role} ${personName(actor.userId)}（${unitName(actor.unitId)}）`
  );
}

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

/** 行刑衔接: where a referral stands. */
export const REFERRAL_STATUS_ZH: Record<string, string> = {
  'lead-recorded': '已登记线索',
  'team-formed': '已组成专案组',
  'awaiting-decision': '待负责人审批',
  approved: '已批准移送',
  transferred: '已移送公安机关',
  received: '公安机关已接受',
  incomplete: '材料待补正',
  decided: '公安机关已决定，待书面通知',
  filed: '已立案',
  'not-filed': '不予立案',
  reconsideration: '复议中',
  'reconsideration-maintained': '复议维持不立案',
  supervision: '立案监督中',
  'explanation-due': '待公安机关说明理由',
  explained: '公安机关已说明理由',
  'filing-ordered': '检察院已通知立案',
  'handed-over': '已移交涉案物品',
  'returned-for-penalty': '退回行政处罚',
  refused: '不予移送',
  closed: '已办结',
};

/** 行刑衔接: each statutory clock by the step it waits for (the rule itself comes with the clock, in zh). */
export const REFERRAL_CLOCK_ZH: Record<string, string> = {
  'form-team': '组成专案组',
  decision: '审批是否移送',
  transfer: '移送公安机关',
  receipt: '公安机关签收',
  'incomplete-notice': '通知材料不全',
  completion: '补正材料',
  'filing-decision': '立案审查',
  'filing-decision-food-drug': '立案审查（食品药品案件）',
  'filing-decision-major': '立案审查（重大、跨区域案件）',
  'filing-decision-extension': '立案审查再延长',
  'decision-notice': '书面通知移送机关',
  'reconsideration-request': '提请复议',
  'reconsideration-decision': '复议决定',
  'supervision-request': '建请立案监督',
  'police-explanation': '说明不立案理由',
  'filing-after-order': '通知立案后立案',
  handover: '移交涉案物品',
};

/** 行刑衔接: each kind of document a step carries (the transfer dossier's checklist among them). */
export const REFERRAL_DOCUMENT_ZH: Record<string, string> = {
  'transfer-letter': '涉嫌犯罪案件移送书',
  'investigation-report': '涉嫌犯罪案件调查报告',
  'seized-items-list': '涉案物品清单',
  'test-reports': '检验报告或鉴定意见',
  'other-materials': '其他有关材料',
  'procuratorate-copy': '抄送检察院的移送书副本',
  'written-report': '书面报告',
  receipt: '接受回执',
  notice: '书面通知',
  supplement: '补正材料',
  'request-letter': '复议或立案监督申请书',
  approval: '延长审批文书',
  'procuratorate-document': '检察院（法院）文书',
  explanation: '不立案理由说明书',
  'handover-list': '移交清单',
  'penalty-decision': '行政处罚决定书',
  'supervisory-transfer-letter': '移送监察机关函',
  finding: '审查意见',
};

/** 行刑衔接: how a referral ended. */
export const REFERRAL_OUTCOME_ZH: Record<ReferralOutcome, string> = {
  'refused-by-head': '负责人决定不予移送',
  'filed-handed-over': '已立案并移交涉案物品',
  'non-filing-accepted': '移送机关接受不立案决定',
  'non-filing-upheld-by-procuratorate': '检察院认为不立案理由成立',
  'criminal-case-concluded': '刑事案件已审结',
  'returned-penalty-decided': '退回后行政处理完毕',
};

/** 行刑衔接: the approval a longer filing period needs, in its order. */
export const FILING_APPROVAL_ZH: Record<FilingApproval['level'], string> = {
  'county-police-head': '县级公安机关负责人批准',
  'higher-police': '上一级公安机关批准',
};

/** 行刑衔接: the police's reconsideration decision. */
export const RECONSIDERATION_DECISION_ZH: Record<
  NonNullable<NonNullable<ReferralState['reconsideration']>['decision']>,
  string
> = {
  file: '撤销原决定，立案',
  maintain: '维持不予立案',
};

/** 行刑衔接: why the unit asked the procuratorate for filing supervision. */
export const SUPERVISION_GROUND_ZH: Record<SupervisionGround, string> = {
  'non-filing': '公安机关不予立案',
  'reconsideration-maintained': '复议维持不予立案',
  'filing-overdue': '公安机关逾期未作立案决定',
};

/** 行刑衔接: the procuratorate's written acts, as the unit's head records them. */
export const PROCURATORATE_EVENT_ZH: Record<ProcuratorateEvent, string> = {
  'explanation-requested': '要求公安机关说明不立案理由',
  'filing-ordered': '通知公安机关立案',
  'reasons-accepted': '认为不立案理由成立',
};

/** 行刑衔接: how the criminal case went after the handover. */
export const CRIMINAL_OUTCOME_ZH: Record<NonNullable<ReferralState['criminalOutcome']>['outcome'], string> = {
  withdrawn: '公安机关撤销案件',
  'not-prosecuted': '检察院决定不起诉',
  concluded: '刑事案件审结',
};

/** 行刑衔接: whose finding it is that a refusal was unfounded. */
export const REFUSAL_FINDER_ZH: Record<
  NonNullable<ReferralState['refusalFindings']>[number]['foundBy'],
  string
> = {
  auditor: '审计发现',
  procuratorate: '检察院认定',
};

/** 行刑衔接: the two filing periods and where a lead came from. */
export const REFERRAL_CATEGORY_ZH: Record<string, string> = {
  general: '一般案件',
  'food-drug': '食品药品案件',
};
export const LEAD_SOURCE_ZH: Record<string, string> = {
  'risk-item': '风险隐患',
  inspection: '监督检查',
  report: '投诉举报',
};

/** 投诉举报: each statutory clock. */
export const COMPLAINT_CLOCK_ZH: Record<string, string> = {
  acceptance: '受理期限',
  verification: '核查期限',
  'verification-extended': '延长后的核查期限',
  'outcome-notice': '告知举报人期限',
};

/**
 * A risk item's human steps, as its buttons and its timeline say them. Keyed by every step, so a step
 * the API gains is a compile error here rather than a button silently missing.
 */
export const RISK_ITEM_STEP_ZH: Record<`${RiskItemStep}`, string> = {
  assign: '交办',
  'start-rectification': '开始整改',
  'submit-rectification': '提交整改',
  accept: '核查通过（销号）',
  reject: '核查不通过（退回）',
  suspend: '中止',
  resume: '恢复',
  cancel: '撤销',
  replan: '重新确定期限',
  'mark-criminal-threshold': '达到移送标准（涉嫌犯罪）',
};

/**
 * Every step a workflow writes to a case's ledger, by case type (the workflow id's first part): the
 * steps people take, as their buttons say them, and those the clocks take.
 */
export const STEP_ZH: Record<string, Record<string, string>> = {
  'risk-item': {
    register: '登记',
    reopen: '重新打开',
    ...RISK_ITEM_STEP_ZH,
    reminder: '整改期限提醒',
    overdue: '整改逾期',
    'verification-overdue': '核查逾期',
    'referral-recorded': '已移送公安机关',
    'referral-refused': '不予移送',
  },
  card: {
    raise: '亮牌',
    join: '并入新的亮牌事由',
    escalate: '升级',
    'subject-resolved': '所涉事项已办结',
    respond: '提交回应',
    lift: '摘牌',
    withdraw: '撤销亮牌',
    'record-summons': '记录约谈',
    'refer-accountability': '移送问责',
  },
  directive: { issue: '下发', acknowledge: '签收' },
  'report-request': {
    open: '发起报送',
    reminder: '报送提醒',
    missed: '逾期未报',
    submit: '报送',
    'submit-late': '逾期补报',
  },
  complaint: {
    receive: '收到投诉举报',
    accept: '受理',
    refuse: '不予受理',
    'extend-verification': '延长核查期限',
    ask: '向举报人提问',
    answer: '举报人回答',
    decide: '作出处理决定',
    'inform-reporter': '记录已告知举报人',
    'propose-reward': '拟定举报奖励',
    'approve-reward': '批准奖励',
    'claim-reward': '举报人申领奖励',
    'record-payout': '记录奖励发放',
    close: '关闭案件',
    'request-reveal': '申请揭示身份',
    'approve-reveal': '批准揭示身份',
    reveal: '揭示身份',
    'record-retaliation': '记录打击报复',
  },
  referral: {
    'record-lead': '登记线索',
    'form-team': '组成专案组',
    'submit-report': '提交书面报告',
    decide: '负责人审批',
    transfer: '移送公安机关',
    receive: '公安机关接受',
    'notify-incomplete': '通知材料不全',
    'complete-file': '补正材料',
    'extend-filing-period': '延长立案审查期限',
    'decide-filing': '作出是否立案决定',
    'send-notice': '书面通知移送机关',
    'request-reconsideration': '提请复议',
    'decide-reconsideration': '作出复议决定',
    'request-supervision': '建请立案监督',
    'record-procuratorate': '记录检察院意见',
    explain: '说明不立案理由',
    'accept-non-filing': '接受不立案决定',
    'hand-over': '移交涉案物品',
    'withdraw-case': '撤销案件',
    'record-non-prosecution': '记录不起诉决定',
    'conclude-criminal-case': '记录刑事案件结果',
    'decide-penalty': '作出行政处罚决定',
    'transfer-duty-crime-clue': '移送职务犯罪线索',
    'record-refusal-finding': '记录不予移送的审查意见',
  },
};

/** Clocks by case type, for the steps a clock writes itself (`clock-expired:<clock>`). */
const CLOCK_ZH: Record<string, Record<string, string>> = {
  referral: REFERRAL_CLOCK_ZH,
  complaint: COMPLAINT_CLOCK_ZH,
};

/** A ledger step in Chinese (`clock-expired:form-team` → 时限届满：组成专案组); unknown steps as written. */
export function stepZh(caseType: string, action: string): string {
  const [event, clock] = action.split(':');
  if (clock !== undefined && (event === 'clock-expired' || event === 'clock-reminder')) {
    const name = CLOCK_ZH[caseType]?.[clock] ?? clock;
    return event === 'clock-expired' ? `时限届满：${name}` : `时限提醒：${name}`;
  }
  return STEP_ZH[caseType]?.[action] ?? action;
}

// ── Text the engine composed (card reasons, inbox notices), read in Chinese (decision 0023, addendum) ──

/** 打击报复 as the record-retaliation step names its kinds. */
export const RETALIATION_KIND_ZH: Record<string, string> = {
  dismissal: '解聘、辞退',
  demotion: '降级、调岗',
  'pay-cut': '扣减工资福利',
  harassment: '打击、刁难',
  other: '其他',
};

export const COMPLAINT_CATEGORY_ZH: Record<string, string> = { complaint: '投诉', report: '举报' };

const DAY = 24 * HOUR;
const BEIJING_OFFSET = 8 * HOUR;

/**
 * A deadline as the calendar's rules say it: a day clock ends at 24:00 of its last day, so
 * 2026-12-08T16:00:00Z is "2026/12/08 24:00", not the next day's 00:00; any other instant as beijingTime.
 */
export function beijingDeadline(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '未定';
  if ((ms + BEIJING_OFFSET) % DAY !== 0) return beijingTime(iso);
  return `${beijingTime(new Date(ms - 1).toISOString()).slice(0, 10)} 24:00`;
}

/** The Chinese half of the engine's bilingual "中文 / English" texts; any other text whole. */
function chineseHalf(text: string): string {
  const at = text.indexOf(' / ');
  const english = text.slice(at + 3);
  return at > 0 && /^[A-Za-z]/.test(english) && !/[\u3000-\u9fff\uff00-\uffef]/.test(english)
    ? text.slice(0, at)
    : text;
}

/**
 * Texts whose English half said what the Chinese half left out (a deadline, which clock), or that carry
 * a code: each as the engine now writes it in Chinese. The engine's own wording, so matched whole.
 */
const ENGINE_TEXTS: Array<[RegExp, (...parts: string[]) => string]> = [
  // Card reasons.
  [
    /^隐患 (\S+) 逾期未整改 \/ risk item overdue since (\S+)$/,
    (id, due) => `隐患 ${id} 逾期未整改${due === 'undefined' ? '' : `（整改期限 ${due}）`}`,
  ],
  [/^(.+) 逾期未报 \/ report missed, due (\S+)$/, (title, due) => `${title} 逾期未报（报送期限 ${due}）`],
  [
    /^(\S+) 季通报：指标进度滞后 \/ indicators lagging behind the target path \(bulletin (\S+)\)$/,
    (quarter, bulletin) => `${quarter} 季通报：指标进度滞后（通报 ${bulletin}）`,
  ],
  [
    /^移送案件 (\S+) 时限 (\S+) 已过 \/ referral clock \S+ expired at (\S+)$/,
    (id, clock, due) => `移送案件 ${id} 时限已过：${REFERRAL_CLOCK_ZH[clock] ?? clock}（期限 ${due}）`,
  ],
  [
    /^投诉举报 (\S+) 时限已过 \/ complaint clock expired \(complaint-clock-expired:(\S+)\)$/,
    (id, clock) => `投诉举报 ${id} 时限已过：${COMPLAINT_CLOCK_ZH[clock] ?? clock}`,
  ],
  // Notice titles.
  [
    /^移送案件 (\S+)：公安机关 (\S+) \/ The police took a step$/,
    (id, step) => `移送案件 ${id}：公安机关${stepZh('referral', step).replace(/^公安机关/, '')}`,
  ],
  [/^(.+) \/ Referral clock expired: (\S+)$/, (zh, clock) => `${zh}：${REFERRAL_CLOCK_ZH[clock] ?? clock}`],
  [
    /^(.+) \/ Complaint clock (?:expired|due soon): (\S+)$/,
    (zh, clock) => `${zh}：${COMPLAINT_CLOCK_ZH[clock] ?? clock}`,
  ],
  // Notice bodies.
  [
    /^(\S*期限) (?:was due|new due|due|verify by) (\S+?)(?:: ([\s\S]+))?$/,
    (label, due, rule) => `${label}：${beijingDeadline(due)}${rule ? `；期限依据：${rule}` : ''}`,
  ],
  [/^verify was due (\S+)$/, (due) => `验收期限：${beijingDeadline(due)}`],
  [/^验收通过 accepted$/, () => '验收通过'],
  [
    /^(\d{4}-\d{2}-\d{2}T\S+)? — ([\s\S]+)$/,
    (due, rule) => (due ? `期限：${beijingDeadline(due)}；期限依据：${rule}` : `期限依据：${rule}`),
  ],
  [/^([\s\S]*)；约谈日期 summons on (\S+)$/, (rule, at) => `${rule}；约谈日期：${beijingTime(at)}`],
];

const readableDeadlines = (text: string) => text.replace(INSTANT_IN_TEXT, (iso) => beijingDeadline(iso));

/**
 * A text the engine composed (a card's reason, a notice's title or body), as officials read it: in
 * Chinese, every instant in Beijing time (a deadline that ends a day as 24:00). Stored texts keep the
 * words they were written with; this reads old and new alike.
 */
export function systemTextZh(text: string): string {
  for (const [pattern, zh] of ENGINE_TEXTS) {
    const match = pattern.exec(text);
    if (match) return readableDeadlines(zh(...match.slice(1)));
  }
  return readableDeadlines(chineseHalf(text));
}

/** A notice's body that is a bare code of its case (a status, a category, a kind), by case type. */
const NOTICE_BODY_CODES: Record<string, Array<[label: string, names: Record<string, string>]>> = {
  complaint: [
    ['案件状态', COMPLAINT_STATUS_ZH],
    ['类别', COMPLAINT_CATEGORY_ZH],
    ['不利行为', RETALIATION_KIND_ZH],
  ],
  referral: [['案件状态', REFERRAL_STATUS_ZH]],
};

/** Notices whose kind says less than their title: a retaliation sent as 逾期, a reveal as 交办. */
const NOTICE_TAG_BY_TITLE: Array<[RegExp, string]> = [
  [/^疑似打击报复/, '打击报复'],
  [/^举报人身份/, '身份查看'],
  [/^举报人已答复/, '举报人答复'],
];

/**
 * An inbox notice in Chinese: its tag, title and body. The reveal's body names who saw or approved by
 * `personName` (the staff directory) rather than by account id.
 */
export function noticeZh(
  notice: { kind: string; caseType: string; title: string; body: string },
  personName: (userId: string) => string,
): { tag: string; title: string; body: string } {
  const title = systemTextZh(notice.title);
  const tag =
    NOTICE_TAG_BY_TITLE.find(([pattern]) => pattern.test(title))?.[1] ??
    NOTIFICATION_KIND_ZH[notice.kind] ??
    notice.kind;
  const reveal = notice.caseType === 'complaint' ? /^(\S*) — request (\S+)$/.exec(notice.body) : null;
  const code = NOTICE_BODY_CODES[notice.caseType]?.find(([, names]) => names[notice.body] !== undefined);
  const body = reveal
    ? `办理人：${personName(reveal[1])}（申请 ${reveal[2]}）`
    : code
      ? `${code[0]}：${code[1][notice.body]}`
      : systemTextZh(notice.body);
  return { tag, title, body };
}

/** A text set inside a sentence of a printed notice: without its own final stop (no "。。", no "。，"). */
export const clauseOf = (text: string) => text.replace(/[\s。．.；;，,]+$/, '');

/** What a hazard or a lead is about, by kind (docs/domain.md §3.1): the forms' choices and the notices' words. */
export const SUBJECT_KIND_ZH: Record<`${SubjectKind}`, string> = {
  'registered-business': '登记注册的市场主体',
  'street-stall': '食品小摊点',
  'unlicensed-workshop': '无证无照黑窝点',
  farmer: '种植养殖户',
  farmland: '农田地块',
  'water-body': '河流湖库坑塘',
};

/** The identifiers other than the credit code (the API's `identifiers`), by their register. */
export const SUBJECT_IDENTIFIER_ZH: Record<`${SubjectIdentifier}`, string> = {
  stallRegistration: '备案卡号',
  residentId: '身份证号码',
  parcelCode: '承包地块编码',
  waterBodyCode: '河湖编码',
};

/**
 * How a notice identifies a subject beside its name: a registered business (and a record older than
 * kinds) by its 统一社会信用代码; any other kind by its Chinese name and the identifiers it has.
 */
export function subjectIdentityZh(
  subject: Pick<HazardSubject, 'kind' | 'creditCode' | 'identifiers'>,
): string {
  const kind: `${SubjectKind}` = subject.kind ?? 'registered-business';
  const code = subject.creditCode ? `统一社会信用代码 ${subject.creditCode}` : null;
  if (kind === 'registered-business') return code ?? SUBJECT_KIND_ZH[kind];
  const identifiers = Object.entries(subject.identifiers ?? {})
    .filter(([, value]) => value)
    .map(([name, value]) => `${SUBJECT_IDENTIFIER_ZH[name as SubjectIdentifier] ?? name} ${value}`);
  return [SUBJECT_KIND_ZH[kind], code, ...identifiers].filter(Boolean).join('，');
}
