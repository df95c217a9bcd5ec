import { type LocalDate } from '../../../calendar/src/domain/calendar.types.js';
import { localDateToUtcMidnight } from '../../../calendar/src/domain/holiday-table.js';
import { type Indicator } from '../../../contracts/src/plan.contracts.js';
import { type ReportingPolicy } from './reporting-policy.js';

const dayNumber = (date: LocalDate) => localDateToUtcMidnight(date) / 86_400_000;

/**
 * Where an indicator should stand on a day. A `reach` target of a `>=` indicator is approached in a
 * straight line from the previous target (its value on its due date; before the first target, 0 on the
 * campaign's first day); a `keep` target, and any `<=` or `=` target, holds from the start. After the
 * last target the last value holds.
 */
export function targetPathAt(indicator: Indicator, date: LocalDate, campaignFrom: LocalDate): number {
  const targets = [...indicator.targets].sort((a, b) => a.due.localeCompare(b.due));
  const index = targets.findIndex((t) => t.due >= date);
  if (index === -1) return targets[targets.length - 1]?.value ?? 0;
  const target = targets[index];
  if (target.mode === 'keep' || indicator.comparator !== '>=') return target.value;
  const previous = index > 0 ? targets[index - 1] : { due: campaignFrom, value: 0 };
  const span = dayNumber(target.due) - dayNumber(previous.due);
  if (span <= 0) return target.value;
  const elapsed = Math.max(0, dayNumber(date) - dayNumber(previous.due));
  return previous.value + ((target.value - previous.value) * elapsed) / span;
}

/** How far an actual value is behind its path (positive = behind), in the indicator's own unit. */
export function gapBehind(indicator: Indicator, actual: number, path: number): number {
  switch (indicator.comparator) {
    case '>=':
      return path - actual;
    case '<=':
      return actual - path;
    case '=':
      return Math.abs(actual - path);
  }
}

/** Lagging beyond the policy threshold: percentage points for percents, a share of the path for counts. */
export function isLagging(
  indicator: Indicator,
  actual: number,
  path: number,
  lagging: ReportingPolicy['lagging'],
): boolean {
  const gap = gapBehind(indicator, actual, path);
  return indicator.measure === 'percent' ? gap > lagging.percentPoints : gap > path * lagging.countShare;
}

/** Attainment between 0 and 1: how much of the path the actual value meets. */
export function attainment(indicator: Indicator, actual: number, path: number): number {
  const gap = gapBehind(indicator, actual, path);
  if (gap <= 0) return 1;
  const scale = indicator.comparator === '<=' ? actual : path;
  return scale > 0 ? Math.max(0, 1 - gap / scale) : 0;
}
