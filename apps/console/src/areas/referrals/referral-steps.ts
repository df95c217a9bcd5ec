import { type ReferralDocument, type ReferralStep, type ReferralView } from '../../api/types';
import { type FileRecord } from '../../components/file-record';
import {
  FILING_APPROVAL_ZH,
  PROCURATORATE_EVENT_ZH,
  RECONSIDERATION_DECISION_ZH,
  REFUSAL_FINDER_ZH,
} from '../../format';

/** A transfer dossier as its field holds it: per checklist kind, the file chosen or why it does not apply. */
export type DossierValue = Record<string, { file?: FileRecord; notApplicable?: string } | undefined>;

/** The values of a step's modal, by field name. */
export type StepValues = Record<string, unknown>;

interface FieldBase {
  name: string;
  label: string;
  /** The message when left empty; a function: required only given the other values (else undefined). */
  required?: string | ((values: StepValues) => string | undefined);
}

export interface SelectOption {
  value: string;
  label: string;
}

/** One field of a step's modal, by kind. */
export type FieldSpec = FieldBase &
  (
    | { kind: 'text' | 'textarea' }
    /**
     * `yes`/`no` options are sent as true/false. A function gives only the options the API takes in the
     * referral's state from the caller's role; a single option is chosen already.
     */
    | {
        kind: 'select';
        options: SelectOption[] | ((view: ReferralView, role: string) => SelectOption[]);
      }
    /** One account per line (the API checks each is an active officer of the unit). */
    | { kind: 'officers' }
    /** A file hashed in the browser, sent as its record under the document kind the step records. */
    | { kind: 'file'; documentKind: string }
    /** The transfer dossier: the view's checklist, each kind a file or (where allowed) a reason. */
    | { kind: 'dossier' }
  );

export interface StepForm {
  /** The route under `/referrals/:id/`. */
  path: string;
  fields: FieldSpec[];
  /** What the step does, said above the fields. */
  note?: string;
  /** The body from the values, where it is not each field under its own name. */
  body?: (values: StepValues, view: ReferralView) => unknown;
}

const REASON: FieldSpec = { name: 'reason', label: '理由或说明（选填）', kind: 'textarea' };
const REASON_REQUIRED: FieldSpec = {
  name: 'reason',
  label: '理由',
  kind: 'textarea',
  required: '请填写理由',
};
const file = (documentKind: string, label: string, required = true): FieldSpec => ({
  name: 'document',
  label: `${label}（计算 SHA-256 后提交其摘要）`,
  kind: 'file',
  documentKind,
  required: required ? `请选择${label}` : undefined,
});
/** A step that records one document (its kind fixed by the step) and a reason, optional by default. */
const documentStep = (
  path: string,
  documentKind: string,
  label: string,
  { reason = REASON, note }: { reason?: FieldSpec; note?: string } = {},
): StepForm => ({ path, note, fields: [file(documentKind, label), reason] });

/** Options named by a map of Chinese names, all of them or the given values. */
const optionsFrom = (names: Record<string, string>, values = Object.keys(names)): SelectOption[] =>
  values.map((value) => ({ value, label: names[value] ?? value }));

/** How far each approval extends the filing period (the policy's extension clocks, 2017 economic-crime rules). */
const EXTENSION_ZH: Record<string, string> = {
  'county-police-head': '延长至 30 日',
  'higher-police': '再延长 30 日',
};
/** Told before a step that returns the case to the unit: it is not closed yet. */
const RETURNS_FOR_PENALTY = '案件退回移送机关，由移送机关依法作出行政处罚或说明不予处罚的理由。';
/** Told before a step that closes the referral: no step follows it. */
const CLOSES = '记录后本案办结，不能再办理其他步骤。';

const asDocument = (value: unknown, kind: string): ReferralDocument | undefined =>
  value ? ({ ...(value as FileRecord), kind } as ReferralDocument) : undefined;

/** The transfer's body: the checklist's files, the kinds left out with their reasons, a penalty decision. */
function transferBody(values: StepValues): unknown {
  const dossier = (values.dossier ?? {}) as DossierValue;
  const documents: ReferralDocument[] = [];
  const notApplicable: Array<{ kind: string; reason: string }> = [];
  for (const [kind, entry] of Object.entries(dossier)) {
    if (entry?.file) documents.push(asDocument(entry.file, kind)!);
    else if (entry?.notApplicable?.trim()) notApplicable.push({ kind, reason: entry.notApplicable.trim() });
  }
  const penalty = asDocument(values.penalty, 'penalty-decision');
  if (penalty) documents.push(penalty);
  return {
    documents,
    notApplicable: notApplicable.length > 0 ? notApplicable : undefined,
    penaltyMade: penalty ? true : undefined,
    reason: values.reason,
  };
}

