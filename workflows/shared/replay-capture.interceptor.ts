import { proxySinks, workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import {
  asLedgerStep,
  AUDIT_REPLAY_NAME,
  type AuditReplaySinks,
} from '../../libs/contracts/src/audit.contracts.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';

const { auditReplay } = proxySinks<AuditReplaySinks>();

const onAuditReplay = () => workflowInfo().taskQueue.startsWith(AUDIT_REPLAY_NAME);

function captureOnAuditReplay(args: unknown[]): void {
  if (!onAuditReplay()) return;
  const step = asLedgerStep(args[0]);
  if (step) auditReplay.ledgerStep(step);
}

/**
 * A step an activity composed and recorded itself, so it is not among any activity's arguments (a
 * card's opening): the workflow rebuilds it from its request and the activity's recorded answer and
 * reports it here, on the audit replay worker only. Like the capture below, it adds no command.
 */
export function reportStepRecordedByActivity(step: LedgerStep): void {
  if (onAuditReplay()) auditReplay.ledgerStep(step);
}

/**
 * Bundled with every workflow. On the audit replay worker only (its task queue carries the replay
 * name), reports each ledger step the replayed code schedules, so the auditor can compare it with the
 * ledger. It adds no command, so it cannot change what a workflow does.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      scheduleActivity(input, next) {
        captureOnAuditReplay(input.args);
        return next(input);
      },
      scheduleLocalActivity(input, next) {
        captureOnAuditReplay(input.args);
        return next(input);
      },
    },
  ],
});
