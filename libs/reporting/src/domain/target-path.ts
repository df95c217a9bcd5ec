import { type LocalDate } from '../../../calendar/src/domain/calendar.types.js';
import { localDateToUtcMidnight } from '../../../calendar/src/domain/holiday-table.js';
import { type Indicator } from '../../../contracts/src/plan.contracts.js';
import { type ReportingPolicy } from './reporting-policy.js';

const dayNumber = (date: LocalDate) => localDateToUtcMidnight(date) / 86_400_000;

/**
 * Where a unit's ramp to a reach target starts (decision 0018): the value at the campaign's start as the
 * plan gives it, else the value the unit reported in the first dispatch, else 0 (nothing known).
 */
export interface Baseline {
  value: number;
  source: 'plan' | 'first-dispatch' | 'none';
}

/** A baseline of `none` in the words a leader reads (the annual score, the bulletin from layout 4). */
export const NO_BASELINE_ZH = '无基线，按 0 计';

export function baselineOf(indicator: Indicator, firstDispatchValue: number | null): Baseline {
  if (indicator.baseline !== undefined) return { value: indicator.baseline, source: 'plan' };
  if (firstDispatchValue !== null) return { value: firstDispatchValue, source: 'first-dispatch' };
  return { value: 0, source: 'none' };
}

/**
 * Where an indicator should stand on a day. A `reach` target is approached in a straight line from the
 * previous target (its value on its due date); before the first, from the baseline on the campaign's
 * first day, never from further than the target itself (a unit already past it is held to the target,
 * not asked to step back). A `keep` target holds its level from the start. After the last target the
 * last value holds. There is no exact equality: the path is a floor (`>=`) or a ceiling (`<=`).
 * A count's path is whole (no one builds 0.4 of a 示范街): the ramp rounded towards the baseline.
 */
export function targetPathAt(
  indicator: Indicator,
  date: LocalDate,
  campaignFrom: LocalDate,
  baseline = 0,
): number {
  const targets = [...indicator.targets].sort((a, b) => a.due.localeCompare(b.due));
  const index = targets.findIndex((t) => t.due >= date);
  if (index === -1) return targets[targets.length - 1]?.value ?? 0;
  const target = targets[index];
  if (target.mode === 'keep') return target.value;
  const start =
    indicator.comparator === '>=' ? Math.min(baseline, target.value) : Math.max(baseline, target.value);
  const previous = index > 0 ? targets[index - 1] : { due: campaignFrom, value: start };
  const span = dayNumber(target.due) - dayNumber(previous.due);
  if (span <= 0) return target.value;
  const elapsed = Math.max(0, dayNumber(date) - dayNumber(previous.due));
  const ramp = previous.value + ((target.value - previous.value) * elapsed) / span;
  if (indicator.measure === 'percent') return ramp;
  // A tolerance, so a due date's exact value is not lost to floating point.
  return indicator.comparator === '>=' ? Math.floor(ramp + 1e-9) : Math.ceil(ramp - 1e-9);
}

/** How far an actual value is behind its path (positive = behind); beyond it is never behind. */
export function gapBehind(indicator: Pick<Indicator, 'comparator'>, actual: number, path: number): number {
  switch (indicator.comparator) {
    case '>=':
      return path - actual;
    case '<=':
      return actual - path;
  }
}

/** Lagging beyond the policy threshold: percentage points for percents, a share of the path for counts. */
export function isLagging(
  indicator: Indicator,
  actual: number,
  path: number,
  lagging: Pick<ReportingPolicy['lagging'], 'percentPoints' | 'countShare'>,
): boolean {
  const gap = gapBehind(indicator, actual, path);
  return indicator.measure === 'percent' ? gap > lagging.percentPoints : gap > path * lagging.countShare;
}

/** Attainment between 0 and 1: how much of the path the actual value meets. */
export function attainment(indicator: Pick<Indicator, 'comparator'>, actual: number, path: number): number {
  const gap = gapBehind(indicator, actual, path);
  if (gap <= 0) return 1;
  const scale = indicator.comparator === '<=' ? actual : path;
  return scale > 0 ? Math.max(0, 1 - gap / scale) : 0;
}

/** The reasons the plan gives no year for a target the path uses, shown wherever the target is. */
export function yearAssumptions(indicator: Indicator): string[] {
  return indicator.targets.flatMap((t) => (t.yearAssumed && t.assumption ? [t.assumption] : []));
}

/**
 * The Chinese part of a bilingual plan note (`中文 / English`, as the plan's `assumption`s are), or the
 * whole note: what an official document (bulletin, score) prints of it.
 */
export function zhPart(note: string): string {
  const [zh] = note.split(' / ');
  return /[\u4e00-\u9fff]/.test(zh) ? zh : note;
}
