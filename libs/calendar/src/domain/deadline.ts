// Pure: the due date-time of a clock from a start, an amount, a unit and a holiday table; no I/O, no clock reads.
import { CalendarError, CalendarErrorCode } from './calendar-error.js';
import {
  type BilingualText,
  type DeadlineRequest,
  type DeadlineResult,
  type DeadlineRule,
  type DeadlineUnit,
  type DeadlineUnitName,
  type HolidayName,
  type LocalDate,
  type Rollover,
  type WorkdayCount,
  DEADLINE_UNIT_ALIASES,
  MAX_AMOUNT,
  TIME_ZONE,
  UTC_OFFSET_MINUTES,
} from './calendar.types.js';
import {
  type DayStatus,
  type HolidayTable,
  addDays,
  dayStatus,
  isExistingLocalDate,
  localDateToUtcMidnight,
  toLocalDate,
} from './holiday-table.js';

interface ClockStart {
  input: string;
  epochMs: number;
  localDate: LocalDate;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const OFFSET_MS = UTC_OFFSET_MINUTES * MS_PER_MINUTE;
const DATE_ONLY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const BASIS: Readonly<Record<DeadlineUnit, string>> = {
  hours:
    'Hours: exact elapsed time from the start instant, with no holiday shift (民法典 第二百零一条第二款: 按照小时计算期间的，自法律规定或者当事人约定的时间开始计算).',
  days:
    'Calendar days: the start day is not counted (民法典 第二百零一条); if the last day is a rest day — a statutory ' +
    'holiday, or a weekend day that is not a make-up working day, as courts read 法定休假日 — the period ends on the ' +
    'first working day after the rest period (第二百零三条); the last day ends at 24:00 Asia/Shanghai.',
  workdays:
    'Working days per the State Council holiday notices (国务院办公厅节假日安排): statutory holidays and rest weekends ' +
    'are skipped, make-up working weekends (调休) count; the start day is not counted; the last working day ends at ' +
    '24:00 Asia/Shanghai.',
};

export function parseDeadlineUnit(name: string): DeadlineUnit {
  if (Object.hasOwn(DEADLINE_UNIT_ALIASES, name)) return DEADLINE_UNIT_ALIASES[name as DeadlineUnitName];
  throw new CalendarError(
    CalendarErrorCode.UnknownUnit,
    `Unknown unit "${String(name)}": use hours (h), days (d, calendar days) or workdays (wd, working days)`,
  );
}

export function computeDeadline(request: DeadlineRequest, table: HolidayTable): DeadlineResult {
  const unit = parseDeadlineUnit(request.unit);
  assertAmount(request.amount, unit);
  const start = parseStart(request.from);
  switch (unit) {
    case 'hours':
      return hoursDeadline(start, request.amount);
    case 'days':
      return calendarDaysDeadline(start, request.amount, table);
    case 'workdays':
      return workdaysDeadline(start, request.amount, table);
  }
}

function assertAmount(amount: number, unit: DeadlineUnit): void {
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT[unit]) {
    throw new CalendarError(
      CalendarErrorCode.InvalidAmount,
      `Invalid amount ${String(amount)}: a ${unit} clock takes a whole number from 1 to ${MAX_AMOUNT[unit]}`,
    );
  }
}

function parseStart(from: string): ClockStart {
  if (DATE_ONLY_PATTERN.test(from)) {
    if (!isExistingLocalDate(from)) throw invalidStart(from, 'no such day');
    return { input: from, epochMs: localDateToUtcMidnight(from) - OFFSET_MS, localDate: from };
  }
  const match = INSTANT_PATTERN.exec(from);
  if (!match) throw invalidStart(from, 'expected YYYY-MM-DD or an ISO 8601 instant with offset');
  const [, date, hour, minute, second = '0', fraction = '', sign, offsetHour = '0', offsetMinute = '0'] =
    match;
  if (!isExistingLocalDate(date)) throw invalidStart(from, 'no such day');
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    throw invalidStart(from, 'no such time');
  if (Number(offsetHour) > 23 || Number(offsetMinute) > 59) throw invalidStart(from, 'no such offset');
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(offsetHour) * 60 + Number(offsetMinute));
  const epochMs =
    localDateToUtcMidnight(date) +
    Number(hour) * MS_PER_HOUR +
    Number(minute) * MS_PER_MINUTE +
    Number(second) * 1000 +
    Number(fraction.slice(0, 3).padEnd(3, '0')) -
    offsetMinutes * MS_PER_MINUTE;
  return { input: from, epochMs, localDate: toLocalDate(epochMs + OFFSET_MS) };
}

