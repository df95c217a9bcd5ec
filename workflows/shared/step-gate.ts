import { type UpdateDefinition } from '@temporalio/common';
import { CancellationScope, condition, log, setHandler, sleep } from '@temporalio/workflow';
import { ErrorKind, type RuleViolation } from '../../libs/contracts/src/errors.js';
import { rejectStep } from './reject-step.js';
import { takesPatch } from './run-paths.js';
import { failedForGood, stepFailureRejection } from './step-failure.js';

/** After a timer's step failed for good, its timer waits this long before it fires again, doubling… */
const FAILED_TIMER_FIRST_PAUSE_MS = 3_600_000;
/** …up to a day, so a case whose step keeps failing stays quiet but is retried daily (decision 0014). */
const FAILED_TIMER_LONGEST_PAUSE_MS = 86_400_000;

/**
 * A case's clock timer stays armed across the steps that leave its instant alone since this patch;
 * before, every step cancelled it and started it again (two history events and a timer task each).
 */
export const CLOCKS_KEPT_ACROSS_STEPS_PATCH = 'clocks-kept-across-steps';

/** The timer of a case's next clock: its instant, and what cancels it once a step moves the clock. */
interface ArmedClock {
  at: string;
  /** Settles when the instant has passed; never rejects (a cancelled timer is simply dropped). */
  elapsed: Promise<void>;
  cancel: () => void;
}

/** How one kind of Update is checked and carried out. */
export interface StepUpdate<Args extends unknown[], View> {
  /** The pure domain rule the validator applies; nothing when the step may be taken now. */
  check: (...args: Args) => RuleViolation | null | undefined;
  /** What a refusal carries besides the violation, e.g. the caller's view of the case. */
  rejection: (...args: Args) => Record<string, unknown>;
  /** Applies and records the step; it runs only once the validator has accepted it. */
  handle: (...args: Args) => Promise<View>;
}

/**
 * Serialises a case's steps. While one is being recorded the case is busy: a human step's validator
 * refuses another (exactly one of two racing steps wins) and the main loop waits for `idle` before it
 * fires a timer or continues as new.
 */
export class StepGate {
  private inFlight = 0;
  /** Timer steps that failed for good in a row. */
  private failedTimerSteps = 0;
  private readonly conflict: RuleViolation;
  /** Decided at the first clock a run waits for, so a run keeps one way to wait to its end. */
  private keepsClocks?: boolean;
  private armed?: ArmedClock;

