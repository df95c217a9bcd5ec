import { describe, expect, it } from '@jest/globals';
import { caseWorkerTuning, workerTuning } from '../../../libs/platform/src/temporal/worker-tuning.js';

describe('worker tuning', () => {
  const config = {
    WORKER_MAX_WORKFLOW_TASKS: 40,
    WORKER_MAX_ACTIVITIES: 50,
    WORKER_MAX_LOCAL_ACTIVITIES: 50,
    WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: 3,
  };

  it('sets every slot count from config, never the SDK default, for Duban and the floors alike', () => {
    const slots = {
      maxConcurrentWorkflowTaskExecutions: 7,
      maxConcurrentActivityTaskExecutions: 50,
      maxConcurrentLocalActivityExecutions: 50,
    };
    expect(workerTuning({ ...config, WORKER_MAX_WORKFLOW_TASKS: 7 })).toMatchObject(slots);
    expect(caseWorkerTuning({ ...config, WORKER_MAX_WORKFLOW_TASKS: 7 })).toMatchObject(slots);
  });

  it("hands a cached case's task to the shared queue after the configured seconds, not the SDK's 10", () => {
    expect(caseWorkerTuning(config).stickyQueueScheduleToStartTimeout).toBe(3000);
    expect(caseWorkerTuning({ ...config, WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: 12 })).toMatchObject({
      stickyQueueScheduleToStartTimeout: 12_000,
    });
  });

  it("leaves the floors' workers the SDK's sticky wait, the fastest for a burst nobody waits on", () => {
    expect(workerTuning(config)).not.toHaveProperty('stickyQueueScheduleToStartTimeout');
  });
});
