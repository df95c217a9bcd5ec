import { Inject, Injectable } from '@nestjs/common';
import { ErrorKind } from '../../contracts/src/errors.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { CalendarError, CalendarErrorCode } from './domain/calendar-error.js';
import { type BilingualText, type DeadlineResult } from './domain/calendar.types.js';
import { computeDeadline, parseDeadlineUnit } from './domain/deadline.js';
import { type HolidayTable } from './domain/holiday-table.js';
import { provisionalWarning } from './domain/provisional.js';
import { loadHolidayTable } from './holiday-table.loader.js';

/** The request field each calendar error is about, for problem+json field paths. */
const FIELD_OF: Record<CalendarErrorCode, string | undefined> = {
  [CalendarErrorCode.InvalidDate]: 'from',
  [CalendarErrorCode.OutOfRange]: 'from',
  [CalendarErrorCode.InvalidAmount]: 'amount',
  [CalendarErrorCode.UnknownUnit]: 'unit',
  [CalendarErrorCode.InvalidHolidayData]: undefined,
};

/**
 * Due dates for the whole system; the holiday table is loaded once, at boot. The year after the last
 * published notice is covered provisionally (weekends and the statutory holidays fixed by law) and
 * every such result says so.
 */
@Injectable()
export class CalendarService {
  readonly table: HolidayTable;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.table = loadHolidayTable({ overrideFile: config.HOLIDAY_OVERRIDE_FILE, provisionalYearsAhead: 1 });
  }

  deadline(
    from: string,
    amount: number,
    unit: string,
  ): DeadlineResult & { provisional: BilingualText | null } {
    try {
      const result = computeDeadline({ from, amount, unit: parseDeadlineUnit(unit) }, this.table);
      return { ...result, provisional: provisionalWarning(this.table, result) };
    } catch (err) {
      if (!(err instanceof CalendarError)) throw err;
      const field = FIELD_OF[err.code];
      throw new DubanError(
        ErrorKind.Validation,
        err.code,
        err.message,
        {},
        field ? [{ path: field, message: err.message }] : [],
      );
    }
  }
}
