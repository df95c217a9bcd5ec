import {
  beijingTime,
  CARD_STATUS_ZH,
  CARD_SUBJECT_ZH,
  COLOUR_ZH,
  COMPLAINT_CLOCK_ZH,
  COMPLAINT_OUTCOME_ZH,
  COMPLAINT_STATUS_ZH,
  DIRECTIVE_STATUS_ZH,
  GRADE_ZH,
  LEAD_SOURCE_ZH,
  REFERRAL_CATEGORY_ZH,
  REFERRAL_CLOCK_ZH,
  REFERRAL_DOCUMENT_ZH,
  REFERRAL_STATUS_ZH,
  REPORT_STATUS_ZH,
  REWARD_STATUS_ZH,
  RISK_STATUS_ZH,
  ROLE_ZH,
  SOURCE_ZH,
  spanZh,
  yuan,
} from '../../format.js';

/**
 * Every field of the case states a ledger records (risk item, card, directive, complaint, referral,
 * report request) and of the records inside them, as their pages say them. A field missing here shows
 * its code; test/unit/audit/recorded-values.spec.ts keeps the table complete.
 */
const FIELD_ZH: Record<string, string> = {
  acceptance: '受理',
  accepted: '予以受理',
  accountability: '问责',
  acknowledgedAt: '签收时间',
  acknowledgedBy: '签收人',
  actionNo: '行动编号',
  address: '地址',
  administrativeOnly: '仅作行政处理',
  amountFen: '金额',
  answer: '回答',
  answeredAt: '回答时间',
  approvals: '审批',
  approved: '批准',
  approvedAboveCap: '超过上限经批准',
  approvedAt: '批准时间',
  approvedBy: '批准人',
  approver: '审批人',
  askedAt: '提问时间',
  askedBy: '提问人',
  assigneeUnitId: '接收单位',
  at: '时间',
  atTop: '已达最高等级',
  attendees: '参加人员',
  basis: '依据',
  basisFen: '计奖基数',
  body: '正文',
  business: '经营主体',
  by: '办理人',
  cancelReason: '撤销理由',
  cardRaised: '已亮牌',
  category: '类别',
  chainRunId: '流程运行编号',
  claimedAt: '申领时间',
  clock: '时限',
  clocks: '时限',
  closeReason: '办结理由',
  closedAt: '办结时间',
  closedBy: '办结人',
  colour: '牌色',
  completedAt: '补正时间',
  creditCode: '统一社会信用代码',
  criminalOutcome: '刑事案件结果',
  criminalThreshold: '达到移送标准',
  deadline: '整改期限',
  decidedAt: '决定时间',
  decidedBy: '决定人',
  decision: '决定',
  deliverableId: '报送事项',
  description: '描述',
  document: '文书',
  documents: '文书',
  dossier: '移送材料',
  dueAt: '截止时间',
  dutyCrimeTransfers: '职务犯罪线索移送',
  employer: '工作单位',
  event: '事项',
  events: '记录',
  evidence: '证据',
  expiredAt: '届满时间',
  explainedAt: '说明理由时间',
  explanation: '说明',
  extension: '延长期限',
  fileName: '文件名',
  filed: '立案',
  filing: '立案',
  formedAt: '组成时间',
  formedBy: '组成人',
  foundBy: '审查人',
  from: '起',
  grade: '等级',
  grades: '等级',
  ground: '理由',
  groupKey: '并案标识',
  handedOverAt: '移交时间',
  handedOverBy: '移交人',
  handover: '涉案物品移交',
  held: '约谈记录',
  heldAt: '约谈时间',
  id: '编号',
  identifiers: '标识',
  incompleteRounds: '材料补正',
  indicatorId: '指标',
  indicators: '指标',
  informedAt: '告知举报人时间',
  insider: '内部人员',
  interpretation: '适用解释',
  issuedAt: '下发时间',
  issuedBy: '下发人',
  key: '标识',
  kind: '类型',
  label: '名称',
  late: '逾期报送',
  leaderRole: '约谈领导',
  letter: '问责函',
  level: '当前等级',
  levels: '等级记录',
  markedAt: '认定时间',
  markedBy: '认定人',
  mayBeNotApplicable: '可不适用的材料',
  measure: '计量单位',
  measures: '整改措施',
  mediaType: '文件类型',
  minutes: '约谈纪要',
  missing: '缺少的材料',
  name: '名称',
  nameZh: '名称',
  named: '实名',
  note: '签收意见',
  notApplicable: '不适用的材料',
  notices: '书面通知',
  notifiedAt: '通知时间',
  notifiedBy: '通知人',
  occurredOn: '发生日期',
  officers: '办案人员',
  onExpiry: '到期处理',
  openedAt: '发起时间',
  openedLate: '补发',
  outcome: '处理结果',
  overdue: '已逾期',
  paidAt: '发放时间',
  paidBy: '发放人',
  parcelCode: '地块编码',
  party: '责任方',
  payout: '发放',
  penalty: '行政处罚',
  penaltyAfterReturn: '退回后的行政处罚',
  perReporterFen: '每人金额',
  period: '报送期间',
  place: '地点',
  planVersion: '方案版本',
  policyVersion: '政策版本',
  problems: '存在问题',
  procuratorateLiaison: '检察院联络人',
  progress: '工作进展',
  proposedAt: '拟定时间',
  proposedBy: '拟定人',
  pseudonym: '化名',
  question: '问题',
  questions: '提问',
  reachedAt: '到达时间',
  reason: '理由',
  receipt: '接受',
  receivedAt: '收到时间',
  receivedBy: '接收人',
  recipients: '接收对象',
  reconsideration: '复议',
  recordedAt: '记录时间',
  recordedBy: '记录人',
  rectification: '整改情况',
  ref: '关联编号',
  reference: '凭证编号',
  referral: '移送',
  referralId: '移送案件编号',
  referredAt: '移送时间',
  referredBy: '移送人',
  referredTo: '移送机关',
  refusalFindings: '不予移送审查意见',
  registeredAt: '登记时间',
  registeredBy: '登记人',
  registeringUnitId: '登记单位',
  remainingMs: '剩余时长',
  reminded: '已提醒',
  remindedAt: '提醒时间',
  reminderAt: '提醒时间',
  reminderLeadMs: '提前提醒',
  reminderSent: '已发整改提醒',
  reopenOf: '重新打开自',
  report: '书面报告',
  reporters: '举报人',
  requestedAt: '申请时间',
  requestedBy: '申请人',
  requiredDossier: '应备移送材料',
  residentId: '身份证号',
  respondedAt: '回应时间',
  respondedBy: '回应人',
  responses: '单位回应',
  responsibleUnitId: '责任单位',
  responsibleUserId: '责任人',
  result: '结果',
  resumeTo: '恢复后的状态',
  retaliation: '打击报复',
  revealedAt: '揭示时间',
  reveals: '揭示身份申请',
  reward: '举报奖励',
  role: '角色',
  round: '整改轮次',
  rule: '规则',
  scheduledFor: '安排时间',
  scope: '范围',
  sentAt: '送达时间',
  sentBy: '送达人',
  sequence: '台账步数',
  sha256: '文件摘要（SHA-256）',
  since: '开始时间',
  size: '文件大小（字节）',
  source: '来源',
  sourceDate: '来源日期',
  sourceRef: '来源编号',
  stage: '阶段',
  stallRegistration: '摊贩登记号',
  startedAt: '开始时间',
  status: '状态',
  stoppedAt: '停止时间',
  subject: '所涉对象',
  subjectResolved: '所涉事项已办结',
  submission: '报送',
  submissions: '整改报送',
  submittedAt: '报送时间',
  submittedBy: '报送人',
  substantiated: '查证属实',
  summary: '案情摘要',
  summons: '约谈',
  supervision: '立案监督',
  sure: '确定程度',
  suspension: '中止',
  team: '专案组',
  text: '内容',
  thresholdMet: '达到刑事追诉标准',
  title: '标题',
  to: '止',
  townshipId: '乡镇',
  traceable: '可联系举报人',
  transfer: '移送',
  transferredAt: '移送时间',
  transferredBy: '移送人',
  triggers: '亮牌事由',
  type: '类型',
  unitId: '单位',
  value: '数值',
  values: '填报数值',
  verificationDelegation: '核查委托',
  verificationDueAt: '核查期限',
  verificationReminded: '已发核查提醒',
  verifications: '核查记录',
  verifiedAt: '核查时间',
  verifiedBy: '核查人',
  waterBodyCode: '水体编码',
  what: '举报内容',
};

