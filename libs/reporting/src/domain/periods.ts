import { UTC_OFFSET_MINUTES, type LocalDate } from '../../../calendar/src/domain/calendar.types.js';
import { addDays, toLocalDate } from '../../../calendar/src/domain/holiday-table.js';

/** A reporting period: a month (`2023-03`), a quarter (`2023-Q1`) or a year (`2023`), with its days. */
export interface ReportingPeriod {
  label: string;
  from: LocalDate;
  to: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The day an instant falls on in Asia/Shanghai. */
export function localDateOf(instant: string): LocalDate {
  return toLocalDate(Date.parse(instant) + UTC_OFFSET_MINUTES * 60_000);
}

/** The instant 00:00 Asia/Shanghai of a local day begins. */
export function startOfLocalDay(date: LocalDate): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - UTC_OFFSET_MINUTES * 60_000).toISOString();
}

function monthPeriod(year: number, month: number): ReportingPeriod {
  const from = `${year}-${pad(month)}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return { label: `${year}-${pad(month)}`, from, to: addDays(next, -1) };
}

/** The month an instant falls in (Asia/Shanghai). */
export function monthOf(instant: string): ReportingPeriod {
  const day = localDateOf(instant);
  return monthPeriod(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
}

/** The month before the one an instant falls in: what a dispatch run at that instant asks about. */
export function previousMonthOf(instant: string): ReportingPeriod {
  return monthOf(startOfLocalDay(addDays(monthOf(instant).from, -1)));
}

/**
 * Why a dispatch run opened nothing, in words: every request was open already (a rerun), or nothing was
 * due (the month lies outside the campaign and no plan deliverable falls due in the run's month).
 */
export function nothingOpenedBecause(at: string, opened: number, alreadyOpen: number): string | null {
  if (opened > 0) return null;
  if (alreadyOpen > 0) return `all ${alreadyOpen} report requests of this run were open already`;
  return (
    `no monthly report is due for ${previousMonthOf(at).label} (outside the campaign period of the active ` +
    `plan) and no plan deliverable falls due in ${monthOf(at).label}`
  );
}

/** The quarter an instant falls in (Asia/Shanghai). */
export function quarterOf(instant: string): ReportingPeriod {
  const [year, month] = ym(localDateOf(instant));
  const q = Math.floor((month - 1) / 3) + 1;
  return { label: `${year}-Q${q}`, from: monthPeriod(year, q * 3 - 2).from, to: monthPeriod(year, q * 3).to };
}

/** The quarter before the one an instant falls in: what a bulletin run at that instant covers. */
export function previousQuarterOf(instant: string): ReportingPeriod {
  return quarterOf(startOfLocalDay(addDays(quarterOf(instant).from, -1)));
}

const QUARTER_ZH = ['一', '二', '三', '四'];
export const quarterParts = (label: string) => {
  const [year, q] = label.split('-Q');
  return { year, quarter: Number(q) };
};
/** `2023-Q1` → 2023年第一季度, as the bulletin's title says it. */
export const quarterZh = (label: string) => {
  const { year, quarter } = quarterParts(label);
  return `${year}年第${QUARTER_ZH[quarter - 1]}季度`;
};

/** The months of a period, first to last (`2023-01` … `2023-03` for `2023-Q1`). */
export function monthsOf(period: ReportingPeriod): string[] {
  const months: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(monthPeriod(...ym(day)).to, 1)) {
    months.push(day.slice(0, 7));
  }
  return months;
}

function ym(day: LocalDate): [number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
}
