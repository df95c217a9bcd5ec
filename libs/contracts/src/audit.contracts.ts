import { type Sinks } from '@temporalio/workflow';
import { type LedgerStep } from './ledger.js';

/**
 * Replay verification (docs/domain.md §3.6) asks whether today's workflow code, replaying a case's recorded
 * history, produces the same ledger steps as the ones on the ledger. The replay worker runs under this
 * name; the workflow interceptor hands every ledger step the replayed code schedules to the sink below,
 * and does nothing on ordinary workers.
 */
export const AUDIT_REPLAY_NAME = 'duban-audit-replay';

export interface AuditReplaySinks extends Sinks {
  auditReplay: { ledgerStep(step: LedgerStep): void };
}

/** A ledger step among an activity's arguments: every record*Step activity takes one first. */
export function asLedgerStep(arg: unknown): LedgerStep | null {
  if (typeof arg !== 'object' || arg === null) return null;
  const step = arg as Partial<LedgerStep>;
  return typeof step.caseId === 'string' && typeof step.sequence === 'number' && 'stateAfter' in step
    ? (step as LedgerStep)
    : null;
}

/**
 * A document a case refers to, as a dossier lists it: its metadata and content hash (never the
 * content). `origin` names the context that contributed it.
 */
export interface CaseDocument {
  origin: string;
  name: string;
  mediaType: string | null;
  size: number | null;
  sha256: string;
  /** The ledger step that first recorded it, when it came from the ledger. */
  sequence: number | null;
}

/**
 * The hook through which a context contributes the documents it keeps for its cases (e.g. referral
 * attachments stored outside the ledger). Register it with the audit context's CaseDocumentSources.
 */
export interface CaseDocumentSource {
  documentsOf(caseType: string, caseId: string): Promise<CaseDocument[]>;
}
