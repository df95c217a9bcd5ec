import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  Client,
  MONTHS,
  ScheduleAlreadyRunning,
  type CalendarSpec,
  type ScheduleOptions,
} from '@temporalio/client';
import { ErrorKind } from '../../contracts/src/errors.js';
import {
  REPORTING_CYCLE_WORKFLOW,
  ReportingCycle,
  type BulletinRunResult,
  type MonthlyDispatchResult,
  type ReportingCycleInput,
} from '../../contracts/src/reporting.contracts.js';
import { TIME_ZONE } from '../../calendar/src/domain/calendar.types.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { type ReportingPolicy } from './domain/reporting-policy.js';
import { REPORTING_POLICY } from './reporting-policy.provider.js';
import { caseRunOptions } from '../../platform/src/temporal/case-run-options.js';
import { type StepContext } from '../../contracts/src/identity.js';
import { CycleRunsByHand, type CycleRunByHand } from './cycle-runs-by-hand.js';
import { PLAN_SOURCE, type PlanSource } from '../../contracts/src/plan.contracts.js';
import { backfillWindowRefusal, earliestBackfill } from './domain/backfill-window.js';
import { quarterBeforeCampaign } from './domain/campaign-start.js';
import { BULLETIN_MONTHS, cycleSchedule } from './domain/cycle-schedule.js';

export interface ReportingScheduleView {
  cycle: ReportingCycle;
  scheduleId: string;
  paused: boolean;
  nextRuns: string[];
  recentRuns: Array<{ scheduledAt: string; workflowId: string }>;
  /** Runs people started now or over a past window, newest first, with who and why (from the ledger). */
  runsByHand: CycleRunByHand[];
}

/** A run by hand: the person responsible and why, as the ledger records it. */
export type ByHandContext = StepContext & { reason: string };

type CycleWorkflow = (input: ReportingCycleInput) => Promise<MonthlyDispatchResult | BulletinRunResult>;

/** A cycle run started by hand, with what it did. */
export interface TriggeredRun {
  cycle: ReportingCycle;
  workflowId: string;
  result: MonthlyDispatchResult | BulletinRunResult;
}

/**
 * A triggered run's workflow id: the time it was asked for, readable, and a fresh nonce, so triggers in
 * the same millisecond each start their own run. The ledger entry written before the start names this
 * id, so every entry is a run that was started (or a 503 for its person), never another's run. Parallel
 * runs are harmless: report requests have deterministic ids (REJECT_DUPLICATE: the later runs list them
 * as already open) and a quarter has one bulletin (the later runs answer alreadyGenerated).
 */
export function triggeredWorkflowId(cycle: ReportingCycle, at: Date, nonce: string): string {
  return `reporting-cycle/${cycle}-triggered-${at.toISOString()}-${nonce}`;
}

/** A bulletin run now would report on a quarter that ends before the campaign starts. */
const bulletinBeforeCampaign = (quarter: string, campaignFrom: string) =>
  new DubanError(
    ErrorKind.Conflict,
    'reporting.period-before-campaign',
    `A bulletin run now reports on ${quarter}, which ends before the campaign starts (${campaignFrom}): no bulletin is made before the campaign; the first one is made in the quarter after the one the campaign starts in`,
    { quarter, campaignFrom },
  );

/**
 * Keeps the two cycle schedules in Temporal (created, or updated to the policy's times), and triggers or
 * backfills them. Each run passes no period: the workflow reads the schedule's own time.
 */