function invalidStart(from: string, reason: string): CalendarError {
  return new CalendarError(
    CalendarErrorCode.InvalidDate,
    `Invalid start "${from}": ${reason} (use YYYY-MM-DD or e.g. 2024-09-27T15:30:00+08:00)`,
  );
}

function hoursDeadline(start: ClockStart, amount: number): DeadlineResult {
  const dueMs = start.epochMs + amount * MS_PER_HOUR;
  const startLocal = formatLocalInstant(start.epochMs);
  const dueLocalTime = formatLocalInstant(dueMs);
  return {
    ...startFields(start),
    dueAt: new Date(dueMs).toISOString(),
    dueDate: toLocalDate(dueMs + OFFSET_MS),
    dueLocal: `${dueLocalTime} (${TIME_ZONE})`,
    timeZone: TIME_ZONE,
    rule: { unit: 'hours', amount, startRule: 'exact-from-start-instant', basis: BASIS.hours },
    explanation: {
      en: `${plural(amount, 'hour')} from ${startLocal} (${TIME_ZONE}), exact with no holiday shift, ends ${dueLocalTime} (${TIME_ZONE})`,
      zh: `自${startLocal}（北京时间）起${amount}小时，按实际经过时间计算、不因节假日顺延，截止于${dueLocalTime}（北京时间，${TIME_ZONE}）`,
    },
  };
}

function calendarDaysDeadline(start: ClockStart, amount: number, table: HolidayTable): DeadlineResult {
  const countedLastDay = addDays(start.localDate, amount);
  const status = dayStatus(table, countedLastDay);
  const opening = {
    en: `${plural(amount, 'calendar day')} from ${start.localDate} (start day not counted) ends`,
    zh: `自${start.localDate}起${amount}个自然日（起算日不计入），期满日`,
  };
  if (status.kind === 'working-day') {
    return dayClockResult(
      start,
      countedLastDay,
      { unit: 'days', amount, startRule: 'start-day-not-counted', basis: BASIS.days },
      {
        en: `${opening.en} ${countedLastDay}, ${dueAtEndOf(countedLastDay).en}`,
        zh: `${opening.zh}为${countedLastDay}，${dueAtEndOf(countedLastDay).zh}`,
      },
    );
  }
  const lastDay = firstWorkingDayAfter(table, countedLastDay);
  const rollover = rolloverFrom(status, countedLastDay, lastDay);
  const restDay = describeRestDay(rollover);
  return dayClockResult(
    start,
    lastDay,
    { unit: 'days', amount, startRule: 'start-day-not-counted', rollover, basis: BASIS.days },
    {
      en: `${opening.en} ${countedLastDay}, ${restDay.en}; moved to the first working day after the rest period: ${lastDay}, ${dueAtEndOf(lastDay).en}`,
      zh: `${opening.zh}${countedLastDay}为${restDay.zh}，顺延至休息日结束后的第一个工作日：${lastDay}，${dueAtEndOf(lastDay).zh}`,
    },
  );
}

function workdaysDeadline(start: ClockStart, amount: number, table: HolidayTable): DeadlineResult {
  const workdayCount: WorkdayCount = { restDaysSkipped: 0, holidaysSkipped: [], makeUpWorkdaysCounted: [] };
  let day = start.localDate;
  for (let counted = 0; counted < amount;) {
    day = addDays(day, 1);
    const status = dayStatus(table, day);
    if (status.kind === 'working-day') {
      counted += 1;
      if (status.makeUp) workdayCount.makeUpWorkdaysCounted.push(day);
      continue;
    }
    workdayCount.restDaysSkipped += 1;
    if (status.kind === 'statutory-holiday')
      addUniqueName(workdayCount.holidaysSkipped, status.designation.name);
  }
  const counting = describeWorkdayCount(workdayCount);
  return dayClockResult(
    start,
    day,
    { unit: 'workdays', amount, startRule: 'start-day-not-counted', workdayCount, basis: BASIS.workdays },
    {
      en: `${plural(amount, 'working day')} from ${start.localDate} (start day not counted) ends ${day}, ${dueAtEndOf(day).en}${counting.en}`,
      zh: `自${start.localDate}起${amount}个工作日（起算日不计入），期满日为${day}，${dueAtEndOf(day).zh}${counting.zh}`,
    },
  );
}