/**
 * Every referral step a person takes, by the API's step name: its form, or null where the console has
 * none (the button is shown disabled, 请通过接口办理). Keyed by every step, so a step the API gains is a
 * compile error here rather than a button silently missing.
 */
export const REFERRAL_STEP_FORMS: Record<`${ReferralStep}`, StepForm | null> = {
  'form-team': {
    path: 'team',
    note: '专案组至少两名本单位执法人员（《行政执法机关移送涉嫌犯罪案件的规定》第五条）。',
    fields: [
      {
        name: 'officers',
        label: '专案组成员账号（每行一个，至少两人）',
        kind: 'officers',
        required: '请填写至少两名专案组成员',
      },
    ],
  },
  'submit-report': documentStep('report', 'written-report', '书面报告'),
  decide: {
    path: 'decision',
    note: '不予移送的，须写明理由并判断是否达到刑事追诉标准；达到标准而不移送的，将标记为“以罚代刑”。',
    fields: [
      {
        name: 'approved',
        label: '审批意见',
        kind: 'select',
        options: [
          { value: 'yes', label: '同意移送公安机关' },
          { value: 'no', label: '不予移送' },
        ],
        required: '请选择审批意见',
      },
      {
        name: 'thresholdMet',
        label: '是否达到刑事追诉标准（不予移送时填写）',
        kind: 'select',
        options: [
          { value: 'no', label: '未达到' },
          { value: 'yes', label: '已达到' },
        ],
        required: (v) => (v.approved === 'no' ? '不予移送时请判断是否达到刑事追诉标准' : undefined),
      },
      {
        name: 'penalty',
        label: '已作出的行政处罚决定书（选填，计算 SHA-256 后提交其摘要）',
        kind: 'file',
        documentKind: 'penalty-decision',
      },
      {
        name: 'reason',
        label: '理由（不予移送时必填）',
        kind: 'textarea',
        required: (v) => (v.approved === 'no' ? '不予移送时请填写理由' : undefined),
      },
    ],
  },
  transfer: {
    path: 'transfer',
    note: '按移送材料清单逐项提交；检验报告等允许不适用的材料，不提交时须写明理由。移送书副本同时抄送检察院。',
    fields: [
      { name: 'dossier', label: '移送材料', kind: 'dossier' },
      {
        name: 'penalty',
        label: '行政处罚决定书（已作出行政处罚的，计算 SHA-256 后提交其摘要）',
        kind: 'file',
        documentKind: 'penalty-decision',
      },
      REASON,
    ],
    body: transferBody,
  },
  receive: {
    path: 'receipt',
    fields: [file('receipt', '接受回执', false), REASON],
  },
  'notify-incomplete': {
    path: 'incomplete',
    note: '须在接受后 24 小时内通知；移送机关应在 3 日内补正。',
    fields: [{ name: 'missing', label: '缺少的材料', kind: 'textarea', required: '请写明缺少的材料' }],
  },
  'complete-file': {
    path: 'completion',
    fields: [file('supplement', '补正材料'), REASON],
    body: (v) => ({ documents: [asDocument(v.document, 'supplement')], reason: v.reason }),
  },
  'extend-filing-period': {
    path: 'extension',
    fields: [
      {
        name: 'level',
        label: '批准层级',
        kind: 'select',
        // The first extension is the county police head's, the second one level up's (the API's order).
        options: (view) => {
          const level = view.approvals.length === 0 ? 'county-police-head' : 'higher-police';
          return [{ value: level, label: `${FILING_APPROVAL_ZH[level]}（${EXTENSION_ZH[level]}）` }];
        },
        required: '请选择批准层级',
      },
      { name: 'approver', label: '批准人（职务或姓名）', kind: 'text', required: '请填写批准人' },
      file('approval', '延长审批文书'),
      REASON,
    ],
  },
  'decide-filing': {
    path: 'filing-decision',
    fields: [
      {
        name: 'filed',
        label: '决定',
        kind: 'select',
        // Once the procuratorate ordered the filing, the police may only file (P art. 182).
        options: (view) => [
          { value: 'yes', label: '立案' },
          ...(String(view.status) === 'filing-ordered' ? [] : [{ value: 'no', label: '不予立案' }]),
        ],
        required: '请选择是否立案',
      },
      {
        name: 'reason',
        label: '理由（不予立案时必填）',
        kind: 'textarea',
        required: (v) => (v.filed === 'no' ? '不予立案时请填写理由' : undefined),
      },
    ],
  },
  'send-notice': documentStep('notice', 'notice', '书面通知'),
  'request-reconsideration': documentStep('reconsideration-request', 'request-letter', '复议申请书', {
    note: '对不予立案决定有异议的，可在收到通知后 3 日内提请公安机关复议。',
  }),
  'decide-reconsideration': {
    path: 'reconsideration-decision',
    fields: [
      {
        name: 'decision',
        label: '复议决定',
        kind: 'select',
        options: optionsFrom(RECONSIDERATION_DECISION_ZH),
        required: '请选择复议决定',
      },
      REASON,
    ],
  },
  'request-supervision': documentStep('supervision-request', 'request-letter', '立案监督建议书'),
  'record-procuratorate': {
    path: 'procuratorate',
    note: '检察院认为不立案理由成立的，记录后本案办结。',
    fields: [
      {
        name: 'event',
        label: '检察院意见',
        kind: 'select',
        // First the procuratorate asks the police why; after their explanation it orders or accepts.
        options: (view) =>
          optionsFrom(
            PROCURATORATE_EVENT_ZH,
            String(view.status) === 'supervision'
              ? ['explanation-requested']
              : ['filing-ordered', 'reasons-accepted'],
          ),
        required: '请选择检察院意见',
      },
      file('procuratorate-document', '检察院文书'),
      REASON,
    ],
  },
  explain: documentStep('explanation', 'explanation', '不立案理由说明书'),
  'accept-non-filing': {
    path: 'acceptance',
    note: '接受后本案办结，不再提请复议或立案监督。',
    fields: [REASON_REQUIRED],
  },
  'hand-over': {
    path: 'handover',
    fields: [file('handover-list', '移交清单'), REASON],
    body: (v) => ({ documents: [asDocument(v.document, 'handover-list')], reason: v.reason }),
  },
  'withdraw-case': documentStep('withdrawal', 'notice', '撤销案件决定书', {
    reason: REASON_REQUIRED,
    note: RETURNS_FOR_PENALTY,
  }),
  'record-non-prosecution': documentStep('non-prosecution', 'procuratorate-document', '不起诉决定书', {
    note: RETURNS_FOR_PENALTY,
  }),
  'conclude-criminal-case': documentStep('criminal-conclusion', 'procuratorate-document', '起诉书或判决书', {
    note: CLOSES,
  }),
  'decide-penalty': {
    path: 'penalty-decision',
    note: CLOSES,
    fields: [
      {
        name: 'penalty',
        label: '行政处罚决定书（计算 SHA-256 后提交其摘要；未作处罚的写明理由）',
        kind: 'file',
        documentKind: 'penalty-decision',
      },
      {
        name: 'reason',
        label: '理由（未作行政处罚时必填）',
        kind: 'textarea',
        required: (v) => (v.penalty ? undefined : '未选择处罚决定书时请填写理由'),
      },
    ],
  },
  'transfer-duty-crime-clue': documentStep(
    'duty-crime-clues',
    'supervisory-transfer-letter',
    '移送监察机关函',
    {
      reason: REASON_REQUIRED,
    },
  ),
  'record-refusal-finding': {
    path: 'refusal-findings',
    fields: [
      {
        name: 'foundBy',
        label: '审查意见来源',
        kind: 'select',
        // An auditor records the audit's finding; a supervisor records the procuratorate's.
        options: (_, role) =>
          optionsFrom(REFUSAL_FINDER_ZH, [role === 'auditor' ? 'auditor' : 'procuratorate']),
        required: '请选择审查意见来源',
      },
      file('finding', '审查意见'),
      REASON_REQUIRED,
    ],
  },
};

