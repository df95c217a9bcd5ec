import { type Command } from 'commander';
import { CalendarError, CalendarErrorCode } from '../domain/calendar-error.js';
import { type DeadlineResult } from '../domain/calendar.types.js';
import { computeDeadline, parseDeadlineUnit } from '../domain/deadline.js';
import { loadHolidayTable } from '../holiday-table.loader.js';

interface DeadlineCommandOptions {
  from?: string;
  amount?: string;
  unit?: string;
  json?: boolean;
  holidays?: string;
}

/** Bad input exits with 2, as usage errors do, so scripts can tell it from a crash (1). */
const BAD_INPUT_EXIT_CODE = 2;
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description(
      'Compute when a clock expires (Asia/Shanghai, statutory holidays and make-up working days included)',
    )
    // Checked in the action rather than with requiredOption, so every bad input gets the same message and exit code.
    .option('--from <date>', 'start: YYYY-MM-DD (that day) or an ISO 8601 instant with offset (required)')
    .option('--amount <n>', 'length of the clock, a whole number (required)')
    .option('--unit <unit>', 'hours (h), days (d, calendar days) or workdays (wd, working days) (required)')
    .option('--json', 'print the full result as JSON')
    .option('--holidays <file>', 'extra holiday override file (default: $HOLIDAY_OVERRIDE_FILE)')
    .action((options: DeadlineCommandOptions) => {
      try {
        const result = runDeadline(options);
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
      } catch (error) {
        if (!(error instanceof CalendarError)) throw error;
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = BAD_INPUT_EXIT_CODE;
      }
    });
}

function runDeadline(options: DeadlineCommandOptions): DeadlineResult {
  const from = required(options.from, '--from <date>', CalendarErrorCode.InvalidDate);
  const amountText = required(options.amount, '--amount <n>', CalendarErrorCode.InvalidAmount);
  const unit = parseDeadlineUnit(required(options.unit, '--unit <unit>', CalendarErrorCode.UnknownUnit));
  // Decimal numerals only: Number() would also take '', '0x10' and '1e3'; computeDeadline checks the range.
  if (!DECIMAL_PATTERN.test(amountText)) {
    throw new CalendarError(
      CalendarErrorCode.InvalidAmount,
      `Invalid amount "${amountText}": expected a whole number`,
    );
  }
  const amount = Number(amountText);
  const table = loadHolidayTable({ overrideFile: options.holidays ?? process.env.HOLIDAY_OVERRIDE_FILE });
  return computeDeadline({ from, amount, unit }, table);
}

function required(value: string | undefined, option: string, code: CalendarErrorCode): string {
  if (value === undefined) throw new CalendarError(code, `Missing option ${option}`);
  return value;
}

function formatResult(result: DeadlineResult): string {
  return [
    `due: ${result.dueLocal} = ${result.dueAt}`,
    `rule: ${result.explanation.en}`,
    `规则: ${result.explanation.zh}`,
    `basis: ${result.rule.basis}`,
    '',
  ].join('\n');
}
