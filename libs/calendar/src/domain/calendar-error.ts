/** Stable codes, in the platform's `context.problem` form, so callers branch on them instead of on messages. */
export enum CalendarErrorCode {
  InvalidDate = 'calendar.invalid-date',
  InvalidAmount = 'calendar.invalid-amount',
  UnknownUnit = 'calendar.unknown-unit',
  OutOfRange = 'calendar.out-of-range',
  InvalidHolidayData = 'calendar.invalid-holiday-data',
}

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
