import { type UpdateDefinition } from '@temporalio/common';
import { condition, log, setHandler } from '@temporalio/workflow';
import { ErrorKind, type RuleViolation } from '../../libs/contracts/src/errors.js';
import { rejectStep } from './reject-step.js';
import { failedForGood, stepFailureRejection } from './step-failure.js';

/** After a timer's step failed for good, its timer waits this long before it fires again, doubling… */
const FAILED_TIMER_FIRST_PAUSE_MS = 3_600_000;
/** …up to a day, so a case whose step keeps failing stays quiet but is retried daily (decision 0014). */
const FAILED_TIMER_LONGEST_PAUSE_MS = 86_400_000;

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
   * timer. Without a timer it waits for the next step.
   */
  async nextDue<Timer>(
    timer: Timer | null | undefined,
    dueAt: (timer: Timer) => string,
    sequence: () => number,
  ): Promise<Timer | null> {
    const start = sequence();
    const changed = () => sequence() !== start || this.busy;
    if (!timer) {
      await condition(changed);
      return null;
    }
    const waitMs = Date.parse(dueAt(timer)) - Date.now();
    const woken = waitMs > 0 ? await condition(changed, waitMs) : false;
    return !woken && this.idle && sequence() === start ? timer : null;
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
