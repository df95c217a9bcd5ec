import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { addSearchAttributes } from '../../libs/platform/src/temporal/search-attributes.js';
import { temporalBinaries } from '../../libs/platform/src/embedded/temporal-binaries.js';
import { REPO_ROOT } from './repo-root.js';

/** The time-skipping test server from the project-local binary: no download at test time. */
export async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalBinaries(REPO_ROOT).testServer } },
  });
  await addSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** The workflow bundle built once by the workflow global setup. */
export function testBundlePath(): string {
  const codePath = process.env.DUBAN_TEST_BUNDLE;
  if (!codePath) throw new Error('DUBAN_TEST_BUNDLE is not set: the workflow global setup did not run');
  return codePath;
}

/** A worker on the bundle built once by the workflow global setup. */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: WorkerOptions['activities'],
  /** e.g. slot counts, to show that a burst cannot exhaust them. */
  options: Partial<WorkerOptions> = {},
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: { codePath: testBundlePath() },
    activities,
    ...options,
  });
}
