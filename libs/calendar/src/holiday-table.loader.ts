// I/O side of the calendar: builds the pure HolidayTable from the chinese-days dataset and override files.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { packageRoot } from '../../platform/src/config/package-root.js';
import { CalendarError, CalendarErrorCode } from './domain/calendar-error.js';
import { STATUTORY_HOLIDAYS_LAW, statutoryHolidays } from './statutory-holidays.js';
import { type HolidayName } from './domain/calendar.types.js';
import {
  type DatedHolidayName,
  type HolidayTable,
  type HolidayYearData,
  buildHolidayTable,
  isExistingLocalDate,
  yearOf,
} from './domain/holiday-table.js';

export interface LoadHolidayTableOptions {
  /** An extra override file, applied after the shipped one (callers pass `HOLIDAY_OVERRIDE_FILE`). */
  overrideFile?: string;
  /**
   * Years after the last published notice to cover provisionally (weekends and the statutory holidays
   * fixed by law, without the notice's bridge days and make-up working days), so clocks keep
   * running in the weeks before the State Council publishes next year's notice. 0 turns this off.
   */
  provisionalYearsAhead?: number;
}

const DATASET_PACKAGE = 'chinese-days';
const SHIPPED_OVERRIDE_PATH = join('libs', 'calendar', 'data', 'holiday-overrides.json');
const YEAR_FILE_PATTERN = /^(\d{4})\.json$/;
const YEAR_KEY_PATTERN = /^\d{4}$/;

/** Layers, later winning for a date: chinese-days, then the shipped override file, then `overrideFile`. */
export function loadHolidayTable(options: LoadHolidayTableOptions = {}): HolidayTable {
  const layers = [...readDataset(), ...readOverrideFile(shippedOverrideFile())];
  if (options.overrideFile) layers.push(...readOverrideFile(resolve(options.overrideFile)));
  const lastPublished = Math.max(...layers.map((l) => l.year));
  for (let year = lastPublished + 1; year <= lastPublished + (options.provisionalYearsAhead ?? 0); year++) {
    // The law fixes the holidays themselves; only the notice's bridge days and make-up working days are unknown.
    layers.push({
      year,
      source: `provisional: no holiday notice for ${year} loaded yet; statutory holidays of ${STATUTORY_HOLIDAYS_LAW}`,
      holidays: statutoryHolidays(year),
      workdays: [],
      provisional: true,
    });
  }
  return buildHolidayTable(layers);
}

interface DatasetYearFile {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function readDataset(): HolidayYearData[] {
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve(`${DATASET_PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string };
  const yearsDir = join(dirname(packageFile), 'dist', 'years');
  return readdirSync(yearsDir)
    .flatMap((file) => {
      const match = YEAR_FILE_PATTERN.exec(file);
      return match ? [{ file, year: Number(match[1]) }] : [];
    })
    .map(({ file, year }) => {
      const data = JSON.parse(readFileSync(join(yearsDir, file), 'utf8')) as DatasetYearFile;
      return {
        year,
        source: `${DATASET_PACKAGE}@${version} years/${file} (State Council holiday notice for ${year})`,
        holidays: datasetDays(data.holidays),
        workdays: datasetDays(data.workdays),
      };
    });
}

/** chinese-days writes a day's name as `English,中文,number`. */
function datasetDays(days: Record<string, string>): DatedHolidayName[] {
  return Object.entries(days).map(([date, label]) => {
    const [en = label, zh = en] = label.split(',');
    return { date, name: { en, zh } };
  });
}

/** Found from the package root, so the same file is read from src/ (tests) and dist/ (tsc copies no data files). */
function shippedOverrideFile(): string {
  return join(packageRoot(import.meta.url), SHIPPED_OVERRIDE_PATH);
}

function readOverrideFile(file: string): HolidayYearData[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidOverrides(
      file,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidOverrides(file, 'not valid JSON');
  }
  return parseOverrides(json, file);
}

function parseOverrides(json: unknown, file: string): HolidayYearData[] {
  if (!isRecord(json) || !isRecord(json.years)) throw invalidOverrides(file, 'expected { "years": { … } }');
  return Object.entries(json.years).map(([yearKey, entry]) => {
    const where = `years.${yearKey}`;
    if (!YEAR_KEY_PATTERN.test(yearKey))
      throw invalidOverrides(file, `${where}: the key must be a year like "2027"`);
    if (!isRecord(entry)) throw invalidOverrides(file, `${where}: expected an object`);
    if (typeof entry.source !== 'string' || entry.source.trim() === '') {
      throw invalidOverrides(file, `${where}.source: name the notice the dates come from`);
    }
    const year = Number(yearKey);
    const holidays = parseDatedNames(entry.holidays, year, `${where}.holidays`, file);
    const workdays = parseDatedNames(entry.workdays, year, `${where}.workdays`, file);
    const clash = holidays.find(({ date }) => workdays.some((workday) => workday.date === date));
    if (clash) throw invalidOverrides(file, `${where}: ${clash.date} is listed as both holiday and workday`);
    return { year, source: `${entry.source} (${file})`, holidays, workdays };
  });
}

function parseDatedNames(value: unknown, year: number, where: string, file: string): DatedHolidayName[] {
  if (!Array.isArray(value)) throw invalidOverrides(file, `${where}: expected a list (may be empty)`);
  return value.map((item: unknown, index) => {
    const at = `${where}[${index}]`;
    if (!isRecord(item) || typeof item.date !== 'string' || !isExistingLocalDate(item.date)) {
      throw invalidOverrides(file, `${at}.date: expected an existing day as YYYY-MM-DD`);
    }
    if (yearOf(item.date) !== year)
      throw invalidOverrides(file, `${at}.date: ${item.date} is not in ${year}`);
    if (!isHolidayName(item.name))
      throw invalidOverrides(file, `${at}.name: expected { "en": "…", "zh": "…" }`);
    return { date: item.date, name: { en: item.name.en, zh: item.name.zh } };
  });
}

function isHolidayName(value: unknown): value is HolidayName {
  return isRecord(value) && typeof value.en === 'string' && typeof value.zh === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidOverrides(file: string, reason: string): CalendarError {
  return new CalendarError(
    CalendarErrorCode.InvalidHolidayData,
    `Invalid holiday override file ${file}: ${reason}`,
  );
}
