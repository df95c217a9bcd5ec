// The `.js` suffix lets the unit tests (Node's ESM resolution) import this file; Vite resolves it to format.ts.
import {
  beijingTime,
  NEW_UNIT_CODE_ZH,
  REFERRAL_DOCUMENT_ZH,
  UNIT_IMPORT_COLUMNS,
  UNIT_KIND_ZH,
} from '../format.js';

/**
 * What a person reads when the API refuses: the API speaks English and names each refusal by a stable
 * `code` (RFC 9457 problem+json), so the console says it in Chinese by that code and keeps the English
 * `detail` only for a code it does not know. Field messages (class-validator's and the custom
 * validators') are matched by their shape and fall back to the English text the same way.
 */

type Body = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The lockout rule a refused sign-in states (`lockout`: {maxFailures, minutes}), as the page warns with
 * it: 连续输错 5 次，账号将锁定 15 分钟. Undefined when the answer carries none.
 */
export function lockoutRuleZh(body: Body): string | undefined {
  const lockout = body.lockout as { maxFailures?: unknown; minutes?: unknown } | undefined;
  const [failures, minutes] = [Number(lockout?.maxFailures), Number(lockout?.minutes)];
  if (!(failures > 0 && minutes > 0)) return undefined;
  const period = minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
  return `连续输错 ${failures} 次，账号将锁定 ${period}`;
}

/**
 * The Beijing day after an instant's, as the 补跑 pickers show days (2023/04/02 for a run at 2023/04/01
 * 08:00): the end is a day's start and left out, so a window holds that run only if it ends a day later.
 */
function dayAfterInBeijing(iso: string): string {
  const beijing = new Date(Date.parse(iso) + 8 * 3_600_000);
  beijing.setUTCDate(beijing.getUTCDate() + 1);
  return beijing.toISOString().slice(0, 10).replaceAll('-', '/');
}

/** A year the campaign's score does not cover: it lies before the campaign starts or after it ends. */
function yearOutsideCampaign(
  yearField: unknown,
  edgeField: unknown,
  edge: '开始' | '结束',
  side: '之前' | '之后',
): string {
  const [year, date] = [Number(yearField), text(edgeField)];
  return year > 0 && date
    ? `${year} 年在专项行动${edge}（${date}）${side}，没有可审定的考核得分`
    : `该年度在专项行动${edge}${side}，没有可审定的考核得分`;
}

