import { type Indicator } from '../../../contracts/src/plan.contracts.js';
import { type AssessmentPolicy } from './reporting-policy.js';
import { attainment, targetPathAt } from './target-path.js';

/** What a year's assessment (年考核) of the units is made from. */
export interface AssessmentInputs {
  year: number;
  campaignFrom: string;
  units: Array<{ id: string; nameZh: string }>;
  actions: Array<{ no: number; leadUnits: string[]; indicators: Indicator[] }>;
  /** The latest value each unit reported for each indicator in the year. */
  values: Array<{ unitId: string; actionNo: number; indicatorId: string; value: number }>;
  overdueRiskItems: Record<string, number>;
  missedReports: Record<string, number>;
  cards: Array<{ unitId: string; colour: string; count: number }>;
  referralFailures: Record<string, number>;
}

/** One line of a score: every point added or taken, and why. */
export interface ScoreLine {
  item: string;
  points: number;
  detail: string;
}

export interface UnitScore {
  unitId: string;
  nameZh: string;
  score: number;
  grade: string;
  gradeZh: string;
  breakdown: ScoreLine[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Score = base points + attainment points × mean attainment of the indicators the unit leads (against
 * the target path on 12-31) − deductions (overdue items, missed reports, referral failures, cards by
 * colour); never below 0. Highest score first.
 */
export function scoreUnits(policy: AssessmentPolicy, inputs: AssessmentInputs): UnitScore[] {
  const yearEnd = `${inputs.year}-12-31`;
  const scores = inputs.units.map((unit): UnitScore => {
    const breakdown: ScoreLine[] = [
      { item: 'base', points: policy.basePoints, detail: 'base points 基础分' },
    ];
    const led = inputs.actions.flatMap((a) =>
      a.leadUnits.includes(unit.id) ? a.indicators.map((i) => ({ actionNo: a.no, indicator: i })) : [],
    );
    if (led.length === 0) {
      breakdown.push({
        item: 'attainment',
        points: policy.attainmentPoints,
        detail: 'leads no indicator: attainment points in full',
      });
    } else {
      const share = policy.attainmentPoints / led.length;
      for (const { actionNo, indicator } of led) {
        const path = targetPathAt(indicator, yearEnd, inputs.campaignFrom);
        const reported = inputs.values.find(
          (v) => v.unitId === unit.id && v.actionNo === actionNo && v.indicatorId === indicator.id,
        );
        const ratio = reported ? attainment(indicator, reported.value, path) : 0;
        breakdown.push({
          item: `attainment:${indicator.id}`,
          points: round2(share * ratio),
          detail: reported
            ? `${indicator.nameZh}: ${reported.value} against ${round2(path)} ${indicator.comparator} → ${round2(100 * ratio)}% of ${round2(share)}`
            : `${indicator.nameZh}: no value reported → 0 of ${round2(share)}`,
        });
      }
    }
    const deduct = (item: string, count: number, each: number, what: string) => {
      if (count > 0 && each > 0) {
        breakdown.push({ item, points: round2(-count * each), detail: `${count} ${what} × −${each}` });
      }
    };
    deduct(
      'overdue-risk-items',
      inputs.overdueRiskItems[unit.id] ?? 0,
      policy.deductions.overdueRiskItem,
      'overdue risk items 逾期隐患',
    );
    deduct(
      'missed-reports',
      inputs.missedReports[unit.id] ?? 0,
      policy.deductions.missedReport,
      'missed reports 漏报',
    );
    deduct(
      'referral-failures',
      inputs.referralFailures[unit.id] ?? 0,
      policy.deductions.referralFailure,
      'leads neither referred nor refused with a reason 应移未移',
    );
    for (const [colour, each] of Object.entries(policy.deductions.cardByColour).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const count = inputs.cards
        .filter((c) => c.unitId === unit.id && c.colour === colour)
        .reduce((n, c) => n + c.count, 0);
      deduct(`cards:${colour}`, count, each, `${colour} cards 亮牌`);
    }
    const total = round2(breakdown.reduce((n, line) => n + line.points, 0));
    const score = Math.max(0, total);
    if (score !== total)
      breakdown.push({ item: 'floor', points: round2(-total), detail: 'a score is never below 0' });
    const band = policy.grades.find((g) => score >= g.min) ?? policy.grades[policy.grades.length - 1];
    return {
      unitId: unit.id,
      nameZh: unit.nameZh,
      score,
      grade: band.grade,
      gradeZh: band.nameZh,
      breakdown,
    };
  });
  return scores.sort((a, b) => b.score - a.score || a.unitId.localeCompare(b.unitId));
}
