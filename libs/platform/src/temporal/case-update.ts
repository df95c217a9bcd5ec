import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { type UpdateDefinition } from '@temporalio/common';
import { type DubanError } from '../errors/duban-error.js';
import { idempotentUpdateId } from '../idempotency/idempotent-update.js';

/**
 * Sends a human step to a case's workflow. A case whose workflow has completed answers
 * "not found" from Temporal; the caller already knows the case exists, so that becomes `whenClosed()`
 * (a 409 with the case's final state) instead of a misleading 404. A request with an Idempotency-Key
 * sends its Update under an id of its own, so a retry never takes the step twice.
 */
export async function executeCaseUpdate<Ret, Args extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  whenClosed: () => DubanError,
): Promise<Ret> {
  try {
    return await handle.executeUpdate(update, { args, updateId: idempotentUpdateId() });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw whenClosed();
    throw err;
  }
}