/** Each code a console user can meet, in the words of the page. */
const PROBLEM_ZH: Record<string, string | ((body: Body) => string)> = {
  'auth.missing-token': '请先登录',
  'auth.invalid-token': '访问令牌无效或已过期，请重新登录',
  'auth.role-not-allowed': '您的角色无权使用此功能',
  'auth.sign-in-failed': (body) => ['用户名或密码不正确', lockoutRuleZh(body)].filter(Boolean).join('。'),
  'auth.account-locked': (body) => {
    const until = text(body.lockedUntil);
    return until
      ? `登录失败次数过多，账号已锁定至北京时间 ${beijingTime(until)}，届时再试或请管理员重置密码`
      : '登录失败次数过多，账号已临时锁定，请稍后再试或请管理员重置密码';
  },
  'auth.account-inactive': '该账号已停用或不存在',
  'auth.session-expired': '登录已过期，请重新登录',
  'auth.csrf-mismatch': '页面已过期，请刷新后重试',
  'auth.password-change-required': '请先设置新密码（首次登录或密码被管理员重置后）',
  'auth.weak-password': '新密码不符合要求',
  'auth.wrong-password': '当前密码不正确',
  'auth.oidc-failed': '统一身份认证登录失败，请重试',
  'auth.oidc-not-configured': '未配置统一身份认证登录',
  'auth.oidc-unavailable': '统一身份认证服务暂时无法访问，请稍后再试，或使用用户名和密码登录',
  'request.invalid': '填写的内容有误，请按提示修改',
  'request.malformed-json': '请求格式有误，请刷新页面后重试',
  'request.too-large': (body) => {
    const limit = Number(body.limitBytes);
    return limit > 0
      ? `提交的内容过大（不能超过 ${sizeZh(limit)}，一个汉字约占 3 字节），请删减或分几次提交`
      : '提交的内容过大，请删减或分几次提交';
  },
  'request.too-deeply-nested': '请求格式有误，请刷新页面后重试',
  'request.unsupported-media-type': '请求格式有误，请刷新页面后重试',
  'request.unsupported-encoding': '请求格式有误，请刷新页面后重试',
  'request.unsupported-charset': '请求格式有误，请刷新页面后重试',
  'http.route-not-found': '请求的页面或数据不存在',
  'idempotency.invalid-key': '办理请求无效，请刷新页面后重试',
  'idempotency.key-reused': '该办理请求已用于另一操作，请刷新页面后重新提交',
  'idempotency.in-progress': '该步骤仍在办理中，请稍后刷新页面查看',
  'idempotency.not-replayable': '办理请求无效，请刷新页面后重试',
  'engine.busy': '系统繁忙，尚未收到办理结果，请稍后刷新页面查看，勿重复提交',
  'engine.step-failed': (body) => {
    const incident = text(body.incidentId);
    return `系统未能办理此步骤，案件保持原状态，已记录故障${incident ? `（故障编号 ${incident}）` : ''}，请联系系统管理员`;
  },
  'dependency.unavailable': '系统暂时无法连接所需服务，请稍后再试',
  internal: '系统内部错误，已记录，请稍后再试或联系系统管理员',
  'case.not-found': '案件不存在',
  'case.already-exists': '该编号的案件已存在',
  'risk-item.not-found': '隐患不存在或不在您的查看范围内',
  'risk-item.invalid': '隐患信息有误，请按提示修改',
  'risk-item.illegal-step': '隐患当前状态下不能办理此步骤，请刷新页面',
  'risk-item.not-allowed': '您的角色或单位不能办理此隐患的这一步骤',
  'risk-item.closed': '隐患已销号或撤销，不能再办理',
  'risk-item.not-closed': '只有已销号的隐患才能重新打开',
  'risk-item.reason-required': '请填写理由',
  'risk-item.referral-required': '已认定达到刑事立案标准，须先移送公安机关',
  'risk-item.already-marked': '该隐患已认定达到刑事立案标准',
  'risk-item.deadline-in-past': '整改期限不能早于今天',
  'card.not-found': '该亮牌不存在或不在您的查看范围内',
  'card.closed': '该亮牌已摘牌或撤销，不能再办理',
  'card.not-open': '该亮牌不在亮牌状态',
  'card.not-allowed': '您的角色不能办理此亮牌的这一步骤',
  'card.no-response': '被亮牌单位尚未提交回应',
  'card.reason-required': '请填写理由',
  'card.subject-open': '亮牌所涉事项尚未办结，不能摘牌',
  'card.summons': '须先记录约谈，才能移送问责',
  'card.summons-record': '约谈记录有误：须是已举行的约谈，参加人至少有县领导和单位负责人',
  'card.unit-not-supervised': '县政府统筹攻坚行动，不对其亮牌',
  'directive.not-found': '督办通知不存在或不在您的查看范围内',
  'directive.closed': '督办通知已签收',
  'directive.illegal-step': '督办通知当前状态下不能办理此步骤',
  'directive.not-assignee': '只有承办单位可以签收',
  'complaint.not-found': '投诉举报不存在或不在您的查看范围内',
  'complaint.invalid': '填写的内容有误，请按提示修改',
  'complaint.forbidden': '您的角色不能办理此步骤',
  'complaint.closed': '该投诉举报已关闭，不能再办理',
  'complaint.illegal-step': '投诉举报当前状态下不能办理此步骤，请刷新页面',
  'complaint.already-answered': '该问题已回答',
  'complaint.already-extended': '核查期限已延长过一次',
  'complaint.unknown-question': '没有这个问题',
  'complaint.not-eligible': '不符合举报奖励条件',
  'complaint.reward-exists': '已拟定过举报奖励',
  'complaint.reward-open': '举报奖励尚未办结',
  'complaint.reveal-not-approved': '揭示身份的申请未获批准或已使用',
  'complaint.anonymous': '匿名举报没有可揭示的身份',
  'complaint.evidence-refused': '证据文件不符合要求',
  'complaint.rate-limited': '操作过于频繁，请稍后再试',
  'complaint.receipt-not-found': '受理编号或查询密码不正确，请核对后再试',
  'complaint.sealing-unavailable': '系统暂时无法加密保存举报人信息，请稍后再试',
  'referral.not-found': '移送案件不存在或不在您的查看范围内',
  'referral.unknown-risk-item': '没有这个隐患编号',
  'referral.invalid': '填写的内容有误，请按提示修改',
  'referral.closed': '移送案件已办结，不能再办理',
  'referral.illegal-step': '移送案件当前状态下不能办理此步骤',
  'referral.not-allowed': '您的角色或单位不能办理移送案件的这一步骤',
  'referral.reason-required': '请填写理由',
  'referral.window-closed': '认定移送材料不全的 24 小时已过',
  'referral.extension-exhausted': '立案审查期限已延长两次，不能再延长',
  'referral.filing-ordered': '检察机关已通知立案',
  'referral.filing-period-running': '立案审查期限届满后才能提请立案监督',
  'referral.team-too-small': '专案组至少需要两名不同的执法人员',
  'referral.decision-required': '请选择决定',
  'referral.missing-required': '请写明缺少的材料',
  'referral.documents-required': '请至少提交一份材料',
  'referral.document-required': '请选择此步骤需要的文书',
  'referral.document-kind': '提交的文书种类与此步骤不符',
  'referral.approver-required': '请填写批准人',
  'referral.approval-level': '本次延长的批准层级不正确（先由县级公安机关负责人批准，再由上一级公安机关批准）',
  'referral.finder-required': '请选择审查意见来源',
  'referral.not-applicable-refused': '移送材料清单不允许省略此项材料',
  'referral.dossier-incomplete': (body) => {
    const lacks = /lacks: (.+?) \(/.exec(text(body.detail) ?? '')?.[1];
    return lacks
      ? `移送材料不全，缺少：${lacks
          .split(', ')
          .map((kind) => REFERRAL_DOCUMENT_ZH[kind] ?? kind)
          .join('、')}`
      : '移送材料不全，请按移送材料清单补齐';
  },
  'report-request.not-found': '报送任务不存在或不在您的查看范围内',
  'report-request.already-submitted': '该报送任务已报送',
  'report-request.not-your-unit': '只有本单位人员可以填报此报送任务',
  'report-request.invalid-values': '填报的数值有误，请按提示修改',
  'report-request.closed': '该报送任务已关闭',
  'reporting.backfill-range': '补跑的日期范围有误，请按提示修改',
  'reporting.backfill-future': '补跑只针对已经过去的时间：结束时间不能晚于现在；要现在运行，请用“立即运行”',
  'reporting.backfill-before-campaign': '补跑的开始时间过早：更早的运行所报告的期间在专项行动开始之前',
  'reporting.backfill-empty': (body) => {
    const firstRun = text(body.firstRun);
    return firstRun
      ? `所选时间段内没有计划运行：起始日期之后的首次计划运行在北京时间 ${beijingTime(firstRun)}，截止日期（不含）须选 ${dayAfterInBeijing(firstRun)} 或更晚`
      : '所选时间段内没有计划运行，请放宽起止日期';
  },
  'reporting.period-before-campaign': (body) => {
    const [quarter, from] = [text(body.quarter), text(body.campaignFrom)];
    return quarter && from
      ? `现在运行的季度通报报告的是 ${quarter}，该季度在专项行动开始（${from}）之前，不生成通报`
      : '现在运行的季度通报所报告的季度在专项行动开始之前，不生成通报';
  },
  'bulletin.not-found': '季度通报不存在',
  'bulletin.already-published': '该季度通报已发布',
  'bulletin.earlier-target-model': '该通报按旧的目标口径生成，只能查看原文和 CSV',
  'audit.unknown-case': '台账上没有这个案件，请核对案件编号',
  'audit.malformed-moment': '时间格式不正确',
  'audit.before-case-existed': '该时间点案件尚未登记',
  'audit.no-such-step': '该案件没有这一步',
  'audit.invalid-period': '查询的时间段有误',
  'audit.history-unavailable': '该案件的流程历史暂时无法读取',
  'audit.replay-unavailable': '该案件暂时无法重放校验',
  'audit.no-workflow': '该案件的各步骤均由系统直接登记，没有流程可重放；请校验其台账哈希链',
  'identity.unknown-unit': '单位不存在',
  'identity.inactive-unit': '单位已停用',
  'identity.person-not-found': '人员不存在',
  'identity.username-taken': '用户名已被占用',
  'identity.last-admin': '这是最后一名在用的系统管理员：请先指定另一名管理员',
  'identity.unit-id-taken': '单位代码已被占用',
  'identity.unit-name-taken': '已有同名的在用单位，请换一个名称，或先停用那个单位',
  'identity.unit-not-found': '单位不存在',
  'identity.unit-cycle': '不能将单位设为其自身或其下级单位的下级',
  'identity.token-not-found': '访问令牌不存在',
  'plan.not-loaded': '尚未载入工作方案',
  'plan.version-not-found': '工作方案版本不存在',
  'plan.invalid': '工作方案文件有误，请按所列问题修改',
  'notification.not-found': '通知不存在',
  'notification.webhook-not-found': 'Webhook 订阅不存在',
  'notification.webhook-inactive': '该 Webhook 已停用，不再向其发送任何消息（包括测试消息）',
  'notification.outbound-failed': '推送失败，请稍后再试',
  'incident.not-found': '故障记录不存在',
  'incident.already-resolved': '该故障已处理',
  'assessment.year-not-over': '该年度尚未结束，不能审定考核结果',
  'assessment.already-approved': '该年度考核已审定',
  'assessment.before-campaign': (body) => yearOutsideCampaign(body.year, body.campaignFrom, '开始', '之前'),
  'assessment.after-campaign': (body) => yearOutsideCampaign(body.year, body.campaignTo, '结束', '之后'),
  'assessment.invalid-approval': '审定信息有误，请按提示修改',
};

/** Codes a context makes from its name (`${what}.not-found`, `${case}.step-in-progress`): said by their ending. */
const PROBLEM_BY_ENDING_ZH: Array<[string, string]> = [
  ['.not-found', '记录不存在或不在您的查看范围内'],
  ['.not-allowed', '您的角色或单位不能办理此步骤'],
  ['.illegal-step', '当前状态下不能办理此步骤，请刷新页面'],
  ['.step-in-progress', '该案件的上一步骤仍在记录中，请稍后再试'],
  ['.reason-required', '请填写理由'],
  ['.closed', '已办结，不能再办理'],
];

/** The Chinese sentence for a problem; the API's English `detail` when the code is unknown. */
export function problemTextZh(code: string, detail: string, body: Body = {}): string {
  const known = PROBLEM_ZH[code];
  if (known !== undefined) return typeof known === 'string' ? known : known(body);
  return PROBLEM_BY_ENDING_ZH.find(([ending]) => code.endsWith(ending))?.[1] ?? detail;
}

/** "5 MB" for a size limit in bytes. */
const sizeZh = (bytes: number) =>
  bytes >= 1_048_576 ? `${Math.round((bytes / 1_048_576) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;

/**
 * Field message shapes, most specific first. The message stands under its field, so the field's
 * English name (the sentence's subject) is dropped.
 */
const FIELD_MESSAGES_ZH: Array<[RegExp, (match: RegExpMatchArray) => string]> = [
  // An import's parent given by its Chinese name: none, or several, have it. First: the name, the
  // office's own text, could end like any shape below.
  [/^no unit has the code or Chinese name (.+)$/s, (m) => `没有编码或名称为“${m[1]}”的单位`],
  [
    /^(.+) is the Chinese name of more than one unit \(([^()]+?)(?: and (\d+) more)?\): write the code$/s,
    (m) => {
      const codes = (m[2] ?? '').split(', ');
      const more = m[3] ? ` 等 ${codes.length + Number(m[3])} 个` : '';
      return `“${m[1]}”是多个单位的名称（${codes.join('、')}${more}），请填写所指单位的编码`;
    },
  ],
  // One sha256 with two sizes in a request's files: the files by their names, also text of their own.
  [
    /^\S+ element (\d+) \((.*?)\) has the sha256 of element (\d+) \((.*)\) but (\d+) bytes, not (\d+): one file has one size$/s,
    (m) =>
      `第 ${Number(m[1]) + 1} 个文件“${m[2]}”与第 ${Number(m[3]) + 1} 个文件“${m[4]}”的 SHA-256 相同，` +
      `大小却不同（${m[5]} 与 ${m[6]} 字节）：同一文件只有一个大小，请核对后重新选择`,
  ],
  [/^element (\d+): (.+)$/, (m) => `第 ${Number(m[1]) + 1} 项：${fieldMessageZh(m[2] ?? '')}`],
  [/^each value in \S+ (.+)$/, (m) => `每一项都${fieldMessageZh(m[1] ?? '')}`],
  [/credit code must be a string$/, () => '请填写统一社会信用代码'],
  [
    /credit code must be (\d+) characters long \(got (\d+)\)$/,
    (m) => `统一社会信用代码应为 ${m[1]} 位（现为 ${m[2]} 位）`,
  ],
  [/invalid check character "(.+)" at position \d+/, () => '统一社会信用代码的校验位不正确，请核对是否抄错'],
  [
    /invalid character "(.+)" at position (\d+): credit codes are upper case/,
    (m) => `统一社会信用代码第 ${m[2]} 位的“${m[1]}”应为大写字母`,
  ],
  [
    /invalid character "(.+)" at position (\d+): positions 3–8/,
    (m) => `统一社会信用代码第 ${m[2]} 位的“${m[1]}”应为数字（第 3–8 位是行政区划代码）`,
  ],
  [
    /invalid character "(.+)" at position (\d+)/,
    (m) => `统一社会信用代码第 ${m[2]} 位的“${m[1]}”不是有效字符（只用数字和除 I、O、Z、S、V 外的大写字母）`,
  ],
  [/credit code is invalid$/, () => '统一社会信用代码不正确'],
  [/is in the future$/, () => '不能晚于今天'],
  [/is before (\S+): no case date is earlier/, (m) => `不能早于 ${m[1]}，请核对年份`],
  [/is in the past$/, () => '不能早于当前时间'],
  [/must be after from$/, () => '须晚于开始日期'],
  [/a backfill spans at most (\d+) days$/, (m) => `一次最多补跑 ${m[1]} 天`],
  [/must not be null \(leave it out to keep it\)$/, () => '不能为空（不修改请不填此项）'],
  [/must not contain a control character\b/, () => '不能含有控制字符（如制表符、换行），请删除后重试'],
  [
    /contains U\+FFFD, the mark of text read in the wrong encoding/,
    () => '含有乱码（文件编码有误），请将文件另存为 UTF-8 编码后重试',
  ],
  [
    /^to must not be after now \((.+)\): a backfill runs only times already past$/,
    (m) => `不能晚于现在（北京时间 ${beijingTime(m[1] ?? '')}）：补跑只针对已经过去的时间`,
  ],
  [
    /^to must be after (\S+), the cycle's first run at or after from\b/,
    (m) =>
      `所选时间段内没有计划运行：起始日期之后的首次计划运行在北京时间 ${beijingTime(m[1] ?? '')}，` +
      `截止日期（不含）须选 ${dayAfterInBeijing(m[1] ?? '')} 或更晚`,
  ],
  [
    /^from must not be before (\S+), the start of the month the campaign starts in$/,
    (m) => `不能早于北京时间 ${beijingTime(m[1] ?? '')}（专项行动开始的当月）`,
  ],
  [
    /^from must not be before (\S+), the start of the quarter after the one the campaign starts in\b/,
    (m) => `不能早于北京时间 ${beijingTime(m[1] ?? '')}（更早运行的季度通报所报告的季度在专项行动开始之前）`,
  ],
  [/must not be (blank|empty)$|should not be empty$/, () => '不能为空'],
  [/must be a string$/, () => '请填写'],
  [/must be shorter than or equal to (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字`],
  [/must be longer than or equal to (\d+) characters$/, (m) => `至少 ${m[1]} 个字`],
  [/^property \S+ should not exist$/, () => '不应提交此项'],
  // A file (unit import) names a kind by its code: the codes it may use. A form's select: choose one.
  [
    /^must be one of .+ \(or its Chinese name\)$/,
    () => `须为以下之一：${Object.values(UNIT_KIND_ZH).join('、')}（或其英文代码）`,
  ],
  [/^must be one of (.+)$/, (m) => `须为以下之一：${m[1]}`],
  [/must be one of\b/, () => '请从列表中选择'],
  [/must be an integer number$|must be a whole number( written in digits)?$/, () => '须为整数'],
  [/must be a (finite )?number\b/, () => '须为数字'],
  [/must not be greater than (\S+)$/, (m) => `不能大于 ${m[1]}`],
  [/must not be less than (\S+)$/, (m) => `不能小于 ${m[1]}`],
  [/must be a boolean value$/, () => '请选择是或否'],
  [/must be an array$/, () => '须为列表'],
  [/must contain at least (\d+) elements$/, (m) => `至少 ${m[1]} 项`],
  [/must contain no more than (\d+) elements$/, (m) => `最多 ${m[1]} 项`],
  [/must name a real day \(there is no (.+)\)$/, (m) => `没有 ${m[1]} 这一天`],
  [/must name a real month \(there is no (.+)\)$/, (m) => `没有 ${m[1]} 这个月`],
  [/must name a real time of day/, () => '时间不正确'],
  [
    /must be a date (written|string)|must be a valid ISO 8601 date/i,
    () => '请按“年-月-日”填写日期，如 2026-05-01',
  ],
  [/must be an ISO 8601 date-time|must have an offset/, () => '时间格式不正确'],
  [/must be a year \(yyyy\) or a month/, () => '请填写年份（如 2026）或月份（如 2026-05）'],
  [/must be a year written yyyy\b/, () => '年份须为四位数字，如 2026'],
  [/must be a day of the year written mm-dd$/, () => '请按“月-日”填写，如 05-01'],
  [/^(\S+) is not an active officer of \S+$/, (m) => `${m[1]} 不是本单位在岗的执法人员`],
  [/^unit (\S+) does not exist$/, (m) => `单位 ${m[1]} 不存在`],
  [/^unit (\S+) is deactivated$/, (m) => `单位 ${m[1]} 已停用`],
  // A unit's own code (a new unit's id, an import line's), not a unit to choose.
  [
    /^(id )?must be 1-64 of a-z, 0-9 and dashes, beginning and ending with a letter or digit$/,
    () => `只能用${NEW_UNIT_CODE_ZH}`,
  ],
  [/^id must be a unit id\b/, () => '只能用小写字母、数字和短横线（最多 64 位），如 township-xiaodong'],
  [/must be a unit id\b/, () => '请选择单位'],
  // A unit import file's own problems (libs/identity/src/domain/unit-import.ts).
  [/^repeats line (\d+)$/, (m) => `与第 ${m[1]} 行重复`],
  [/^must be true, false \(是, 否\) or empty$/, () => '须为“是”“否”（或 true、false），或留空'],
  [/^must be text$/, () => '须为文字，不能是列表或键值对'],
  [
    /^is not a unit field$/,
    () =>
      `不是单位的列（列名可用：${Object.values(UNIT_IMPORT_COLUMNS)
        .map((names) => names[0])
        .join('、')}，或 ${Object.keys(UNIT_IMPORT_COLUMNS).join(',')}）`,
  ],
  [/^is the same field as column (.+)$/, (m) => `与“${m[1]}”列是同一项，请只保留一列`],
  [/^is not a column of the file: the first line must name it$/, () => '文件缺少此列：请在第一行写上此列名'],
  [/^column (\d+) has no name$/, (m) => `第 ${m[1]} 列有内容但没有列名`],
  [/^must be a list of units$/, () => '须为单位列表'],
  [/^is not valid YAML$/, () => '不是有效的 YAML，请检查缩进、冒号和引号'],
  [/^has an unclosed quote$/, () => '有未闭合的引号'],
  [/^is empty: the first line must name the columns$/, () => '文件为空：第一行须为列名'],
  [/must be a person id\b/, () => '人员账号格式不正确，如 handler.amr'],
  [
    /^username must be (\d+)-(\d+) of/,
    (m) => `用户名须为 ${m[1]}–${m[2]} 个小写字母、数字、点、短横线或下划线`,
  ],
  [/must be a lowercase slug/, () => '只能包含小写字母、数字和短横线'],
  [/^is taken$/, () => '已被占用'],
  [/is the county government, which directs the campaign/, () => '县政府统筹攻坚行动，不对其亮牌'],
  [/^is also the name of unit (\S+) \((.+)\)$/, (m) => `与在用单位 ${m[2]}（${m[1]}）重名`],
  [/^does not match$/, () => '不正确'],
  [/^must differ from the current password$/, () => '不能与当前密码相同'],
  [/^must be at least (\d+) characters long$/, (m) => `至少 ${m[1]} 个字符`],
  [/^is a common or breached password/, () => '过于常见或已泄露，请换一个不易猜到的密码'],
  [/^must not contain the username$/, () => '不能包含用户名'],
  [/^YAML: (.*)$/s, (m) => yamlProblemZh(m[1])],
  [
    /^the committee approves (\d+)'s score after the year, not on (\S+)$/,
    (m) => `${m[1]} 年的得分须在该年结束后审定，不能是 ${m[2]}`,
  ],
  [/would make a cycle$|would put the unit below itself$/, () => '不能设为其自身或其下级单位'],
  [/must be a phone number$/, () => '请填写正确的手机号码'],
  [/^idNumber must be 18 characters/, () => '身份证号应为 18 位：17 位数字加 1 位数字或 X'],
  // A resident id (idNumber of a report, residentId of a subject): the check character it should have is not said.
  [
    /^(idNumber|residentId) must be 17 digits and a check digit or X$/,
    () => '身份证号码应为 18 位：17 位数字加 1 位数字或 X',
  ],
  [
    /^(idNumber|residentId) invalid check character; expected /,
    () => '身份证号码校验位不正确，请核对是否抄错',
  ],
  [/^sha256 must be/, () => '文件摘要（SHA-256）格式不正确'],
  [/^size must be at least 1 byte: an empty file/, () => '文件为空（0 字节），请选择正确的文件'],
  [/must be the file’s own name, not a path/, () => '只填写文件名，不能含路径（/ 或 \\），也不能是 . 或 ..'],
  [/^mediaType must be/, () => '不支持该文件类型'],
  [/^url must be an http or https URL/, () => '请填写 http 或 https 网址（不含用户名和密码）'],
  [/must be a URL address$/, () => '请填写正确的网址'],
  [/must be an email$/, () => '请填写正确的电子邮箱'],
  [/^colour must be a ladder colour/, () => '请选择牌色'],
  [/must be an indicator id of the plan$/, () => '不是工作方案中的指标'],
  [/^(\S+) is not asked for by this request$/, (m) => `本次报送不含指标 ${m[1]}`],
  [/^(\S+) is given more than once$/, (m) => `指标 ${m[1]} 重复填写`],
  [/^a value for \S+ \((.+)\) is required$/, (m) => `请填写“${m[1]}”`],
  [/^at most (\d+) files$/, (m) => `最多 ${m[1]} 个文件`],
  [/^a file may have at most (\d+) bytes$/, (m) => `单个文件不能超过 ${sizeZh(Number(m[1]))}`],
  [/^leave reporter out of an anonymous report$/, () => '匿名举报不填写举报人信息'],
  [/^secret must be the (\d+)-character/, (m) => `查询密码应为 ${m[1]} 位`],
  [/does not fit a subject of kind/, () => '与主体类型不符'],
  [/must be 1–40 letters, digits or hyphens$/, () => '只能填写字母、数字和短横线，最多 40 位'],
  [/must not contain a NUL character|must not contain a lone UTF-16 surrogate/, () => '含有无法保存的字符'],
  [
    /must not contain a text-direction control character$/,
    () => '含有改变文字方向的控制字符（常随复制粘贴带入），请删除后重试',
  ],
  [/must (look like|be a record number such as|be a case id such as) (\S+)$/, (m) => `格式应如 ${m[2]}`],
  [/must match .+ regular expression$|must be a UUID$|must be either object or array$/, () => '格式不正确'],
];

