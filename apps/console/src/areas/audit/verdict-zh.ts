import {
  type StepComparison,
  type StepMismatch,
  type StepMismatchKind,
} from '../../../../../libs/audit/src/domain/replay-comparison.js';
import { stepZh } from '../../format.js';

/** A verification's outcome as the page says it: a sentence, and the API's own code and words for support. */
export interface VerdictZh {
  ok: boolean;
  title: string;
  /** The API's code and English reason, shown small beneath a failure (null when it passed). */
  code: string | null;
}

/** What a replay verification answers (GET /audit/cases/:caseId/verify/replay), as the page reads it. */
export interface ReplayOutcome extends StepComparison {
  reproduced: boolean;
  runs: Array<{ error: string | null }>;
}

/** Says a step by its action (the case type's words), or — where that side has none. */
type StepSaid = (action: string | null) => string;

const MISMATCH_ZH: Record<StepMismatchKind, (m: StepMismatch, step: StepSaid) => string> = {
  'not-replayed': (m, step) => `台账第 ${m.sequence} 步（${step(m.ledgerAction)}）现行代码重放时没有写出`,
  'not-on-ledger': (m, step) =>
    `现行代码重放时写出了第 ${m.sequence} 步（${step(m.replayedAction)}），台账上没有这一步`,
  'different-action': (m, step) =>
    `台账第 ${m.sequence} 步是“${step(m.ledgerAction)}”，现行代码重放为“${step(m.replayedAction)}”`,
  'different-state': (m, step) =>
    `第 ${m.sequence} 步（${step(m.ledgerAction)}）之后的案件状态，现行代码算得与台账不同`,
  'different-entry': (m, step) =>
    `第 ${m.sequence} 步（${step(m.ledgerAction)}）的办理人、理由、时间或编号与台账记录不符`,
};

/** 重放核验: whether today's code reproduces the case's ledger, and where it first does not. */
export function replayVerdictZh(verdict: ReplayOutcome, caseType: string): VerdictZh {
  if (verdict.reproduced) {
    return {
      ok: true,
      title: `重放一致：${verdict.replayedSteps} / ${verdict.ledgerEntries} 步`,
      code: null,
    };
  }
  const failedRun = verdict.runs.find((run) => run.error !== null);
  const mismatch = verdict.firstMismatch;
  const step: StepSaid = (action) => (action === null ? '—' : stepZh(caseType, action));
  if (failedRun) {
    return {
      ok: false,
      title: '重放不一致：流程的记录历史不能在现行代码上重放（代码改变了流程的执行顺序）',
      code: failedRun.error,
    };
  }
  if (mismatch) {
    return {
      ok: false,
      title: `重放不一致：${MISMATCH_ZH[mismatch.kind](mismatch, step)}`,
      code: `${mismatch.kind}（${mismatch.reason}）`,
    };
  }
  return { ok: false, title: '重放不一致：重放后的最终状态与台账不同', code: 'final-state' };
}

/** 核验台账哈希链: the chain intact (its length and head), or where it breaks. */
export function chainVerdictZh(verdict: {
  intact: boolean;
  entries: number;
  head?: string;
  brokenAt?: number;
  reason?: string;
}): VerdictZh {
  return verdict.intact
    ? { ok: true, title: `台账完整：${verdict.entries} 条，链头 ${verdict.head ?? ''}`, code: null }
    : brokenChainZh(verdict.brokenAt, verdict.reason);
}

const brokenChainZh = (brokenAt: number | undefined, reason: string | undefined): VerdictZh => ({
  ok: false,
  title: `台账在第 ${brokenAt} 条断开：该条与哈希链不符，台账可能被改动`,
  code: reason ?? null,
});

/** What a period's verification answers (GET /audit/ledger/verify?from&to). */
export interface PeriodVerdict {
  casesChecked: number;
  intact: boolean;
  broken: Array<{ caseId: string; brokenAt: number; reason: string }>;
}

/** 核验台账（时段）: every chain with a step in the period intact, or which ones break and where. */
export function periodVerdictZh(verdict: PeriodVerdict): {
  summary: VerdictZh;
  broken: Array<VerdictZh & { caseId: string }>;
} {
  return {
    summary: {
      ok: verdict.intact,
      title: verdict.intact
        ? `时段内有步骤的 ${verdict.casesChecked} 个案件，台账哈希链均完整`
        : `时段内有步骤的 ${verdict.casesChecked} 个案件中，${verdict.broken.length} 个案件的台账哈希链断开`,
      code: null,
    },
    broken: verdict.broken.map((b) => ({ caseId: b.caseId, ...brokenChainZh(b.brokenAt, b.reason) })),
  };
}
