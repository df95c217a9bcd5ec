// The "bare" Temporal Update target of `npm run bench`: no activities, no database, no validation.
// It is bundled by scripts/bench.ts at bench start and run by a worker inside the bench process on a
// task queue of its own, so it never touches Duban's workflows or task queue.
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/** Returns its argument: the smallest Update round trip (client → server → worker → server → client). */
export const echoUpdate = defineUpdate<number, [number]>('benchEcho');
/** Ends the workflow (the bench terminates it anyway when it is done). */
export const stopSignal = defineSignal('benchStop');

export async function benchEchoWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(echoUpdate, (value) => value);
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
}
