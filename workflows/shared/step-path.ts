import {
  proxyActivities,
  proxyLocalActivities,
  workflowInfo,
  type ActivityInterfaceFor,
} from '@temporalio/workflow';
import { CASE_ACTIVITY_OPTIONS } from './activity-options.js';
import { takesPatch } from './run-paths.js';

/**
 * Runs started since decision 0017 record their steps and plan their clocks in local activities, inside
 * the workflow task that takes the step, and send their notifications in children of their own. Runs
 * started before keep scheduling them as activities, so their histories still replay (decision 0007).
 */
export const STEPS_RECORDED_LOCALLY_PATCH = 'steps-recorded-locally';

/**
 * A case's own activities (recording a step, planning a clock) for this run, and whether the run takes
 * the current path. Decided once, at the start of the run: a run keeps one path to its end.
 */
export function caseStepPath<Activities extends object>(): {
  activities: ActivityInterfaceFor<Activities>;
  current: boolean;
} {
  const current = takesPatch(STEPS_RECORDED_LOCALLY_PATCH);
  return {
    activities: current
      ? proxyLocalActivities<Activities>(CASE_ACTIVITY_OPTIONS)
      : proxyActivities<Activities>(CASE_ACTIVITY_OPTIONS),
    current,
  };
}

/**
 * Whether the run should continue as new now: when the server suggests it, or, for a run given a limit
 * (tests use a small one to cross the boundary), once its history has reached that many events.
 */
export function continueAsNewDue(historyLimit: number | undefined): boolean {
  const { continueAsNewSuggested, historyLength } = workflowInfo();
  return continueAsNewSuggested || (historyLimit !== undefined && historyLength >= historyLimit);
}
