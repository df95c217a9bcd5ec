import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { HISTORY_FIXTURES_DIR, type HistoryFixture } from '../helpers/history-fixtures.js';
import { testBundlePath } from '../helpers/time-skipping.js';

const fixtures = readdirSync(HISTORY_FIXTURES_DIR).filter((f) => f.endsWith('.json'));
const read = (file: string) =>
  JSON.parse(readFileSync(join(HISTORY_FIXTURES_DIR, file), 'utf8')) as HistoryFixture;
const workflowTypeOf = (file: string): string =>
  read(file).history.events[0].workflowExecutionStartedEventAttributes?.workflowType.name ?? 'unknown';

describe('recorded histories replay deterministically on the current workflow code', () => {
  it('has recorded histories of every workflow type', () => {
    expect(new Set(fixtures.map(workflowTypeOf))).toEqual(
      new Set([
        'cardWorkflow',
        'complaintWorkflow',
        'directiveWorkflow',
        'monthlyDispatchWorkflow',
        'notificationWorkflow',
        'quarterlyBulletinWorkflow',
        'referralWorkflow',
        'reportRequestWorkflow',
        'riskItemWorkflow',
      ]),
    );
  });

  it.each(fixtures)('%s', async (file) => {
    const codePath = testBundlePath();
    const { workflowId, history } = read(file);
    // Throws DeterminismViolationError (naming the first diverging command) if today's code disagrees.
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath } }, historyFromJSON(history), workflowId),
    ).resolves.toBeUndefined();
  });
});
