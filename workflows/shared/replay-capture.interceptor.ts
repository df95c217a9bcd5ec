import { proxySinks, workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import {
  asLedgerStep,
  AUDIT_REPLAY_NAME,
  type AuditReplaySinks,
} from '../../libs/contracts/src/audit.contracts.js';

const { auditReplay } = proxySinks<AuditReplaySinks>();

function captureOnAuditReplay(args: unknown[]): void {
  if (!workflowInfo().taskQueue.startsWith(AUDIT_REPLAY_NAME)) return;
  const step = asLedgerStep(args[0]);
  if (step) auditReplay.ledgerStep(step);
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
