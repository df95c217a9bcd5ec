import { addDays } from '../../../calendar/src/domain/holiday-table.js';
import { startOfLocalDay, type ReportingPeriod } from './periods.js';

/** A unit's life as the unit table keeps it (ISO instants, or null). */
export interface UnitLifetime {
  /** When an administrator added it; null for the units the county started with. */
  addedAt: string | null;
  /** When it was last retired (停用); null while in use, or retired at a moment nobody recorded. */
  retiredAt: string | null;
}

/**
 * Whether a unit existed in a period (its days in Asia/Shanghai), so that the period's assessment or
 * bulletin may hold it to account: added before the period ended, and not retired before it began. A
 * unit retired during the period is still held to it (its cases were real); one retired the moment it
 * was added (an import listing it as not in use) never was in use, and exists in no period.
 */
export function existedIn(unit: UnitLifetime, period: Pick<ReportingPeriod, 'from' | 'to'>): boolean {
  const begins = Date.parse(startOfLocalDay(period.from));
  const ends = Date.parse(startOfLocalDay(addDays(period.to, 1)));
  const added = unit.addedAt === null ? null : Date.parse(unit.addedAt);
  const retired = unit.retiredAt === null ? null : Date.parse(unit.retiredAt);
  if (added !== null && added >= ends) return false;
  if (retired !== null && retired < begins) return false;
  return added === null || retired === null || retired > added;
}

/** A unit's life and whether it is in use now (a unit retired before `retired_at` was kept has none). */
export type UnitState = UnitLifetime & { active: boolean };

/**
 * Whether a unit is in use at an instant, so that a dispatch standing for it may ask the unit for
 * reports: added by then and not yet retired. A unit out of use with no recorded retirement is out of
 * use at every instant.
 */
export function inUseAt(unit: UnitState, at: string): boolean {
  const moment = Date.parse(at);
  if (unit.addedAt !== null && Date.parse(unit.addedAt) > moment) return false;
  if (unit.retiredAt !== null) return Date.parse(unit.retiredAt) > moment;
  return unit.active;
}
