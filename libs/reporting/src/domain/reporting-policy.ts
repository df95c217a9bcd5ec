import { type ClockPolicy } from '../../../calendar/src/domain/calendar.types.js';

/** The reporting cycles as data (docs/domain.md §3.4): due dates, lagging thresholds, score weights and grades. */
export interface ReportingPolicy {
  version: string;
  description?: string;
  /**
   * When the cycles run (Asia/Shanghai): the dispatch every month, asking about the previous month;
   * the bulletin in the first month of each quarter, covering the previous quarter.
   */
  schedules: { monthlyDispatch: ScheduleTime; quarterlyBulletin: ScheduleTime };
  monthlyReport: {
    /** Counted from the dispatch instant, e.g. 5 working days. */
    due: ClockPolicy;
    /** The reminder goes out when this many working days remain; 0 turns reminders off. */
    reminderBeforeWorkdays: number;
  };
  deliverable: { reminderBeforeWorkdays: number };
  lagging: {
    /** A percent indicator lags when it is this many percentage points behind its target path. */
    percentPoints: number;
    /** A count indicator lags when it is short of its target path by this share of the path (0–1). */
    countShare: number;
  };
  assessment: AssessmentPolicy;
}

export interface ScheduleTime {
  dayOfMonth: number;
  hour: number;
}

export interface AssessmentPolicy {
  /** Points for full attainment of every indicator the unit leads (scaled by mean attainment). */
  attainmentPoints: number;
  /** Points every unit starts with besides attainment (a unit without indicators gets them in full). */
  basePoints: number;
  deductions: {
    overdueRiskItem: number;
    missedReport: number;
    /** A lead that met the criminal threshold and was neither referred nor refused with a reason. */
    referralFailure: number;
    /** Per card raised in the year, by colour. */
    cardByColour: Record<string, number>;
  };
  /** Highest first; the first band whose minimum the score reaches. */
  grades: Array<{ min: number; grade: string; nameZh: string }>;
}
