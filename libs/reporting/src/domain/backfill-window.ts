import { type LocalDate } from '../../../calendar/src/domain/calendar.types.js';
import { ReportingCycle } from '../../../contracts/src/reporting-cycle.js';
import { firstBulletinRun } from './campaign-start.js';
import { firstRunFrom, type CycleSchedule } from './cycle-schedule.js';
import { startOfLocalDay } from './periods.js';

/** The longest backfill accepted at once: the whole campaign (2022–2024) with room to spare. */
export const MAX_BACKFILL_DAYS = 5 * 366;

/** Stable codes of a refused backfill window (the field says which end is wrong). */
export enum BackfillWindowCode {
  /** from not before to, or longer than MAX_BACKFILL_DAYS. */
  Range = 'reporting.backfill-range',
  /** to lies after now: a backfill runs only times that have passed. */
  Future = 'reporting.backfill-future',
  /** from lies before the cycle's first run that reports on the campaign (see earliestBackfill). */
  BeforeCampaign = 'reporting.backfill-before-campaign',
  /** No run of the schedule falls in [from, to): nothing would run. */
  Empty = 'reporting.backfill-empty',
}

/** The earliest instant a cycle's backfill may start at, and why, as the refusal says it. */
export interface BackfillFloor {
  at: string;
  /** What the instant is, after `from must not be before <at>, `. */
  is: string;
}

export interface BackfillWindowRefusal {
  code: BackfillWindowCode;
  detail: string;
  errors: Array<{ path: 'from' | 'to'; message: string }>;
  /** For an empty window, the problem's own fields: the window and the first run `to` must pass. */
  details?: { from: string; to: string; firstRun: string };
}

/**
 * The earliest instant a cycle's backfill may start at, for a campaign starting `campaignFrom`.
 * Dispatch: 00:00 Beijing time on the first day of the month the campaign starts in. A run before it
 * opens no monthly report (its month lies before the campaign) and no deliverable (they fall due within
 * the campaign), while the runs of that month itself must stay reachable: the 1 July 2022 dispatch opens
 * the deliverable due 2022-07-15 of a campaign starting 2022-07-07 (its June reports it leaves out).
 * Bulletin: the first run that reports on a quarter of the campaign (firstBulletinRun, 2022-10-01): a
 * run in the campaign's first month reports on the quarter before it, and would make that quarter's
 * bulletin and raise its cards.
 */
export function earliestBackfill(cycle: ReportingCycle, campaignFrom: LocalDate): BackfillFloor {
  return cycle === ReportingCycle.QuarterlyBulletin
    ? {
        at: firstBulletinRun(campaignFrom),
        is:
          'the start of the quarter after the one the campaign starts in: a bulletin run before it reports ' +
          'on a quarter that ends before the campaign starts',
      }
    : {
        at: startOfLocalDay(`${campaignFrom.slice(0, 7)}-01`),
        is: 'the start of the month the campaign starts in',
      };
}

/**
 * Why a backfill over [from, to) is refused, or null: it must run forwards, span at most
 * MAX_BACKFILL_DAYS, end no later than `now` (a run for a time still to come would make a quarter's
 * bulletin before the quarter happened, and hold its one slot), start no earlier than `earliest`, and
 * hold at least one run of the cycle's `schedule` (else it would be ledgered as a run that never ran).
 */
export function backfillWindowRefusal(
  from: Date,
  to: Date,
  limits: { now: Date; earliest: BackfillFloor; schedule: CycleSchedule },
): BackfillWindowRefusal | null {
  if (!(from < to)) {
    return {
      code: BackfillWindowCode.Range,
      detail: 'from must be before to',
      errors: [{ path: 'to', message: 'to must be after from' }],
    };
  }
  if (to.getTime() - from.getTime() > MAX_BACKFILL_DAYS * 86_400_000) {
    return {
      code: BackfillWindowCode.Range,
      detail: `at most ${MAX_BACKFILL_DAYS} days at once`,
      errors: [{ path: 'to', message: `a backfill spans at most ${MAX_BACKFILL_DAYS} days` }],
    };
  }
  if (to > limits.now) {
    const now = limits.now.toISOString();
    return {
      code: BackfillWindowCode.Future,
      detail: `to (${to.toISOString()}) is after now (${now}): a backfill runs only times already past; use trigger to run a cycle now`,
      errors: [
        { path: 'to', message: `to must not be after now (${now}): a backfill runs only times already past` },
      ],
    };
  }
  const { earliest } = limits;
  if (from < new Date(earliest.at)) {
    return {
      code: BackfillWindowCode.BeforeCampaign,
      detail: `from (${from.toISOString()}) is before ${earliest.at}, ${earliest.is}: no run that early reports on the campaign`,
      errors: [{ path: 'from', message: `from must not be before ${earliest.at}, ${earliest.is}` }],
    };
  }
  const firstRun = firstRunFrom(limits.schedule, from).toISOString();
  if (!(new Date(firstRun) < to)) {
    const window = `[${from.toISOString()}, ${to.toISOString()})`;
    return {
      code: BackfillWindowCode.Empty,
      detail: `no run of the schedule falls in ${window}: its first run from ${from.toISOString()} is at ${firstRun}; widen the window to include it`,
      errors: [
        {
          path: 'to',
          message: `to must be after ${firstRun}, the cycle's first run at or after from: no run of its schedule falls before to`,
        },
      ],
      details: { from: from.toISOString(), to: to.toISOString(), firstRun },
    };
  }
  return null;
}