/** The options a select offers the caller in the referral's state. */
export const selectOptions = (
  field: FieldSpec & { kind: 'select' },
  view: ReferralView,
  role: string,
): SelectOption[] => (typeof field.options === 'function' ? field.options(view, role) : field.options);

/** The body of a step from its modal's values: each field under its name, as the API takes it. */
export function stepBody(form: StepForm, values: StepValues, view: ReferralView): unknown {
  if (form.body) return form.body(values, view);
  const body: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    switch (field.kind) {
      case 'officers':
        body[field.name] = (typeof value === 'string' ? value : '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        break;
      case 'file':
        body[field.name] = asDocument(value, field.documentKind);
        break;
      case 'select':
        body[field.name] = value === 'yes' ? true : value === 'no' ? false : value;
        break;
      case 'text':
      case 'textarea':
      case 'dossier':
        body[field.name] = typeof value === 'string' ? value.trim() || undefined : value;
    }
  }
  return body;
}

/** The form field an API field path belongs to: `officers[1]` → officers, `documents[2].sha256` → dossier. */
export function fieldOf(form: StepForm, path: string): string[] {
  const first = /^[^.[]+/.exec(path)?.[0] ?? path;
  if (form.fields.some((field) => field.name === first)) return [first];
  if (form.fields.some((field) => field.kind === 'dossier')) return ['dossier'];
  const single = form.fields.find((field) => field.kind === 'file');
  if (first === 'documents' && single) return [single.name];
  if (first === 'approval' && single) return [single.name];
  return [first];
}