function dueAtEndOf(lastDay: LocalDate): BilingualText {
  return { en: `due 24:00 ${TIME_ZONE}`, zh: `截止时间为${lastDay} 24:00（北京时间，${TIME_ZONE}）` };
}

/** A day clock ends at 24:00 of its last day, which is the instant 00:00 of the next day. */
function dayClockResult(
  start: ClockStart,
  lastDay: LocalDate,
  rule: DeadlineRule,
  explanation: BilingualText,
): DeadlineResult {
  const dueMs = localDateToUtcMidnight(addDays(lastDay, 1)) - OFFSET_MS;
  return {
    ...startFields(start),
    dueAt: new Date(dueMs).toISOString(),
    dueDate: lastDay,
    dueLocal: `${lastDay} 24:00 (${TIME_ZONE})`,
    timeZone: TIME_ZONE,
    rule,
    explanation,
  };
}

function startFields(start: ClockStart): Pick<DeadlineResult, 'from' | 'startAt' | 'startDate'> {
  return { from: start.input, startAt: new Date(start.epochMs).toISOString(), startDate: start.localDate };
}

function firstWorkingDayAfter(table: HolidayTable, restDay: LocalDate): LocalDate {
  let day = addDays(restDay, 1);
  while (dayStatus(table, day).kind !== 'working-day') day = addDays(day, 1);
  return day;
}

function rolloverFrom(
  status: Exclude<DayStatus, { kind: 'working-day' }>,
  from: LocalDate,
  to: LocalDate,
): Rollover {
  if (status.kind === 'weekend') return { from, to, reason: 'weekend', restDayName: status.name };
  return {
    from,
    to,
    reason: 'statutory-holiday',
    restDayName: status.designation.name,
    source: status.designation.source,
  };
}

function describeRestDay(rollover: Rollover): BilingualText {
  const { en, zh } = rollover.restDayName;
  return rollover.reason === 'weekend'
    ? { en: `a weekend rest day (${en}/${zh})`, zh: `周末休息日（${zh}）` }
    : { en: `a statutory holiday (${en}/${zh})`, zh: `法定节假日（${zh}）` };
}

function describeWorkdayCount(count: WorkdayCount): BilingualText {
  let en = '';
  let zh = '';
  if (count.restDaysSkipped > 0) {
    const holidays = count.holidaysSkipped;
    en += `; skipped ${plural(count.restDaysSkipped, 'rest day')}`;
    en += holidays.length > 0 ? ` incl. ${holidays.map((name) => `${name.en}/${name.zh}`).join(', ')}` : '';
    zh += `；跳过休息日${count.restDaysSkipped}天`;
    zh += holidays.length > 0 ? `（含${holidays.map((name) => name.zh).join('、')}）` : '';
  }
  const makeUps = count.makeUpWorkdaysCounted;
  if (makeUps.length > 0) {
    en += `; counted ${makeUps.length === 1 ? 'make-up working day' : 'make-up working days'} ${makeUps.join(', ')}`;
    zh += `；计入调休上班日${makeUps.join('、')}`;
  }
  return { en, zh };
}

function addUniqueName(names: HolidayName[], name: HolidayName): void {
  if (!names.some((known) => known.en === name.en && known.zh === name.zh)) names.push(name);
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, with seconds and milliseconds only when they are not zero. */
function formatLocalInstant(epochMs: number): string {
  const localMs = epochMs + OFFSET_MS;
  const msOfDay = ((localMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const hours = Math.floor(msOfDay / MS_PER_HOUR);
  const minutes = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const seconds = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const millis = msOfDay % 1000;
  let time = `${pad2(hours)}:${pad2(minutes)}`;
  if (seconds > 0 || millis > 0) time += `:${pad2(seconds)}`;
  if (millis > 0) time += `.${String(millis).padStart(3, '0')}`;
  return `${toLocalDate(localMs)} ${time}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
