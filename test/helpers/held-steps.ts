import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/**
 * Holds the recording of one chosen step (by workflow id and action) until the test releases it, so a
 * test can send another step to the case while that one is in flight. Other steps pass at once.
 */
export class HeldSteps {
  private readonly holds = new Map<string, { entered: () => void; released: Promise<void> }>();

  /** Holds the next recording of `action` on `workflowId`; `entered` resolves once it is in flight. */
  hold(workflowId: string, action: string): { entered: Promise<void>; release: () => void } {
    let entered!: () => void;
    let release!: () => void;
    const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(`${workflowId}:${action}`, { entered, released });
    return { entered: enteredPromise, release };
  }

  /** Called by the test's recording activity before it records a step. */
  async pass(step: { workflowId: string; action: string }): Promise<void> {
    const key = `${step.workflowId}:${step.action}`;
    const held = this.holds.get(key);
    if (!held) return;
    this.holds.delete(key);
    held.entered();
    await held.released;
  }
}

/**
 * Sends a human step as a client would: again while the case answers that another step is still being
 * recorded (`<case>.step-in-progress`, the API's 409), and returns its answer once it is taken. Returns
 * how many times it was turned away, too.
 */
export async function untilAccepted<T>(send: () => Promise<T>): Promise<{ answer: T; refused: number }> {
  for (let refused = 0; ; refused++) {
    try {
      return { answer: await send(), refused };
    } catch (err) {
      const busy =
        err instanceof WorkflowUpdateFailedError &&
        err.cause instanceof ApplicationFailure &&
        (err.cause.type ?? '').endsWith('.step-in-progress');
      if (!busy) throw err;
    }
  }
}

/**
 * Appends a step as the ledger does: one already there (same workflow, sequence and action) is not
 * appended again. A local activity runs at least once, e.g. again after its workflow task timed out.
 */
export function appendOnce<Step extends { workflowId: string; sequence: number; action: string }>(
  steps: Step[],
  step: Step,
): void {
  const recorded = steps.some(
    (s) => s.workflowId === step.workflowId && s.sequence === step.sequence && s.action === step.action,
  );
  if (!recorded) steps.push(step);
}