@Injectable()
export class ReportingSchedules {
  private ensured = false;

  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(REPORTING_POLICY) private readonly policy: ReportingPolicy,
    private readonly runsByHand: CycleRunsByHand,
    @Inject(PLAN_SOURCE) private readonly plans: PlanSource,
  ) {}

  /** Creates each cycle's schedule, or brings an existing one to the policy's times. */
  async ensureAll(): Promise<void> {
    for (const cycle of Object.values(ReportingCycle)) await this.ensure(cycle);
    this.ensured = true;
  }

  /** The API relies on the worker having created them, and creates them itself if it has not yet. */
  private async inPlace(): Promise<void> {
    if (!this.ensured) await this.ensureAll();
  }

  /** Namespaced by task queue, so deployments sharing a namespace keep their own schedules. */
  scheduleId(cycle: ReportingCycle): string {
    return `${this.config.TEMPORAL_TASK_QUEUE}/${cycle}`;
  }

  async describe(): Promise<ReportingScheduleView[]> {
    await this.inPlace();
    return Promise.all(
      Object.values(ReportingCycle).map(async (cycle) => {
        const description = await this.temporal.schedule.getHandle(this.scheduleId(cycle)).describe();
        return {
          cycle,
          scheduleId: description.scheduleId,
          paused: description.state.paused,
          nextRuns: description.info.nextActionTimes.map((t) => t.toISOString()),
          recentRuns: description.info.recentActions.map((a) => ({
            scheduledAt: a.scheduledAt.toISOString(),
            workflowId: a.action.workflow.workflowId,
          })),
          runsByHand: await this.runsByHand.latest(cycle),
        };
      }),
    );
  }

  /**
   * Runs the cycle now, as the schedule would, and waits for its result, so the caller learns what it did
   * (opened which requests, or why none; the bulletin, or that the quarter had one already). Started
   * directly rather than through the schedule, whose trigger does not say which run it started.
   */
  async trigger(cycle: ReportingCycle, context: ByHandContext): Promise<TriggeredRun> {
    const now = new Date();
    if (cycle === ReportingCycle.QuarterlyBulletin) {
      // Checked before the ledger entry, like a backfill's window: a refused run is neither ledgered nor run.
      const campaignFrom = (await this.plans.activePlan()).plan.campaign.period.from;
      const early = quarterBeforeCampaign(now.toISOString(), campaignFrom);
      if (early) throw bulletinBeforeCampaign(early.label, campaignFrom);
    }
    const workflowId = triggeredWorkflowId(cycle, now, randomUUID());
    await this.runsByHand.record({ kind: 'trigger', cycle, workflowId }, context);
    const result = await this.temporal.workflow.execute<CycleWorkflow>(REPORTING_CYCLE_WORKFLOW[cycle], {
      workflowId,
      ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, REPORTING_CYCLE_WORKFLOW[cycle]),
      args: [{}],
    });
    return { cycle, workflowId, result };
  }

  /** Runs the cycle for every time the schedule would have fired in [from, to), as if that time passed now. */
  async backfill(
    cycle: ReportingCycle,
    from: string,
    to: string,
    context: ByHandContext,
  ): Promise<{ cycle: ReportingCycle; from: string; to: string }> {
    const start = new Date(from);
    const end = new Date(to);
    // Checked before anything is written: a refused window is neither on the ledger nor run.
    const refusal = backfillWindowRefusal(start, end, {
      now: new Date(),
      earliest: earliestBackfill(cycle, (await this.plans.activePlan()).plan.campaign.period.from),
      schedule: cycleSchedule(cycle, this.policy.schedules),
    });
    if (refusal) {
      throw new DubanError(
        ErrorKind.Validation,
        refusal.code,
        refusal.detail,
        refusal.details ?? {},
        refusal.errors,
      );
    }
    await this.inPlace();
    await this.runsByHand.record(
      { kind: 'backfill', cycle, from: start.toISOString(), to: end.toISOString() },
      context,
    );
    // Temporal runs the times in [start, end], both ends included: a run at `to` is not the window's.
    await this.temporal.schedule
      .getHandle(this.scheduleId(cycle))
      .backfill({ start, end: new Date(end.getTime() - 1), overlap: 'ALLOW_ALL' });
    return { cycle, from: start.toISOString(), to: end.toISOString() };
  }

  private async ensure(cycle: ReportingCycle): Promise<void> {
    const options = this.options(cycle);
    try {
      await this.temporal.schedule.create(options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await this.temporal.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
      }));
    }
  }

  private options(cycle: ReportingCycle): ScheduleOptions {
    const { dayOfMonth, hour } = cycleSchedule(cycle, this.policy.schedules);
    // The months as firstRunFrom reads them; the dispatch's calendar leaves them out (every month).
    const calendar: CalendarSpec =
      cycle === ReportingCycle.MonthlyDispatch
        ? { dayOfMonth, hour, comment: '月调度' }
        : { month: BULLETIN_MONTHS.map((month) => MONTHS[month - 1]), dayOfMonth, hour, comment: '季通报' };
    return {
      scheduleId: this.scheduleId(cycle),
      spec: { calendars: [calendar], timezone: TIME_ZONE },
      action: {
        type: 'startWorkflow',
        workflowType: REPORTING_CYCLE_WORKFLOW[cycle],
        // Temporal appends the scheduled time, so every period's run has its own id.
        workflowId: `reporting-cycle/${cycle}`,
        ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, REPORTING_CYCLE_WORKFLOW[cycle]),
        args: [{}],
      },
      policies: { overlap: 'ALLOW_ALL' },
    };
  }
}

/**
 * The worker puts the schedules in place when it starts: it is the process that runs the cycles and
 * needs Temporal anyway, while the API must start (and report not ready) without it.
 */
@Injectable()
export class ReportingSchedulesKeeper implements OnApplicationBootstrap {
  constructor(private readonly schedules: ReportingSchedules) {}

  onApplicationBootstrap(): Promise<void> {
    return this.schedules.ensureAll();
  }
}
