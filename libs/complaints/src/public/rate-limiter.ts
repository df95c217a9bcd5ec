/** Whether an attempt may go ahead, and if not, how long to wait. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Past this many keys, windows that have ended are swept on the next count. */
const SWEEP_ABOVE = 10_000;

/**
 * Fixed-window counters per key, in this process. Enough for one API instance; several instances
 * each allow the limit (say so in the deployment notes rather than share state here).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one attempt against the key. */
  take(key: string, now = Date.now()): LimitVerdict {
    const verdict = this.check(key, now);
    if (!verdict.allowed) return verdict;
    const window = this.current(key, now);
    if (window) window.count++;
    else this.windows.set(key, { start: now, count: 1 });
    if (this.windows.size > SWEEP_ABOVE) this.sweep(now);
    return verdict;
  }

  /** Whether the key still has room, without counting. */
  check(key: string, now = Date.now()): LimitVerdict {
    const window = this.current(key, now);
    if (!window || window.count < this.limit) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)),
    };
  }

  private current(key: string, now: number) {
    const window = this.windows.get(key);
    return window && now - window.start < this.windowMs ? window : undefined;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
