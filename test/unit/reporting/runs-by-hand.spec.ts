import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { type Client } from '@temporalio/client';
import { ReportingCycle } from '../../../libs/contracts/src/reporting.contracts.js';
import { type PlanSource } from '../../../libs/contracts/src/plan.contracts.js';
import {
  type CycleRunRequest,
  type CycleRunsByHand,
} from '../../../libs/reporting/src/cycle-runs-by-hand.js';
import {
  backfillWindowRefusal,
  earliestBackfill,
  MAX_BACKFILL_DAYS,
} from '../../../libs/reporting/src/domain/backfill-window.js';
import { cycleSchedule, firstRunFrom } from '../../../libs/reporting/src/domain/cycle-schedule.js';
import { type ReportingPolicy } from '../../../libs/reporting/src/domain/reporting-policy.js';
import {
  ReportingSchedules,
  type ByHandContext,
} from '../../../libs/reporting/src/reporting-schedules.service.js';
import { type AppConfig } from '../../../libs/platform/src/config/app-config.js';
import { DubanError } from '../../../libs/platform/src/errors/duban-error.js';

/** A fixed "now", never today's date: every instant below is this one's or the campaign's. */
const NOW = new Date('2026-05-20T04:00:00Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
/** The bundled policy's times: the dispatch on the 1st, the bulletin on the 20th, at 08:00 Beijing time. */
const TIMES = {
  monthlyDispatch: { dayOfMonth: 1, hour: 8 },
  quarterlyBulletin: { dayOfMonth: 20, hour: 8 },
};
const DISPATCH = cycleSchedule(ReportingCycle.MonthlyDispatch, TIMES);
const BULLETIN = cycleSchedule(ReportingCycle.QuarterlyBulletin, TIMES);
const limits = {
  now: NOW,
  earliest: earliestBackfill(ReportingCycle.MonthlyDispatch, '2022-07-07'),
  schedule: DISPATCH,
};

describe('a backfill window', () => {
  it('of the dispatch starts no earlier than 00:00 Beijing time on the first of the month the campaign starts in', () => {
    expect(earliestBackfill(ReportingCycle.MonthlyDispatch, '2022-07-07').at).toBe(
      '2022-06-30T16:00:00.000Z',
    );
    expect(earliestBackfill(ReportingCycle.MonthlyDispatch, '2024-01-31').at).toBe(
      '2023-12-31T16:00:00.000Z',
    );
  });

  it('of the bulletin starts no earlier than its first run reporting on a quarter of the campaign', () => {
    const bulletins = {
      now: NOW,
      earliest: earliestBackfill(ReportingCycle.QuarterlyBulletin, '2022-07-07'),
      schedule: BULLETIN,
    };
    expect(bulletins.earliest.at).toBe('2022-09-30T16:00:00.000Z');
    // The July 2022 run (its 20th) reports on 2022-Q2, before the campaign: from 1 July is refused.
    expect(
      backfillWindowRefusal(
        new Date('2022-07-01T00:00:00+08:00'),
        new Date('2022-07-25T00:00:00+08:00'),
        bulletins,
      ),
    ).toEqual({
      code: 'reporting.backfill-before-campaign',
      detail: expect.stringContaining('is before 2022-09-30T16:00:00.000Z'),
      errors: [
        {
          path: 'from',
          message:
            'from must not be before 2022-09-30T16:00:00.000Z, the start of the quarter after the one the ' +
            'campaign starts in: a bulletin run before it reports on a quarter that ends before the campaign starts',
        },
      ],
    });
    expect(
      backfillWindowRefusal(
        new Date('2022-10-01T00:00:00+08:00'),
        new Date('2022-10-25T00:00:00+08:00'),
        bulletins,
      ),
    ).toBeNull();
  });

  it('is accepted when it lies between that floor and now, its end at now included', () => {
    expect(backfillWindowRefusal(new Date(limits.earliest.at), at(-DAY), limits)).toBeNull();
    // NOW is 2026-05-20: the window holds the 1 May dispatch.
    expect(backfillWindowRefusal(at(-20 * DAY), NOW, limits)).toBeNull();
  });

  it('is refused, naming to and the first run from from, when no run of the schedule falls in it', () => {
    // Two days in the middle of a month: the dispatch runs on the 1st.
    const midMonth = backfillWindowRefusal(
      new Date('2023-03-10T00:00:00+08:00'),
      new Date('2023-03-12T00:00:00+08:00'),
      limits,
    );
    expect(midMonth).toEqual({
      code: 'reporting.backfill-empty',
      detail:
        'no run of the schedule falls in [2023-03-09T16:00:00.000Z, 2023-03-11T16:00:00.000Z): its first run ' +
        'from 2023-03-09T16:00:00.000Z is at 2023-04-01T00:00:00.000Z; widen the window to include it',
      errors: [
        {
          path: 'to',
          message:
            "to must be after 2023-04-01T00:00:00.000Z, the cycle's first run at or after from: no run of " +
            'its schedule falls before to',
        },
      ],
      details: {
        from: '2023-03-09T16:00:00.000Z',
        to: '2023-03-11T16:00:00.000Z',
        firstRun: '2023-04-01T00:00:00.000Z',
      },
    });
    // Inside a quarter, past its bulletin: the next one is in the first month of the next quarter.
    const bulletins = {
      now: NOW,
      earliest: earliestBackfill(ReportingCycle.QuarterlyBulletin, '2022-07-07'),
      schedule: BULLETIN,
    };
    expect(
      backfillWindowRefusal(
        new Date('2023-04-21T00:00:00+08:00'),
        new Date('2023-07-01T00:00:00+08:00'),
        bulletins,
      ),
    ).toMatchObject({
      code: 'reporting.backfill-empty',
      details: { firstRun: '2023-07-20T00:00:00.000Z' },
    });
    // `to` is left out: a window ending at the run's very instant does not hold it; a millisecond later does.
    const run = new Date('2023-04-01T08:00:00+08:00');
    expect(backfillWindowRefusal(new Date('2023-03-10T00:00:00+08:00'), run, limits)).toMatchObject({
      code: 'reporting.backfill-empty',
    });
    expect(
      backfillWindowRefusal(new Date('2023-03-10T00:00:00+08:00'), new Date(run.getTime() + 1), limits),
    ).toBeNull();
    // `from` is included: a window starting at the run's instant holds it.
    expect(backfillWindowRefusal(run, new Date(run.getTime() + 1), limits)).toBeNull();
  });

  it('finds the schedule’s first run at or after an instant, in Beijing time, across months and years', () => {
    const first = (schedule: typeof DISPATCH, from: string) =>
      firstRunFrom(schedule, new Date(from)).toISOString();
    // 1 March 00:00 Beijing is still 28 February in UTC: the run that day is 1 March 08:00 Beijing.
    expect(first(DISPATCH, '2023-03-01T00:00:00+08:00')).toBe('2023-03-01T00:00:00.000Z');
    expect(first(DISPATCH, '2023-03-01T08:00:00+08:00')).toBe('2023-03-01T00:00:00.000Z');
    expect(first(DISPATCH, '2023-03-01T08:00:00.001+08:00')).toBe('2023-04-01T00:00:00.000Z');
    expect(first(DISPATCH, '2023-12-15T00:00:00+08:00')).toBe('2024-01-01T00:00:00.000Z');
    expect(first(BULLETIN, '2023-01-20T08:00:00+08:00')).toBe('2023-01-20T00:00:00.000Z');
    expect(first(BULLETIN, '2023-02-01T00:00:00+08:00')).toBe('2023-04-20T00:00:00.000Z');
    expect(first(BULLETIN, '2023-10-20T09:00:00+08:00')).toBe('2024-01-20T00:00:00.000Z');
    // The policy's own day and hour: a dispatch on the 28th at 23:00 Beijing is the 28th 15:00 UTC.
    const late = cycleSchedule(ReportingCycle.MonthlyDispatch, {
      ...TIMES,
      monthlyDispatch: { dayOfMonth: 28, hour: 23 },
    });
    expect(first(late, '2024-02-01T00:00:00+08:00')).toBe('2024-02-28T15:00:00.000Z');
  });

  it('is refused, naming to, when it ends after now: a quarter still to come has no bulletin yet', () => {
    for (const to of [at(1), at(2 * DAY), new Date('2030-04-21T00:00:00Z')]) {
      const refusal = backfillWindowRefusal(at(-DAY), to, limits);
      expect(refusal).toMatchObject({
        code: 'reporting.backfill-future',
        errors: [
          {
            path: 'to',
            message: expect.stringMatching(/^to must not be after now \(2026-05-20T04:00:00.000Z\)/),
          },
        ],
      });
    }
  });

  it('is refused, naming from, when it starts before the floor (1969, year 0, a minute early)', () => {
    for (const from of ['1969-12-01T00:00:00Z', '0000-01-01T00:00:00Z', '2022-06-30T15:59:00Z']) {
      const to = new Date(Math.min(new Date(from).getTime() + 30 * DAY, NOW.getTime()));
      expect(backfillWindowRefusal(new Date(from), to, limits)).toMatchObject({
        code: 'reporting.backfill-before-campaign',
        errors: [
          {
            path: 'from',
            message:
              'from must not be before 2022-06-30T16:00:00.000Z, the start of the month the campaign starts in',
          },
        ],
      });
    }
  });

  it('keeps the order and the five-year cap, under the existing code', () => {
    expect(backfillWindowRefusal(at(-DAY), at(-DAY), limits)).toMatchObject({
      code: 'reporting.backfill-range',
      errors: [{ path: 'to', message: 'to must be after from' }],
    });
    const tooLong = backfillWindowRefusal(at(-(MAX_BACKFILL_DAYS + 1) * DAY), NOW, {
      now: NOW,
      earliest: { at: '2000-01-01T00:00:00Z', is: 'a floor long past' },
      schedule: DISPATCH,
    });
    expect(tooLong).toMatchObject({
      code: 'reporting.backfill-range',
      errors: [{ path: 'to', message: `a backfill spans at most ${MAX_BACKFILL_DAYS} days` }],
    });
  });
});

/** The service with Temporal, the ledger and the plan (its campaign from `campaignFrom`) replaced by recorders. */
function schedulesWithFakes(campaignFrom = '2022-07-07') {
  const recorded: CycleRunRequest[] = [];
  const started: string[] = [];
  const backfilled: unknown[] = [];
  const client = {
    workflow: {
      execute: (_type: string, options: { workflowId: string }) => {
        started.push(options.workflowId);
        return Promise.resolve({
          at: '',
          period: '',
          opened: [],
          alreadyOpen: [],
          nothingOpenedBecause: null,
        });
      },
    },
    schedule: {
      create: () => Promise.resolve(),
      getHandle: () => ({ backfill: (options: unknown) => Promise.resolve(backfilled.push(options)) }),
    },
  } as unknown as Client;
  const runsByHand = {
    record: (request: CycleRunRequest) => {
      recorded.push(request);
      return Promise.resolve();
    },
  } as unknown as CycleRunsByHand;
  const plans = {
    activePlan: () =>
      Promise.resolve({ plan: { campaign: { period: { from: campaignFrom, to: '2028-12-31' } } } }),
  } as unknown as PlanSource;
  const policy = {
    schedules: {
      monthlyDispatch: { dayOfMonth: 1, hour: 8 },
      quarterlyBulletin: { dayOfMonth: 20, hour: 8 },
    },
  } as unknown as ReportingPolicy;
  const config = { TEMPORAL_TASK_QUEUE: 'unit' } as unknown as AppConfig;
  const schedules = new ReportingSchedules(client, config, policy, runsByHand, plans);
  return { schedules, recorded, started, backfilled };
}

const context = {
  actor: { userId: 'supervisor.fso', role: 'supervisor', unitId: 'fso' },
  requestId: 'same-request-id',
  reason: '测试',
} as unknown as ByHandContext;

describe('runs started by hand', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('gives triggers in the same millisecond (even with the same request id) runs of their own', async () => {
    jest.useFakeTimers({ now: NOW });
    const { schedules, recorded, started } = schedulesWithFakes();
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => schedules.trigger(ReportingCycle.QuarterlyBulletin, context)),
    );
    const ids = runs.map((run) => run.workflowId);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) {
      expect(id).toMatch(
        /^reporting-cycle\/quarterly-bulletin-triggered-2026-05-20T04:00:00\.000Z-[0-9a-f-]{36}$/,
      );
    }
    // Each ledger entry names the run that was started for it.
    expect(recorded.map((r) => (r as { workflowId: string }).workflowId)).toEqual(ids);
    expect(started).toEqual(ids);
  });

  it('refuses a backfill of a future window, one before the campaign or one without a run before anything is written or run', async () => {
    jest.useFakeTimers({ now: NOW });
    const { schedules, recorded, backfilled } = schedulesWithFakes();
    const future = schedules.backfill(
      ReportingCycle.QuarterlyBulletin,
      '2030-04-19T00:00:00Z',
      '2030-04-21T00:00:00Z',
      context,
    );
    await expect(future).rejects.toBeInstanceOf(DubanError);
    await expect(future).rejects.toMatchObject({ code: 'reporting.backfill-future' });
    await expect(
      schedules.backfill(
        ReportingCycle.MonthlyDispatch,
        '1969-12-01T00:00:00Z',
        '1970-01-02T00:00:00Z',
        context,
      ),
    ).rejects.toMatchObject({ code: 'reporting.backfill-before-campaign' });
    // Two days inside a quarter, past its bulletin: nothing would run.
    const empty = schedules.backfill(
      ReportingCycle.QuarterlyBulletin,
      '2023-05-10T00:00:00+08:00',
      '2023-05-12T00:00:00+08:00',
      context,
    );
    await expect(empty).rejects.toMatchObject({
      kind: 'validation',
      code: 'reporting.backfill-empty',
      details: { firstRun: '2023-07-20T00:00:00.000Z' },
    });
    expect(recorded).toEqual([]);
    expect(backfilled).toEqual([]);

    await schedules.backfill(
      ReportingCycle.MonthlyDispatch,
      '2022-07-01T00:00:00+08:00',
      '2022-07-02T00:00:00+08:00',
      context,
    );
    expect(recorded).toHaveLength(1);
    // Temporal includes both ends: the window's own end, left out, is given as the millisecond before it.
    expect(backfilled).toEqual([
      {
        start: new Date('2022-06-30T16:00:00.000Z'),
        end: new Date('2022-07-01T15:59:59.999Z'),
        overlap: 'ALLOW_ALL',
      },
    ]);
  });

  it('refuses a bulletin run now that would report on a quarter before the campaign, before anything is written or run', async () => {
    // NOW is 2026-05-20: a run reports on 2026-Q1, before a campaign starting 2026-04-01.
    jest.useFakeTimers({ now: NOW });
    const { schedules, recorded, started } = schedulesWithFakes('2026-04-01');
    const early = schedules.trigger(ReportingCycle.QuarterlyBulletin, context);
    await expect(early).rejects.toBeInstanceOf(DubanError);
    await expect(early).rejects.toMatchObject({
      kind: 'conflict',
      code: 'reporting.period-before-campaign',
      details: { quarter: '2026-Q1', campaignFrom: '2026-04-01' },
    });
    expect(recorded).toEqual([]);
    expect(started).toEqual([]);
    // The dispatch may run: it opens the deliverables of its month, and no monthly report before the campaign.
    await schedules.trigger(ReportingCycle.MonthlyDispatch, context);
    // A campaign that started in the quarter reported on: the bulletin runs.
    const { schedules: later, started: startedLater } = schedulesWithFakes('2026-03-31');
    await later.trigger(ReportingCycle.QuarterlyBulletin, context);
    expect(startedLater).toHaveLength(1);
    expect(recorded).toHaveLength(1);
  });
});
