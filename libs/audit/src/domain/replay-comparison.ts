import { type LedgerStep } from '../../../contracts/src/ledger.js';
import { canonicalJson } from '../../../platform/src/json/canonical-json.js';
import { entryHash, stepContent, type ChainedEntry } from '../../../ledger/src/domain/ledger-chain.js';

export interface StepMismatch {
  sequence: number;
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
 */
export function compareReplayedSteps(
  replayed: readonly LedgerStep[],
  ledger: readonly ChainedEntry[],
): StepComparison {
  const bySequence = new Map(ledger.map((entry) => [entry.sequence, entry]));
  let firstMismatch: StepMismatch | null = null;
  for (const sent of replayed) {
    const entry = bySequence.get(sent.sequence);
    // As the ledger appends it: a step sent without its state before takes its predecessor's state after.
    const stateBefore =
      sent.stateBefore !== undefined
        ? sent.stateBefore
        : (bySequence.get(sent.sequence - 1)?.stateAfter ?? null);
    const step = entry
      ? {
          ...sent,
          stateBefore: withoutFieldsAddedSince(stateBefore, entry.stateBefore),
          stateAfter: withoutFieldsAddedSince(sent.stateAfter, entry.stateAfter),
        }
      : { ...sent, stateBefore };
    const reason = !entry
      ? `the replayed code writes step ${step.sequence} (${step.action}), which is not on the ledger`
      : entry.action !== step.action
        ? `the ledger says '${entry.action}', the replayed code '${step.action}'`
        : canonicalJson(entry.stateAfter) !== canonicalJson(step.stateAfter)
          ? 'the replayed code computes a different state after the step'
          : entryHash(entry.prevHash, stepContent(step)) !== entry.hash
            ? 'the replayed step differs from the ledger entry (actor, reason, time or ids)'
            : null;
    if (reason) {
      firstMismatch = { sequence: step.sequence, reason };
      break;
    }
  }
  const last = replayed.at(-1);
  const final = ledger.at(-1);
  if (!firstMismatch && replayed.length < ledger.length) {
    const missing = ledger[replayed.length];
    firstMismatch = {
      sequence: missing.sequence,
      reason: `the ledger has step ${missing.sequence} (${missing.action}), which the replayed code does not write`,
    };
  }
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
