import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { type IdempotencyScope } from './idempotency.service.js';

const updateIds = new AsyncLocalStorage<string>();

/**
 * Runs a request that carries an Idempotency-Key so that the case Update it sends has an id derived
 * from the caller and the key. Temporal accepts an Update id once per workflow run: when the first
 * attempt's Update reached the workflow but its answer was lost (Temporal restarting, a 5xx that
 * freed the key), the retry gets that Update's result instead of taking the step a second time.
 */
export function withIdempotentUpdateId<T>(scope: IdempotencyScope, work: () => T): T {
  const id = createHash('sha256').update(`${scope.userId}\n${scope.key}`).digest('hex');
  return updateIds.run(`idempotency-${id}`, work);
}

/** The Update id of the current request, when it carries an Idempotency-Key. */
export function idempotentUpdateId(): string | undefined {
  return updateIds.getStore();
}