/** What the YAML parser said of a plan file, in words an administrator can act on; its own words beside. */
const YAML_PROBLEMS_ZH: Array<[RegExp, string]> = [
  [/^Map keys must be unique/, '同一层级有重复的键'],
  [
    /^Nested mappings are not allowed in compact mappings/,
    '缩进不对，或一行里有两个冒号（值里有冒号时请加引号）',
  ],
  [/^Implicit keys need to be on a single line/, '缩进不对，或键后缺少冒号'],
  [/^Tabs are not allowed/, '不能用 Tab 缩进，请用空格'],
  [/^Missing closing/, '引号或括号没有闭合'],
  [/must be sufficiently indented|must start at the same column/, '缩进不对：同一层级的条目须对齐'],
  [/^Unexpected/, '此处有不合格式的内容（常见于缩进或列表“- ”写错）'],
  [/alias/i, '别名（*）展开过多'],
];

const yamlProblemZh = (said: string) =>
  `YAML 格式错误：${YAML_PROBLEMS_ZH.find(([shape]) => shape.test(said))?.[1] ?? '请检查缩进、冒号和引号'}（${said}）`;

/** A field message of the API in Chinese; its English text when no shape matches. */
export function fieldMessageZh(message: string): string {
  for (const [shape, say] of FIELD_MESSAGES_ZH) {
    const match = message.match(shape);
    if (match) return say(match);
  }
  return message;
}

/**
 * A refused body's field messages in Chinese. A field missing altogether fails each of its rules at once
 * (`must be a string`, `must not be blank`, a length): it is said once, as 请填写, not three times.
 */
export function fieldProblemsZh<Problem extends { path: string; message: string }>(
  problems: Problem[],
): Problem[] {
  const missing = new Set(problems.filter((p) => /must be a string$/.test(p.message)).map((p) => p.path));
  return problems
    .filter((p) => !missing.has(p.path) || /must be a string$/.test(p.message))
    .map((p) => ({ ...p, message: fieldMessageZh(p.message) }));
}
