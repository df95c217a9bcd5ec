/** Backoff shared by every case workflow's activities: quick first retries, never more than five minutes apart. */
export const ACTIVITY_RETRY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '5 minutes',
} as const;

/**
 * A case's own activities (recording a step, planning a deadline): short, retried until they succeed or
 * the worker's interceptor ends them as failed for good (decision 0014).
 */
export const CASE_ACTIVITY_OPTIONS = { startToCloseTimeout: '30 seconds', retry: ACTIVITY_RETRY } as const;
