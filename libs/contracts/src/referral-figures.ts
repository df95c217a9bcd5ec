/**
 * Referral figures (行刑衔接) as the reporting cycles read them, so that plan & reporting need not depend
 * on the referral context: the referral context provides the source, reporting injects it by token.
 */
export const REFERRAL_FIGURES_SOURCE = 'REFERRAL_FIGURES_SOURCE';

export interface ReferralFiguresQuery {
  /** Leads recorded in [from, to). */
  from: Date;
  to: Date;
  /**
   * The moment their outcome is read at (transferred, refused, filed, clocks run out by then): a
   * quarter's or a year's end for its bulletin or score, whenever that is made. Now when left out.
   */
  asOf?: Date;
  unitId?: string;
  actionNo?: number;
}

/** One row per (referring unit, campaign action). */
export interface ReferralFiguresRow {
  unitId: string;
  actionNo: number;
  /** Leads that met the criminal threshold: the denominator of the referral rate. */
  leadsMeetingThreshold: number;
  /** Of those, transferred to the police. */
  referred: number;
  /** Of those, refused by the unit head with a recorded reason. */
  refusedWithReason: number;
  /** Cases the police filed (立案). */
  filed: number;
  /** Clocks that ran out, on either side. */
  overdueClocks: number;
}

export interface ReferralFiguresSource {
  figures(query: ReferralFiguresQuery): Promise<ReferralFiguresRow[]>;
}
