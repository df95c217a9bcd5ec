import { WorkflowExecutionAlreadyStartedError, type SearchAttributePair } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import {
  REPORT_REQUEST_CASE_TYPE,
  reportRequestWorkflowId,
  ReportRequestStatus,
  type BulletinRunResult,
  type MonthlyDispatchResult,
  type ReportingActivities,
  type ReportingCycleInput,
} from '../libs/contracts/src/reporting.contracts.js';
import {
  CASE_ACTION,
  CASE_OVERDUE,
  CASE_STATUS,
  CASE_TYPE,
  CASE_UNIT,
  SCHEDULED_START_TIME,
} from '../libs/contracts/src/search-attributes.js';
import { nothingOpenedBecause, previousMonthOf } from '../libs/reporting/src/domain/periods.js';
import { reportRequestWorkflow } from './report-request.workflow.js';
import { ACTIVITY_RETRY } from './shared/activity-options.js';
import { runPathsMemo } from '../libs/contracts/src/run-paths.js';

const { planMonthlyDispatch, generateQuarterlyBulletin } = proxyActivities<ReportingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: ACTIVITY_RETRY,
});

/**
 * The instant a cycle run stands for: given explicitly, or the schedule's own time (so a backfilled or
 * late run reports on its period, not on today's), or, for a run started by hand, its start.
 */
function periodReference(input: ReportingCycleInput): string {
  const info = workflowInfo();
  const scheduled = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  return input.at ?? (scheduled ?? info.startTime).toISOString();
}

/**
 * 月调度: opens this month's report requests, one workflow each with a deterministic id, so a re-run or
 * an overlapping backfill finds the request already open instead of opening it twice.
 */
export async function monthlyDispatchWorkflow(
  input: ReportingCycleInput = {},
): Promise<MonthlyDispatchResult> {
  const at = periodReference(input);
  const openings = await planMonthlyDispatch({ at });
  const result: MonthlyDispatchResult = {
    at,
    period: previousMonthOf(at).label,
    opened: [],
    alreadyOpen: [],
  };
  for (const opening of openings) {
    const searchAttributes: SearchAttributePair[] = [
      { key: CASE_TYPE, value: REPORT_REQUEST_CASE_TYPE },
      { key: CASE_STATUS, value: ReportRequestStatus.Open },
      { key: CASE_UNIT, value: opening.unitId },
      { key: CASE_OVERDUE, value: false },
      ...(opening.actionNo === null ? [] : [{ key: CASE_ACTION, value: opening.actionNo }]),
    ];
    try {
      await startChild(reportRequestWorkflow, {
        workflowId: reportRequestWorkflowId(opening.id),
        args: [{ opening }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: searchAttributes,
        memo: runPathsMemo(),
      });
      result.opened.push(opening.id);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      result.alreadyOpen.push(opening.id);
    }
  }
  result.nothingOpenedBecause = nothingOpenedBecause(at, result.opened.length, result.alreadyOpen.length);
  return result;
}

/**
 * 季通报: the bulletin of the quarter before the run's instant; lagging units get cards. A quarter has one
 * bulletin: a rerun gets the stored one back (alreadyGenerated) and raises nothing (decision 0012). A
 * quarter that ends before the campaign starts gets none (noBulletinBecause).
 */
export async function quarterlyBulletinWorkflow(input: ReportingCycleInput = {}): Promise<BulletinRunResult> {
  const { workflowId, runId } = workflowInfo();
  return generateQuarterlyBulletin({ at: periodReference(input), runKey: `${workflowId}/${runId}` });
}
