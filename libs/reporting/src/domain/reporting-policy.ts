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
    /**
     * 未报按滞后计: a unit asked for an indicator in a quarter that reported no value for it lags on it, as
     * one that reported too low does; otherwise a unit could escape the lagging card by reporting nothing.
     */
    unreportedLags: boolean;
  };
  assessment: AssessmentPolicy;
}

export interface ScheduleTime {
  dayOfMonth: number;
  hour: number;
}

/** What the annual score measures; a unit is scored only on those that apply to it. */
export type AssessmentComponent =
  'indicators' | 'monthlyReports' | 'deliverables' | 'riskItems' | 'referrals';

export interface AssessmentPolicy {
  /** What the score is called: the campaign's part of the county's wider assessment (专项得分). */
  label: { zh: string; en: string };
  /**
   * Relative weights of the components. Those that apply to a unit are scaled to 100 between them, so a
   * unit without quantitative targets is scored on its reports, deliverables, risk items and referrals.
   */
  weights: Record<AssessmentComponent, number>;
  deductions: {
    /** Per card raised in the year, by colour. */
    cardByColour: Record<string, number>;
  };
  /** Highest first; the first band whose minimum the score reaches. */
  grades: Array<{ min: number; grade: string; nameZh: string }>;
}
