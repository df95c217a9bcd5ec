import { type HolidayTable } from '../../libs/calendar/src/domain/holiday-table.js';
import { loadHolidayTable } from '../../libs/calendar/src/holiday-table.loader.js';

/** Workflow tests skip months past today; two years ahead covers the furthest any of them reaches. */
const YEARS_REACHED_AHEAD = 2;

/**
 * The holiday table for time-skipping tests. The test server starts at the real date and skips months
 * ahead, so a fixed `provisionalYearsAhead: 1` would make every planning activity fail (and retry
 * without end, freezing time skipping) once the tests run late in the year after the last notice.
 * Years past the last notice are provisional (statutory holidays and weekends), as in production.
 */
export function timeSkippingHolidayTable(): HolidayTable {
  const lastPublished = Math.max(...loadHolidayTable().coveredYears);
  const furthest = new Date().getUTCFullYear() + YEARS_REACHED_AHEAD;
  return loadHolidayTable({ provisionalYearsAhead: Math.max(1, furthest - lastPublished) });
}
