import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { REPO_ROOT } from './repo-root.js';

export const HISTORY_FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures', 'histories');

/**
 * `npm run record-histories` sets DUBAN_RECORD_HISTORIES=1 and runs the workflow tests: each scenario
 * then saves its history as a replay fixture. Committed fixtures are replayed by every `npm test`
 * (test/workflows/replay.spec.ts), so a workflow change that would break open cases fails CI.
 */
export interface HistoryFixture {
  workflowId: string;
  history: {
    events: Array<{ workflowExecutionStartedEventAttributes?: { workflowType: { name: string } } }>;
  };
}

export async function saveHistoryFixture(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.DUBAN_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  mkdirSync(HISTORY_FIXTURES_DIR, { recursive: true });
  // The workflow id is part of what replays (child workflow ids derive from it).
  const fixture = `{"workflowId":${JSON.stringify(handle.workflowId)},"history":${historyToJSON(history)}}\n`;
  writeFileSync(join(HISTORY_FIXTURES_DIR, `${name}.json`), fixture);
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** The activity type a local-activity marker of a history records, if the event is one. */
export function localActivityOf(event: HistoryEvent): string | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  return data
    ? (JSON.parse(Buffer.from(data).toString()) as { activity_type: string }).activity_type
    : undefined;
}
