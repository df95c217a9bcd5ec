import { type BilingualText, type DeadlineResult } from './calendar.types.js';
import { provisionalYearsBetween, type HolidayTable } from './holiday-table.js';

/** Says so when a due date rests on a year whose holiday notice is not loaded yet (the notice's 调休 may still move it). */
export function provisionalWarning(table: HolidayTable, result: DeadlineResult): BilingualText | null {
  const years = provisionalYearsBetween(table, result.startDate, result.dueDate);
  if (years.length === 0) return null;
  return {
    en: `provisional: the holiday notice for ${years.join(', ')} is not loaded yet, so only weekends and the statutory holidays fixed by law were treated as rest days (no bridge days or make-up working days yet)`,
    zh: `暂定：${years.join('、')}年节假日安排尚未载入，暂按周末及法定节日计算（调休及连休安排未定）`,
  };
}
