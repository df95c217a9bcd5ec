/**
 * The scheduled reporting cycles. A module of its own, free of the workflow SDK, because the console's
 * 补跑 form reads the backfill window through it.
 */
export enum ReportingCycle {
  MonthlyDispatch = 'monthly-dispatch',
  QuarterlyBulletin = 'quarterly-bulletin',
}
