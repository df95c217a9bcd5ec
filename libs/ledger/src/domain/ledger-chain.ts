import { createHash } from 'node:crypto';
import { type LedgerStep } from '../../../contracts/src/ledger.js';
import { canonicalJson } from '../../../platform/src/json/canonical-json.js';

/** The previous hash of a case's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one ledger entry: everything that says who did what, when and why. */
export interface LedgerContent {
  caseType: string;
  caseId: string;
  sequence: number;
  actorId: string;
  actorRole: string;
  actorUnit: string;
  action: string;
  reason: string | null;
  stateBefore: unknown;
  stateAfter: unknown;
  occurredAt: string;
  workflowId: string;
  runId: string;
  requestId: string;
}

export interface ChainedEntry extends LedgerContent {
  prevHash: string;
  hash: string;
}

/** Exactly the hashed fields, whatever else the object carries (ids, recording time). */
export function ledgerContent(e: LedgerContent): LedgerContent {
  return {
    caseType: e.caseType,
    caseId: e.caseId,
    sequence: e.sequence,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorUnit: e.actorUnit,
    action: e.action,
    reason: e.reason,
    stateBefore: e.stateBefore,
    stateAfter: e.stateAfter,
    occurredAt: e.occurredAt,
    workflowId: e.workflowId,
    runId: e.runId,
    requestId: e.requestId,
  };
}

/** The hashed content of a step as a workflow hands it over (actor as one object). */
export function stepContent(step: LedgerStep): LedgerContent {
  return {
    caseType: step.caseType,
    caseId: step.caseId,
    sequence: step.sequence,
    actorId: step.actor.userId,
    actorRole: step.actor.role,
    actorUnit: step.actor.unitId,
    action: step.action,
    reason: step.reason,
    stateBefore: step.stateBefore ?? null,
    stateAfter: step.stateAfter,
    occurredAt: step.occurredAt,
    workflowId: step.workflowId,
    runId: step.runId,
    requestId: step.requestId,
  };
}

/** sha256 over the previous hash and the canonical JSON of the entry. */
export function entryHash(prevHash: string, content: LedgerContent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(ledgerContent(content)))
    .digest('hex');
}

export type ChainVerdict =
  | { intact: true; entries: number; head: string }
  | { intact: false; entries: number; brokenAt: number; reason: string };

/** Recomputes a case's chain in sequence order and reports the first broken link. */
export function verifyChain(entries: readonly ChainedEntry[]): ChainVerdict {
  return new ChainVerifier().add(entries).verdict();
}

/**
 * Verifies a chain fed in pieces (batches read in sequence order), holding only the last hash: a long
 * chain is checked in constant memory, with the same verdict as verifyChain over all of it.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private count = 0;
  private failure: { brokenAt: number; reason: string } | null = null;

  add(entries: readonly ChainedEntry[]): this {
    for (const entry of entries) {
      this.count += 1;
      if (!this.failure) this.failure = this.check(entry);
    }
    return this;
  }

  verdict(): ChainVerdict {
    return this.failure
      ? { intact: false, entries: this.count, ...this.failure }
      : { intact: true, entries: this.count, head: this.prevHash };
  }

  private check(entry: ChainedEntry): { brokenAt: number; reason: string } | null {
    const broken = (reason: string) => ({ brokenAt: entry.sequence, reason });
    if (entry.sequence !== this.count) {
      return broken(`expected sequence ${this.count}, found ${entry.sequence}`);
    }
    if (entry.prevHash !== this.prevHash) {
      return broken('previous-hash link does not match the entry before it');
    }
    if (entryHash(this.prevHash, ledgerContent(entry)) !== entry.hash) {
      return broken('content does not match its hash (the entry was altered)');
    }
    this.prevHash = entry.hash;
    return null;
  }
}
