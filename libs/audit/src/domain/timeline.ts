import { type LedgerContent } from '../../../ledger/src/domain/ledger-chain.js';
import { type TimelineEntry } from './history-events.js';

/** A ledger entry on the timeline: the step, who took it and why. */
export function ledgerTimelineEntry(entry: LedgerContent): TimelineEntry {
  return {
    at: entry.occurredAt,
    source: 'ledger',
    kind: 'ledger-step',
    summary: `step ${entry.sequence}: ${entry.action}`,
    actor: { userId: entry.actorId, role: entry.actorRole, unitId: entry.actorUnit },
    reason: entry.reason,
    workflowId: entry.workflowId,
    runId: entry.runId,
    sequence: entry.sequence,
    eventId: null,
  };
}

/**
 * One timeline in time order. At the same instant the Temporal event comes first: the update or timer
 * is what caused the step the ledger records.
 */
export function mergeTimeline(
  ledger: readonly LedgerContent[],
  temporal: readonly TimelineEntry[],
): TimelineEntry[] {
  return [...temporal, ...ledger.map(ledgerTimelineEntry)]
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ entry }) => entry);
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function paginate<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: items.length };
}
