import { CalendarError, CalendarErrorCode } from './calendar-error.js';
import { UTC_OFFSET_MINUTES, type LocalDate } from './calendar.types.js';
import { addDays, isWorkingDay, localDateToUtcMidnight, type HolidayTable } from './holiday-table.js';

/**
 * The instant at which exactly `workdays` working days remain before a day deadline: the end (24:00
 * Asia/Shanghai) of the day before the last `workdays` working days up to and including `dueDate`.
 * A reminder "2 working days before" a Friday deadline therefore goes out at Wednesday 24:00.
 */
export function workdaysBeforeEnd(dueDate: LocalDate, workdays: number, table: HolidayTable): string {
  if (!Number.isInteger(workdays) || workdays < 1) {
    throw new CalendarError(
      CalendarErrorCode.InvalidAmount,
      `lead time must be a whole number of working days ≥ 1`,
    );
  }
  let day = dueDate;
  let counted = 0;
  while (counted < workdays) {
    if (isWorkingDay(table, day)) counted++;
    day = addDays(day, -1);
  }
  return new Date(localDateToUtcMidnight(addDays(day, 1)) - UTC_OFFSET_MINUTES * 60_000).toISOString();
}