  /** `caseCode` prefixes the refusal's code; `caseNoun` names the case in its message. */
  constructor(caseCode: string, caseNoun: string) {
    this.conflict = {
      code: `${caseCode}.step-in-progress`,
      kind: ErrorKind.Conflict,
      message: `Another step on this ${caseNoun} is still being recorded`,
    };
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  get idle(): boolean {
    return this.inFlight === 0;
  }

  /** Runs a step (a timer's, a signal's) while holding the case busy. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Runs a signal's step while holding the case busy. A signal has no caller to answer: a step that
   * failed for good leaves the case as it was, and its incident is what shows it.
   */
  async signalled(work: () => Promise<void>): Promise<void> {
    try {
      await this.hold(work);
    } catch (err) {
      const failure = failedForGood(err);
      if (!failure) throw err;
      log.error('a signalled step failed for good; the case keeps its state', { type: failure.type });
    }
  }

  /**
   * Runs a timer's step while holding the case busy. A step that failed for good has left the case as
   * it was (each workflow's record restores its state) and the worker has recorded an incident: the
   * workflow goes on, and the timer, still due, fires again after a pause that doubles up to a day,
   * or sooner once a step changes the case.
   */
  async fire(work: () => Promise<void>, sequence: () => number): Promise<void> {
    try {
      await this.hold(work);
      this.failedTimerSteps = 0;
    } catch (err) {
      const failure = failedForGood(err);
      if (!failure) throw err;
      this.failedTimerSteps++;
      const pauseMs = Math.min(
        FAILED_TIMER_FIRST_PAUSE_MS * 2 ** (this.failedTimerSteps - 1),
        FAILED_TIMER_LONGEST_PAUSE_MS,
      );
      log.error('a timer step failed for good; the case keeps its state and the timer fires again later', {
        type: failure.type,
        failedInARow: this.failedTimerSteps,
        pauseMs,
      });
      const start = sequence();
      await condition(() => sequence() !== start || this.busy, pauseMs);
    }
  }

  /**
   * Waits for the case's next timer: returns it once its instant has passed with no step taken in the
   * meantime (and none in flight), or null as soon as a step changes the case, which may plan another
   * timer. Without a timer it waits for the next step. The timer stays armed while the steps leave its
   * instant alone, and is cancelled when they move or remove it.
   */
  async nextDue<Timer>(
    timer: Timer | null | undefined,
    dueAt: (timer: Timer) => string,
    sequence: () => number,
  ): Promise<Timer | null> {
    const start = sequence();
    const changed = () => sequence() !== start || this.busy;
    this.keepsClocks ??= takesPatch(CLOCKS_KEPT_ACROSS_STEPS_PATCH);
    if (!this.keepsClocks) return this.nextDueRearmed(timer, dueAt, changed);
    const at = timer ? dueAt(timer) : undefined;
    if (this.armed?.at !== at) {
      this.armed?.cancel();
      this.armed = at === undefined ? undefined : armClock(at);
    }
    if (!this.armed) {
      await condition(changed);
      return null;
    }
    const elapsed = await Promise.race([
      this.armed.elapsed.then(() => true),
      condition(changed).then(() => false),
    ]);
    if (!elapsed || changed()) return null;
    this.armed = undefined;
    return timer ?? null;
  }

  /** Runs started before CLOCKS_KEPT_ACROSS_STEPS_PATCH: a new timer for every wait. */
  private async nextDueRearmed<Timer>(
    timer: Timer | null | undefined,
    dueAt: (timer: Timer) => string,
    changed: () => boolean,
  ): Promise<Timer | null> {
    if (!timer) {
      await condition(changed);
      return null;
    }
    const waitMs = Date.parse(dueAt(timer)) - Date.now();
    const woken = waitMs > 0 ? await condition(changed, waitMs) : false;
    return !woken && !changed() ? timer : null;
  }

  /**
   * Registers a human step as an Update: the validator refuses it while another step is in flight
   * or when the domain rule does; the handler holds the case busy until the step is on the ledger.
   * A step that failed for good answers with its failure and the case as it was before the step.
   */
  register<Args extends unknown[], View>(
    update: UpdateDefinition<View, Args>,
    step: StepUpdate<NoInfer<Args>, NoInfer<View>>,
  ): void {
    const handle = async (...args: Args): Promise<View> => {
      try {
        return await step.handle(...args);
      } catch (err) {
        throw stepFailureRejection(err, step.rejection(...args)) ?? err;
      }
    };
    setHandler(update, (...args: Args) => this.hold(() => handle(...args)), {
      validator: (...args: Args) => {
        const violation = this.busy ? this.conflict : step.check(...args);
        if (violation) throw rejectStep(violation, step.rejection(...args));
      },
    });
  }
}

/** A timer for `at` in a scope of its own; an instant already past needs none. */
function armClock(at: string): ArmedClock {
  const waitMs = Date.parse(at) - Date.now();
  if (waitMs <= 0) return { at, elapsed: Promise.resolve(), cancel: () => undefined };
  const scope = new CancellationScope();
  // A cancelled timer rejects; nobody waits on it by then, and an unhandled rejection would fail the task.
  const elapsed = scope.run(() => sleep(waitMs)).catch(() => new Promise<void>(() => undefined));
  return { at, elapsed, cancel: () => scope.cancel() };
}
