import { describe, expect, it } from '@jest/globals';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { loadCardLadder } from '../../../libs/cards/src/card-ladder.loader.js';
import { planCardLevel } from '../../../libs/cards/src/domain/card-ladder.js';
import {
  allowedCardSteps,
  checkCardStep,
  checkSummonsRecord,
  raiseCard,
  recordSummons,
  referAccountability,
} from '../../../libs/cards/src/domain/card.rules.js';
import { CardStep, CardSubjectType, type CardState } from '../../../libs/contracts/src/card.contracts.js';
import { Role, type Actor } from '../../../libs/contracts/src/identity.js';

// The red card's summons (约谈) and its accountability referral (问责), issue 13 §14.
const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const leader: Actor = { userId: 'leader.gov', role: Role.Leader, unitId: 'gov' };
const head: Actor = { userId: 'head.amr', role: Role.UnitHead, unitId: 'amr' };
const AT = '2024-11-04T02:00:00.000Z';
const minutes = { fileName: 'm.pdf', mediaType: 'application/pdf', size: 1, sha256: 'a'.repeat(64) };
const ladder = loadCardLadder();
const table = loadHolidayTable({ provisionalYearsAhead: 1 });

const cardAt = (level: number): CardState => {
  const plan = planCardLevel(ladder, level, AT, table);
  const trigger = {
    key: 'k',
    unitId: 'amr',
    subject: { type: CardSubjectType.OverdueRiskItem, id: 'FX-2024-000001' },
    reason: 'overdue',
    context: null,
  };
  return raiseCard(trigger, { id: 'KP-2024-000001', repeatOf: null, plan }, plan, AT);
};
const input = (actor: Actor, heldAt = AT, attendees = ['县长', '局长']) => ({
  context: { actor, requestId: 'r' },
  heldAt,
  attendees,
  minutes,
});

describe('summons and accountability on a red card', () => {
  it('records the summons only on a card that has one, by a supervisor or leader, once', () => {
    expect(checkCardStep(cardAt(0), CardStep.RecordSummons, leader)?.code).toBe('card.summons');
    const red = cardAt(2);
    expect(checkCardStep(red, CardStep.RecordSummons, head)?.code).toBe('card.not-allowed');
    expect(allowedCardSteps(red, leader)).toEqual([CardStep.RecordSummons]);
    const held = recordSummons(red, input(leader), AT);
    expect(held.summons?.held).toEqual({
      heldAt: AT,
      attendees: ['县长', '局长'],
      minutes,
      recordedBy: 'leader.gov',
      recordedAt: AT,
    });
    expect(checkCardStep(held, CardStep.RecordSummons, supervisor)?.code).toBe('card.summons');
  });

  it('takes a summons held in the past with at least two people', () => {
    expect(checkSummonsRecord(input(leader), AT)).toBeUndefined();
    expect(checkSummonsRecord(input(leader, '2024-11-05T02:00:00.000Z'), AT)?.code).toBe(
      'card.summons-record',
    );
    expect(checkSummonsRecord(input(leader, AT, ['县长', '  ']), AT)?.code).toBe('card.summons-record');
  });

  it('refers accountability after the summons, with a reason, by a supervisor, and closes the card', () => {
    const red = cardAt(2);
    expect(checkCardStep(red, CardStep.ReferAccountability, supervisor, 'x')?.code).toBe('card.summons');
    const held = recordSummons(red, input(leader), AT);
    expect(checkCardStep(held, CardStep.ReferAccountability, leader, 'x')?.code).toBe('card.not-allowed');
    expect(checkCardStep(held, CardStep.ReferAccountability, supervisor, ' ')?.code).toBe(
      'card.reason-required',
    );
    const referred = referAccountability(held, supervisor, minutes, '整改不力', AT);
    expect(referred).toMatchObject({
      status: 'accountability-referred',
      accountability: { referredTo: 'discipline-inspection', reason: '整改不力', letter: minutes },
      closedAt: AT,
    });
    expect(checkCardStep(referred, CardStep.Lift, supervisor)?.code).toBe('card.closed');
  });
});
