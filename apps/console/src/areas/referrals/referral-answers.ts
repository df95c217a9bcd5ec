import { type ReferralView } from '../../api/types';
import {
  beijingTime,
  CRIMINAL_OUTCOME_ZH,
  FILING_APPROVAL_ZH,
  PROCURATORATE_EVENT_ZH,
  RECONSIDERATION_DECISION_ZH,
  REFERRAL_OUTCOME_ZH,
  REFUSAL_FINDER_ZH,
  SUPERVISION_GROUND_ZH,
} from '../../format';

/** One line of the case page's description: what a step answered, under the step's name. */
export interface ReferralAnswer {
  key: string;
  label: string;
  content: string;
}

const zh = (names: Record<string, string>, value: string) => names[value] ?? value;
const when = (time: string) => `（${beijingTime(time)}）`;
const because = (reason: string | null | undefined) => (reason ? `：${reason}` : '');
/** A step that may be taken more than once is counted: 材料不全（第 2 次）. */
const nth = (label: string, index: number) => `${label}（第 ${index + 1} 次）`;

/** The procuratorate's supervision as it went: the request, its acts and the police's explanation, in time order. */
function supervisionText(supervision: NonNullable<ReferralView['supervision']>): string {
  const ground = supervision.ground ?? 'reconsideration-maintained';
  const lines: Array<{ at: string; text: string }> = [
    { at: supervision.requestedAt, text: `因${zh(SUPERVISION_GROUND_ZH, ground)}建请立案监督` },
    ...supervision.events.map((e) => ({ at: e.at, text: `检察院${zh(PROCURATORATE_EVENT_ZH, e.event)}` })),
    ...(supervision.explainedAt ? [{ at: supervision.explainedAt, text: '公安机关已说明不立案理由' }] : []),
  ];
  return lines
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((line) => `${line.text}${when(line.at)}`)
    .join('；');
}

/**
 * What the steps beyond the main path answered (the police's questions, extensions, reconsideration,
 * supervision, the criminal case's end, findings, how the referral closed). The police read no ledger,
 * so the page itself says each answer to both sides.
 */
export function referralAnswers(view: ReferralView): ReferralAnswer[] {
  const answers: ReferralAnswer[] = [];
  view.incompleteRounds.forEach((round, i) =>
    answers.push({
      key: `incomplete-${i}`,
      label: nth('材料不全', i),
      content: `缺少：${round.missing}；${
        round.completedAt ? `已于 ${beijingTime(round.completedAt)} 补正` : '待移送机关补正'
      }`,
    }),
  );
  view.approvals.forEach((approval, i) =>
    answers.push({
      key: `approval-${i}`,
      label: nth('延长立案审查期限', i),
      content: `${zh(FILING_APPROVAL_ZH, approval.level)}，批准人：${approval.approver}${when(approval.approvedAt)}`,
    }),
  );
  const reconsideration = view.reconsideration;
  if (reconsideration) {
    const decided =
      reconsideration.decision && reconsideration.decidedAt
        ? `${zh(RECONSIDERATION_DECISION_ZH, reconsideration.decision)}${when(reconsideration.decidedAt)}`
        : '待公安机关作出复议决定';
    answers.push({
      key: 'reconsideration',
      label: '复议',
      content: `提请复议${when(reconsideration.requestedAt)}；${decided}`,
    });
  }
  if (view.supervision) {
    answers.push({ key: 'supervision', label: '立案监督', content: supervisionText(view.supervision) });
  }
  const criminal = view.criminalOutcome;
  if (criminal) {
    answers.push({
      key: 'criminal-outcome',
      label: '刑事案件',
      content: `${zh(CRIMINAL_OUTCOME_ZH, criminal.outcome)}${when(criminal.at)}${because(criminal.reason)}`,
    });
  }
  const penalty = view.penaltyAfterReturn;
  if (penalty) {
    answers.push({
      key: 'penalty-after-return',
      label: '退回后的行政处罚',
      content: `${penalty.document ? '已作出行政处罚决定' : '未作行政处罚'}${when(penalty.decidedAt)}${because(penalty.reason)}`,
    });
  }
  (view.dutyCrimeTransfers ?? []).forEach((transfer, i) =>
    answers.push({
      key: `duty-crime-${i}`,
      label: nth('移送监察机关', i),
      content: `已移送${when(transfer.at)}${because(transfer.reason)}`,
    }),
  );
  (view.refusalFindings ?? []).forEach((finding, i) =>
    answers.push({
      key: `refusal-finding-${i}`,
      label: nth('审查意见', i),
      content: `${zh(REFUSAL_FINDER_ZH, finding.foundBy)}${when(finding.at)}${because(finding.reason)}`,
    }),
  );
  if (view.outcome) {
    answers.push({ key: 'outcome', label: '办结方式', content: zh(REFERRAL_OUTCOME_ZH, view.outcome) });
  }
  return answers;
}
