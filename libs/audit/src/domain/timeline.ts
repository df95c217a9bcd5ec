import { type LedgerContent } from '../../../ledger/src/domain/ledger-chain.js';
import { type TimelineEntry } from './history-events.js';

/** What the timeline shows of a ledger entry: the step, who took it and why; not the states. */
export type LedgerStepSummary = Pick<
  LedgerContent,
  | 'sequence'
  | 'action'
  | 'actorId'
  | 'actorRole'
  | 'actorUnit'
  | 'reason'
  | 'occurredAt'
  | 'workflowId'
  | 'runId'
>;

/** A ledger entry on the timeline: the step, who took it and why. */
export function ledgerTimelineEntry(entry: LedgerStepSummary): TimelineEntry {
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

/** A notification as the inbox holds it, one per key (however many recipients). */
export interface InboxNotification {
  key: string;
  kind: string;
  at: string;
  recipients: number;
}

/**
 * A notification on the timeline. Its key names the case's workflow and the step that caused it
 * (`<workflow id>:<sequence>:<kind>`); since notices are written with the step's record, the inbox, not
 * the workflow history, is where every notification shows.
 */
export function inboxTimelineEntry(
  notification: InboxNotification,
  runOf: (sequence: number) => string,
): TimelineEntry {
  const [workflowId, sequence] = splitNotificationKey(notification.key);
  return {
    at: notification.at,
    source: 'inbox',
    kind: 'notification',
    summary: `notification ${notification.kind} to ${notification.recipients} recipient(s)`,
    actor: { userId: 'system', role: 'system', unitId: 'system' },
    reason: null,
    workflowId,
    runId: runOf(sequence),
    sequence,
    eventId: null,
  };
}

/** The workflow id and step sequence of a notification key. */
export function splitNotificationKey(key: string): [workflowId: string, sequence: number] {
  const withoutKind = key.slice(0, key.lastIndexOf(':'));
  const at = withoutKind.lastIndexOf(':');
  return [withoutKind.slice(0, at), Number(withoutKind.slice(at + 1))];
}

/**
 * One timeline in time order. At the same instant the Temporal event comes first: the update or timer
 * is what caused the step the ledger records.
 */
export function mergeTimeline(
  ledger: readonly LedgerStepSummary[],
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

/**
 * The ledger steps (in time order, then sequence) that page `page` of the merged timeline can hold: its
 * first place is at most `temporalCount` places after the first of them, so no earlier step is needed.
 */
export function ledgerWindow(
  page: number,
  pageSize: number,
  temporalCount: number,
): { offset: number; limit: number } {
  const start = (page - 1) * pageSize;
  const offset = Math.max(0, start - temporalCount);
  return { offset, limit: start + pageSize - offset };
}

/**
 * Page `page` of mergeTimeline(every ledger step, temporal), from the steps of ledgerWindow alone: the
 * steps before the window all come before its first step, and so do the events up to that instant.
 */
export function timelinePage(
  temporal: readonly TimelineEntry[],
  window: { offset: number; steps: readonly LedgerStepSummary[] },
  ledgerTotal: number,
  page: number,
  pageSize: number,
): Page<TimelineEntry> {
  let first = window.offset;
  let rest = temporal;
  if (window.offset > 0 && window.steps.length > 0) {
    const firstStepAt = Date.parse(window.steps[0].occurredAt);
    rest = temporal.filter((entry) => Date.parse(entry.at) > firstStepAt);
    first += temporal.length - rest.length;
  }
  const start = (page - 1) * pageSize - first;
  return {
    items: mergeTimeline(window.steps, rest).slice(start, start + pageSize),
    page,
    pageSize,
    total: ledgerTotal + temporal.length,
  };
}