/** Where a case type says a field otherwise. */
const FIELD_ZH_OF: Record<string, Record<string, string>> = {
  'report-request': { deadline: '报送期限' },
  card: { subject: '所涉事项' },
};

/** A field of a case type's state, in Chinese (its code when the table lacks it). */
export const fieldZh = (caseType: string, field: string) =>
  FIELD_ZH_OF[caseType]?.[field] ?? FIELD_ZH[field] ?? field;

/** The fields the table names, for its test. */
export const NAMED_FIELDS: ReadonlySet<string> = new Set(Object.keys(FIELD_ZH));

const VERIFICATION_RESULT_ZH = { accepted: '通过', rejected: '不通过' };

/**
 * Coded values in the words of each case type's pages, by the field's path in the state (indices left
 * out) or, failing that, by the field's own name.
 */
const VALUES_ZH: Record<string, Record<string, Record<string, string>>> = {
  'risk-item': {
    status: RISK_STATUS_ZH,
    resumeTo: RISK_STATUS_ZH,
    source: SOURCE_ZH,
    'verifications.result': VERIFICATION_RESULT_ZH,
  },
  card: { status: CARD_STATUS_ZH, 'subject.type': CARD_SUBJECT_ZH },
  directive: { status: DIRECTIVE_STATUS_ZH },
  'report-request': { status: REPORT_STATUS_ZH },
  complaint: {
    status: COMPLAINT_STATUS_ZH,
    'reward.status': REWARD_STATUS_ZH,
    'outcome.kind': COMPLAINT_OUTCOME_ZH,
    clock: COMPLAINT_CLOCK_ZH,
  },
  referral: {
    status: REFERRAL_STATUS_ZH,
    source: LEAD_SOURCE_ZH,
    category: REFERRAL_CATEGORY_ZH,
    clock: REFERRAL_CLOCK_ZH,
    kind: REFERRAL_DOCUMENT_ZH,
    requiredDossier: REFERRAL_DOCUMENT_ZH,
    mayBeNotApplicable: REFERRAL_DOCUMENT_ZH,
  },
};

