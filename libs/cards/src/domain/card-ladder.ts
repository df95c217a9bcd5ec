import { type ClockPolicy } from '../../../calendar/src/domain/calendar.types.js';
import { computeDeadline } from '../../../calendar/src/domain/deadline.js';
import { type HolidayTable } from '../../../calendar/src/domain/holiday-table.js';
import { provisionalWarning } from '../../../calendar/src/domain/provisional.js';
import { type CardResponseKind, type PlannedCardLevel } from '../../../contracts/src/card.contracts.js';

export interface CardLevelPolicy {
  colour: string;
  nameZh: string;
  deadline: ClockPolicy;
  response: CardResponseKind;
  recipients: Array<{ role: string; scope: 'card-unit' | 'county' }>;
  /** When set, reaching this level schedules a summons (约谈) this long after. */
  summonsAfter?: ClockPolicy;
}

/** The ladder as data: yellow → orange → red by default; yellow/red or blue/yellow/red are a file away. */
export interface CardLadderPolicy {
  version: string;
  description?: string;
  /** A unit that had a card raised within this many days starts its next card one level higher. */
  repeatWindowDays: number;
  levels: CardLevelPolicy[];
}

/** The level a new card starts at: the first, or one higher when the unit had a card recently. */
export function startLevel(policy: CardLadderPolicy, hadRecentCard: boolean): number {
  return hadRecentCard ? Math.min(1, policy.levels.length - 1) : 0;
}

/** Plans one level of a card under the ladder; a level past the top is the top (a red card stays red). */
export function planCardLevel(
  policy: CardLadderPolicy,
  requestedLevel: number,
  from: string,
  table: HolidayTable,
): PlannedCardLevel {
  const level = Math.min(requestedLevel, policy.levels.length - 1);
  const rung = policy.levels[level];
  const result = computeDeadline({ from, amount: rung.deadline.amount, unit: rung.deadline.unit }, table);
  const provisional = provisionalWarning(table, result);
  const summonsAt = rung.summonsAfter
    ? computeDeadline({ from, amount: rung.summonsAfter.amount, unit: rung.summonsAfter.unit }, table).dueAt
    : null;
  return {
    level,
    colour: rung.colour,
    nameZh: rung.nameZh,
    dueAt: result.dueAt,
    rule: {
      en: `${rung.colour} card: ${result.explanation.en} (ladder ${policy.version})${provisional ? `; ${provisional.en}` : ''}`,
      zh: `${rung.nameZh}：${result.explanation.zh}（规则版本 ${policy.version}）${provisional ? `；${provisional.zh}` : ''}`,
    },
    policyVersion: policy.version,
    response: rung.response,
    recipients: rung.recipients,
    summonsAt,
    isTop: level === policy.levels.length - 1,
  };
}
