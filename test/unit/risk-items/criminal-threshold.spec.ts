import { describe, expect, it } from '@jest/globals';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { Role, type Actor } from '../../../libs/contracts/src/identity.js';
import {
  RiskGrade,
  RiskItemStatus,
  RiskItemStep,
  RiskSource,
  type RiskItemState,
} from '../../../libs/contracts/src/risk-item.contracts.js';
import {
  acceptRectification,
  assignRiskItem,
  cancelRiskItem,
  checkRiskItemStep,
  linkReferral,
  markCriminalThreshold,
  registerRiskItem,
  startRectification,
  submitRectification,
} from '../../../libs/risk-items/src/domain/risk-item.rules.js';

const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const outsider: Actor = { userId: 'handler.agri', role: Role.Handler, unitId: 'agri' };
const AT = '2024-10-09T02:00:00.000Z';
const deadline = {
  dueAt: '2024-10-30T16:00:00.000Z',
  reminderAt: null,
  rule: { en: 'r', zh: 'r' },
  policyVersion: 'p',
};

function submitted(): RiskItemState {
  const registered = registerRiskItem(
    {
      id: 'FX-2024-000900',
      source: RiskSource.Inspection,
      sourceDate: '2024-10-08',
      actionNo: 5,
      business: {
        name: 'n',
        creditCode: '91350100M000100Y43',
        address: 'a',
        townshipId: 'township-sample-1',
      },
      description: '疑似添加非食用物质',
      grade: RiskGrade.Critical,
      reopenOf: null,
      context: { actor: handler, requestId: 'r' },
    },
    AT,
  );
  const rectifying = startRectification(assignRiskItem(registered, 'amr', null, deadline));
  return submitRectification(rectifying, handler, 'm', [], AT, deadline.dueAt);
}
const marked = () => markCriminalThreshold(submitted(), handler, '涉嫌生产销售有毒有害食品', AT);

describe('以罚代刑 guard on risk items (R art. 11)', () => {
  it('marks an item as meeting the criminal threshold, with who, when and why, only once', () => {
    const state = marked();
    expect(state.criminalThreshold).toEqual({
      markedBy: 'handler.amr',
      markedAt: AT,
      reason: '涉嫌生产销售有毒有害食品',
    });
    expect(checkRiskItemStep(state, RiskItemStep.MarkCriminalThreshold, handler, 'again')).toMatchObject({
      code: 'risk-item.already-marked',
      kind: ErrorKind.Conflict,
    });
  });

  it('needs a reason and a caller from the item’s units or the county office', () => {
    expect(checkRiskItemStep(submitted(), RiskItemStep.MarkCriminalThreshold, handler, ' ')?.code).toBe(
      'risk-item.reason-required',
    );
    expect(checkRiskItemStep(submitted(), RiskItemStep.MarkCriminalThreshold, outsider, 'x')?.code).toBe(
      'risk-item.not-allowed',
    );
    expect(
      checkRiskItemStep(submitted(), RiskItemStep.MarkCriminalThreshold, supervisor, 'x'),
    ).toBeUndefined();
  });

  it('refuses to close a marked item without a referral', () => {
    expect(checkRiskItemStep(marked(), RiskItemStep.Accept, supervisor)).toMatchObject({
      code: 'risk-item.referral-required',
      kind: ErrorKind.Conflict,
    });
    // An unmarked item closes as before.
    expect(checkRiskItemStep(submitted(), RiskItemStep.Accept, supervisor)).toBeUndefined();
    expect(acceptRectification(submitted(), supervisor, AT)).not.toHaveProperty('administrativeOnly');
  });

  it('closes once a referral is recorded, not flagged', () => {
    const linked = linkReferral(marked(), {
      referralId: 'YS-2024-000001',
      status: 'recorded',
      reason: null,
      at: AT,
    })!;
    expect(checkRiskItemStep(linked, RiskItemStep.Accept, supervisor)).toBeUndefined();
    expect(acceptRectification(linked, supervisor, AT)).toMatchObject({
      status: 'closed',
      administrativeOnly: false,
    });
  });

  it('closes on the head’s reasoned refusal below the threshold, not flagged (R art. 5)', () => {
    const refused = linkReferral(marked(), {
      referralId: 'YS-2024-000001',
      status: 'refused',
      reason: '未达追诉标准',
      thresholdMet: false,
      at: AT,
    })!;
    expect(acceptRectification(refused, supervisor, AT)).toMatchObject({ administrativeOnly: false });
  });

  it('flags 以罚代刑 when the head found the threshold met and still refused (R art. 11)', () => {
    const refused = linkReferral(marked(), {
      referralId: 'YS-2024-000001',
      status: 'refused',
      reason: '已作罚款处理',
      thresholdMet: true,
      at: AT,
    })!;
    expect(acceptRectification(refused, supervisor, AT)).toMatchObject({ administrativeOnly: true });
  });

  it('takes a referral recorded from an unmarked item as the mark; a closed item ignores the link', () => {
    const linked = linkReferral(submitted(), {
      referralId: 'YS-2024-000002',
      status: 'recorded',
      reason: null,
      at: AT,
    })!;
    expect(linked.criminalThreshold).toMatchObject({
      markedBy: 'system',
      reason: 'referral YS-2024-000002 recorded',
    });
    expect(linked.sequence).toBe(submitted().sequence + 1);
    expect(
      linkReferral(linked, { referralId: 'YS-2024-000002', status: 'recorded', reason: null, at: AT }),
    ).toBeUndefined();
    const cancelled = cancelRiskItem(submitted(), 'dup', AT);
    expect(cancelled.status).toBe(RiskItemStatus.Cancelled);
    expect(
      linkReferral(cancelled, { referralId: 'x', status: 'recorded', reason: null, at: AT }),
    ).toBeUndefined();
  });
});