/** Coded values said the same way in every case type. */
const COMMON_VALUES_ZH: Record<string, Record<string, string>> = {
  colour: COLOUR_ZH,
  grade: GRADE_ZH,
  grades: GRADE_ZH,
  role: ROLE_ZH,
  scope: { 'card-unit': '本单位', county: '全县' },
  stage: { before: '整改前', after: '整改后' },
};

const UNIT_FIELDS = new Set(['unitId', 'responsibleUnitId', 'assigneeUnitId', 'registeringUnitId']);
/** Fields holding an official's id: `…By`, a risk item's 责任人, an approver, a case team's officers. */
const isPersonField = (field: string) =>
  /By$/.test(field) || ['by', 'responsibleUserId', 'approver', 'officers'].includes(field);

/** An instant as the engine records it (UTC or with an offset); bare dates stay as they are. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** What reading a recorded value needs besides the value: the case, its state, the names of ids. */
export interface Reading {
  caseType: string;
  /** The state the value belongs to: a card's levels name its level. */
  state: unknown;
  unitName: (id: string) => string;
  personName: (id: string) => string;
}

/** A text the engine records in both languages (a rule, an interpretation). */
const isTextPair = (value: object): value is { en: string; zh: string } =>
  'zh' in value && 'en' in value && typeof value.zh === 'string' && Object.keys(value).length === 2;

/** A card's level (an index into its ladder) by the name the card recorded for it: 黄牌警示. */
function cardLevelZh(level: number, state: unknown): string {
  const levels = (state as { levels?: Array<{ level: number; nameZh?: string }> } | null)?.levels;
  return levels?.find((l) => l.level === level)?.nameZh ?? `第 ${level + 1} 级`;
}

function stringZh(value: string, path: string, field: string, reading: Reading): string {
  if (INSTANT.test(value)) return beijingTime(value);
  if (UNIT_FIELDS.has(field)) return reading.unitName(value);
  if (isPersonField(field)) return reading.personName(value);
  const labels = VALUES_ZH[reading.caseType] ?? {};
  return (labels[path] ?? labels[field] ?? COMMON_VALUES_ZH[field])?.[value] ?? value;
}

function numberZh(value: number, field: string, reading: Reading): string {
  if (field === 'level' && reading.caseType === 'card') return cardLevelZh(value, reading.state);
  if (field.endsWith('Fen')) return yuan(value);
  if (field.endsWith('Ms')) return spanZh(value);
  return String(value);
}

/**
 * A recorded value as a person reads it, at its path in the state (`verifications[0].verifiedAt`):
 * nothing as —, instants in Beijing time, units and officials by name, coded values and statuses in
 * Chinese, yes or no, money in yuan; a text kept in both languages in Chinese; an object as `字段: 值`
 * lines (nested ones indented), a list as its numbered items.
 */
export function recordedValueZh(value: unknown, path: string, reading: Reading): string {
  const fieldPath = path.replace(/\[\d+\]/g, '');
  const field = fieldPath.split('.').at(-1) ?? '';
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return stringZh(value, fieldPath, field, reading);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return numberZh(value, field, reading);
  if (typeof value !== 'object') return '—';
  if (isTextPair(value)) return value.zh;
  const lines = Array.isArray(value)
    ? value.map((item, i) => [`第 ${i + 1} 项`, recordedValueZh(item, fieldPath, reading)] as const)
    : Object.entries(value).map(
        ([key, item]) =>
          [
            fieldZh(reading.caseType, key),
            recordedValueZh(item, fieldPath ? `${fieldPath}.${key}` : key, reading),
          ] as const,
      );
  if (lines.length === 0) return '（无）';
  return lines
    .map(([label, said]) =>
      said.includes('\n') ? `${label}:\n  ${said.replaceAll('\n', '\n  ')}` : `${label}: ${said}`,
    )
    .join('\n');
}

/**
 * A changed field's path in Chinese: `verifications[0].verifiedAt` → `核查记录 第 1 项 › 核查时间`. A
 * text kept in both languages is one field (`deadline.rule.zh` → `整改期限 › 规则`).
 */
export const pathZh = (caseType: string, path: string) =>
  path
    .replace(/\.zh$/, '')
    .split('.')
    .map((segment) =>
      segment
        .replace(/^[^[]+/, (name) => fieldZh(caseType, name))
        .replace(/\[(\d+)\]/g, (_all, i: string) => ` 第 ${Number(i) + 1} 项`),
    )
    .join(' › ');

/** The English twin of a text kept in both languages: its Chinese row says the change. */
export const isEnglishTwin = (path: string) => path.endsWith('.en');
