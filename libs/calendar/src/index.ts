// Workflows should import from ./domain/* only: this barrel also exports the loader, which reads files.
export { CalendarError, CalendarErrorCode } from './domain/calendar-error.js';
export {
  type BilingualText,
  type DeadlineRequest,
  type DeadlineResult,
  type DeadlineRule,
  type DeadlineUnit,
  type DeadlineUnitName,
  type HolidayName,
  type LocalDate,
  type RestDayKind,
  type Rollover,
  type StartRule,
  type WorkdayCount,
  DEADLINE_UNITS,
  DEADLINE_UNIT_ALIASES,
  MAX_AMOUNT,
  TIME_ZONE,
  UTC_OFFSET_MINUTES,
} from './domain/calendar.types.js';
export { computeDeadline, parseDeadlineUnit } from './domain/deadline.js';
export {
  type DatedHolidayName,
  type DayDesignation,
  type DayStatus,
  type HolidayTable,
  type HolidayYearData,
  buildHolidayTable,
  dayStatus,
  describeCoverage,
  isWorkingDay,
  restDayName,
} from './domain/holiday-table.js';
export { type LoadHolidayTableOptions, loadHolidayTable } from './holiday-table.loader.js';
export { registerDeadlineCommand } from './cli/deadline.command.js';
