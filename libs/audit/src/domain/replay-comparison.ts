import { type LedgerStep } from '../../../contracts/src/ledger.js';
import { canonicalJson } from '../../../platform/src/json/canonical-json.js';
import { entryHash, stepContent, type ChainedEntry } from '../../../ledger/src/domain/ledger-chain.js';

/**
 * How a step of the replay and the ledger disagree: the ledger has a step the replayed code does not
 * write (not-replayed), or the reverse (not-on-ledger); the action differs; the state after it differs;
 * or the actor, reason, time or ids do (different-entry).
 */
export const STEP_MISMATCH_KINDS = [
  'not-replayed',
  'not-on-ledger',
  'different-action',
  'different-state',
  'different-entry',
] as const;
export type StepMismatchKind = (typeof STEP_MISMATCH_KINDS)[number];

export interface StepMismatch {
  sequence: number;
  kind: StepMismatchKind;
  /** The step's action on the ledger and as the replayed code writes it; null on the side without it. */
  ledgerAction: string | null;
  replayedAction: string | null;
  /** The disagreement in a sentence (for the CLI and logs; a reader's page words it from `kind`). */
  reason: string;
}

export interface StepComparison {
  /** How many ledger steps the replayed code produced. */
  replayedSteps: number;
  /** The ledger entries of the case. */
  ledgerEntries: number;
  /** The first step where replayed code and ledger disagree, or null. */
  firstMismatch: StepMismatch | null;
  /** Whether the replayed code's last step leaves the case in the ledger's final state. */
  finalStateMatches: boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The replayed state as the ledger's entry was written: a field today's code added to the state since
 * (decision 0007), holding its empty value (null or []), was not there to record and is no difference.
 * Any other value in a new field still is.
 */
export function withoutFieldsAddedSince(replayed: unknown, recorded: unknown): unknown {
  if (!isPlainObject(replayed) || !isPlainObject(recorded)) return replayed;
  return Object.fromEntries(
    Object.entries(replayed)
      .filter(
        ([key, value]) =>
          key in recorded || !(value === null || (Array.isArray(value) && value.length === 0)),
      )
      .map(([key, value]) => [key, withoutFieldsAddedSince(value, recorded[key])]),
  );
}

/**
 * Compares the ledger steps a replay of today's code produced with the case's ledger. A replayed step
 * reproduces an entry exactly when, chained onto that entry's predecessor, it hashes to the entry's hash.
 * The first mismatch is the lowest step where the two disagree: a replayed step that differs, an extra
 * one, or a ledger entry that no replayed step writes (wherever it lies, not only at the end).
 */
export function compareReplayedSteps(
  replayed: readonly LedgerStep[],
  ledger: readonly ChainedEntry[],
): StepComparison {
  const bySequence = new Map(ledger.map((entry) => [entry.sequence, entry]));
  const replayedSequences = new Set(replayed.map((step) => step.sequence));
  const unwritten = ledger
    .filter((entry) => !replayedSequences.has(entry.sequence))
    .map((entry): StepMismatch => ({
      sequence: entry.sequence,
      kind: 'not-replayed',
      ledgerAction: entry.action,
      replayedAction: null,
      reason: `the ledger has step ${entry.sequence} (${entry.action}), which the replayed code does not write`,
    }));
  const firstMismatch =
    [...replayed.map((sent) => differenceFromLedger(sent, bySequence)), ...unwritten]
      .filter((mismatch): mismatch is StepMismatch => mismatch !== null)
      .sort((a, b) => a.sequence - b.sequence)[0] ?? null;
  const last = replayed.at(-1);
  const final = ledger.at(-1);
  return {
    replayedSteps: replayed.length,
    ledgerEntries: ledger.length,
    firstMismatch,
    finalStateMatches:
      !!last &&
      !!final &&
      last.sequence === final.sequence &&
      canonicalJson(withoutFieldsAddedSince(last.stateAfter, final.stateAfter)) ===
        canonicalJson(final.stateAfter),
  };
}

/** How a replayed step fails to reproduce the ledger's entry of its sequence, or null when it does. */
function differenceFromLedger(
  sent: LedgerStep,
  bySequence: ReadonlyMap<number, ChainedEntry>,
): StepMismatch | null {
  const entry = bySequence.get(sent.sequence);
  const mismatch = (kind: StepMismatchKind, reason: string): StepMismatch => ({
    sequence: sent.sequence,
    kind,
    ledgerAction: entry?.action ?? null,
    replayedAction: sent.action,
    reason,
  });
  if (!entry)
    return mismatch(
      'not-on-ledger',
      `the replayed code writes step ${sent.sequence} (${sent.action}), which is not on the ledger`,
    );
  if (entry.action !== sent.action)
    return mismatch(
      'different-action',
      `the ledger says '${entry.action}', the replayed code '${sent.action}'`,
    );
  // As the ledger appends it: a step sent without its state before takes its predecessor's state after.
  const stateBefore =
    sent.stateBefore !== undefined
      ? sent.stateBefore
      : (bySequence.get(sent.sequence - 1)?.stateAfter ?? null);
  const step = {
    ...sent,
    stateBefore: withoutFieldsAddedSince(stateBefore, entry.stateBefore),
    stateAfter: withoutFieldsAddedSince(sent.stateAfter, entry.stateAfter),
  };
  if (canonicalJson(entry.stateAfter) !== canonicalJson(step.stateAfter))
    return mismatch('different-state', 'the replayed code computes a different state after the step');
  if (entryHash(entry.prevHash, stepContent(step)) !== entry.hash)
    return mismatch(
      'different-entry',
      'the replayed step differs from the ledger entry (actor, reason, time or ids)',
    );
  return null;
}
