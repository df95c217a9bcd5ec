// The holidays fixed by law, for years whose State Council notice is not out yet. Lunar dates and the
// Qingming solar term come from chinese-days (pure computation), so this stays outside domain/: the
// workflow bundle never needs it, it receives the finished HolidayTable as data.
import chineseDays from 'chinese-days';
import { type HolidayName, type LocalDate } from './domain/calendar.types.js';
import { addDays, type DatedHolidayName } from './domain/holiday-table.js';

// CommonJS (UMD) package: under ESM its functions come through the default export.
const { getSolarDateFromLunar, getSolarTermDate } = chineseDays;

/** 《全国年节及纪念日放假办法》 as revised by State Council Decree No. 795 (2024-11-10), in force 2025-01-01. */
export const STATUTORY_HOLIDAYS_LAW = '《全国年节及纪念日放假办法》第二条（2024年修订，2025年1月1日起施行）';

/** The revision that fixed today's seven holidays and their lengths applies from this year on. */
export const FIRST_YEAR_OF_CURRENT_LAW = 2025;

/**
 * The statutory days of one year (art. 2): 元旦 Jan 1; 春节 除夕 to 正月初三 (4 days); 清明 the Qingming
 * solar term day; 劳动节 May 1–2; 端午 5th of the 5th lunar month; 中秋 15th of the 8th lunar month;
 * 国庆 Oct 1–3. Names say the day is fixed by law, not by a notice: the notice later adds the bridge
 * days and the make-up working days (调休), which no rule derives.
 */
export function statutoryHolidays(year: number): DatedHolidayName[] {
  if (year < FIRST_YEAR_OF_CURRENT_LAW) {
    throw new RangeError(`the 2024 revision of the holiday law applies from ${FIRST_YEAR_OF_CURRENT_LAW}`);
  }
  const springFestival = lunarToGregorian(year, 1, 1);
  const days: Array<[LocalDate, HolidayName]> = [
    [`${year}-01-01`, { en: "New Year's Day", zh: '元旦' }],
    [addDays(springFestival, -1), { en: "Spring Festival (New Year's Eve)", zh: '春节（除夕）' }],
    [springFestival, { en: 'Spring Festival', zh: '春节' }],
    [addDays(springFestival, 1), { en: 'Spring Festival', zh: '春节' }],
    [addDays(springFestival, 2), { en: 'Spring Festival', zh: '春节' }],
    [getSolarTermDate(year, 4, 'pure_brightness'), { en: 'Tomb-sweeping Day', zh: '清明节' }],
    [`${year}-05-01`, { en: 'Labour Day', zh: '劳动节' }],
    [`${year}-05-02`, { en: 'Labour Day', zh: '劳动节' }],
    [lunarToGregorian(year, 5, 5), { en: 'Dragon Boat Festival', zh: '端午节' }],
    [lunarToGregorian(year, 8, 15), { en: 'Mid-autumn Festival', zh: '中秋节' }],
    [`${year}-10-01`, { en: 'National Day', zh: '国庆节' }],
    [`${year}-10-02`, { en: 'National Day', zh: '国庆节' }],
    [`${year}-10-03`, { en: 'National Day', zh: '国庆节' }],
  ];
  // Mid-autumn can fall inside National Day (2028-10-03): one rest day carrying both names.
  const byDate = new Map<LocalDate, HolidayName>();
  for (const [date, name] of days) {
    const known = byDate.get(date);
    byDate.set(date, known ? { en: `${known.en} / ${name.en}`, zh: `${known.zh}、${name.zh}` } : name);
  }
  return [...byDate]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, name]) => ({
      date,
      name: { en: `${name.en}, statutory by law`, zh: `${name.zh}（法定假日，依法确定）` },
    }));
}

/** A day of a (non-leap) lunar month of lunar year `year`, as a Gregorian date. */
function lunarToGregorian(year: number, month: number, day: number): LocalDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;
}
