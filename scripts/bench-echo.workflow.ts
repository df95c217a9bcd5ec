// The "bare" Temporal Update targets of `npm run bench`: no validation, no Duban code. They are bundled
// by scripts/bench.ts at bench start and run by a worker inside the bench process on a task queue of
// its own, so they never touch Duban's workflows or task queue.
import {
  condition,
  defineSignal,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';

/** What the bench's worker runs beside the echo: one row written to PostgreSQL. */
export interface EchoActivities {
  recordEcho(value: number): Promise<void>;
}

/** Returns its argument: the smallest Update round trip (client → server → worker → server → client). */
export const echoUpdate = defineUpdate<number, [number]>('benchEcho');
/**
 * Writes one row in a local activity, then returns its argument: the least a step that is on the
 * database before it is answered can cost (a second activation, and a commit), with nothing of Duban's.
 */
export const recordedEchoUpdate = defineUpdate<number, [number]>('benchRecordedEcho');
/** Ends the workflow (the bench terminates it anyway when it is done). */
export const stopSignal = defineSignal('benchStop');

const { recordEcho } = proxyLocalActivities<EchoActivities>({ startToCloseTimeout: '10 seconds' });

export async function benchEchoWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(echoUpdate, (value) => value);
  setHandler(recordedEchoUpdate, async (value) => {
    await recordEcho(value);
    return value;
  });
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
}
