import { patched, workflowInfo } from '@temporalio/workflow';
import { RUN_PATHS_MEMO } from '../../libs/contracts/src/run-paths.js';

/**
 * Each patch folded into the run paths, with the stamp that folded it (decision 0027): a run stamped
 * with that value or higher was started on the patch's path. A patch added later is asked with
 * `patched()` until a new stamp folds it in, so a run started before it keeps its own path.
 */
const FOLDED_AT: ReadonlyMap<string, number> = new Map([
  ['steps-recorded-locally', 1],
  ['notifications-handed-over', 1],
  ['clock-notifications-in-the-task', 1],
  ['notices-recorded-with-the-step', 1],
  ['risk-item-resume-keeps-day-end', 1],
  ['referral-team-clock', 1],
  ['referral-follows-criminal-case', 1],
  ['card-opened-with-its-record', 2],
  ['clocks-kept-across-steps', 2],
]);

/**
 * Whether this run takes the path `patchId` added. A run stamped at its start takes it without a marker;
 * any other run (started before the stamp, or without it) asks `patched()`, as it always did.
 */
export function takesPatch(patchId: string): boolean {
  const foldedAt = FOLDED_AT.get(patchId);
  if (foldedAt === undefined) throw new Error(`patch ${patchId} is not folded into the run paths`);
  const stamp = workflowInfo().memo?.[RUN_PATHS_MEMO];
  return (typeof stamp === 'number' && stamp >= foldedAt) || patched(patchId);
}
