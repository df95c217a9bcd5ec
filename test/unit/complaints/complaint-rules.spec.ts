import { describe, expect, it } from '@jest/globals';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import {
  ComplaintCategory,
  ComplaintClock,
  ComplaintOutcomeKind,
  ComplaintStep,
  RewardGrade,
  type ComplaintClockRun,
  type ComplaintState,
  type ComplaintStepInput,
} from '../../../libs/contracts/src/complaint.contracts.js';
import { Role, type Actor } from '../../../libs/contracts/src/identity.js';
import { loadComplaintPolicy } from '../../../libs/complaints/src/complaint-policy.loader.js';
import {
  clockRunInChinese,
  planComplaintClock,
} from '../../../libs/complaints/src/domain/complaint-policy.js';
import {
  applyComplaintStep,
  checkComplaintStep,
  dueAtOf,
  groupKeyOf,
  receiveComplaint,
  startClocks,
} from '../../../libs/complaints/src/domain/complaint.rules.js';

const policy = loadComplaintPolicy();
const table = loadHolidayTable();
const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const head: Actor = { userId: 'head.amr', role: Role.UnitHead, unitId: 'amr' };
const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const leader: Actor = { userId: 'leader.gov', role: Role.Leader, unitId: 'gov' };
const otherUnit: Actor = { userId: 'handler.agri', role: Role.Handler, unitId: 'agri' };
const AT = '2026-11-02T02:00:00.000Z';

const by = (actor: Actor | null, fields: Partial<ComplaintStepInput> = {}): ComplaintStepInput => ({
  context: actor ? { actor, requestId: 'r' } : null,
  requestId: 'r',
  ...fields,
});
const report = (named = true): ComplaintState =>
  receiveComplaint(
    {
      id: 'TJ-2026-000001',
      category: ComplaintCategory.Report,
      unitId: 'amr',
      actionNo: 6,
      business: { name: '路口 烧烤摊', creditCode: null, address: null },
      groupKey: 'name:路口烧烤摊',
      what: '使用过期食材',
      occurredOn: null,
      place: null,
      evidence: [],
      named,
      traceable: true,
      pseudonym: '举报人-ABC123',
      insider: true,
      employer: '路口烧烤摊',
      requestId: 'r',
    },
    AT,
  );
const take = (state: ComplaintState, step: ComplaintStep, input: ComplaintStepInput) => {
  expect(checkComplaintStep(state, step, input)).toBeNull();
  return applyComplaintStep(state, step, input, AT);
};

describe('complaint rules', () => {
  it('plans the statutory clocks in working days with their basis (C art. 14, A art. 18, C art. 31)', () => {
    // Monday 2026-11-02 10:00 in Shanghai: the start day is not counted.
    expect(planComplaintClock(policy, ComplaintClock.Acceptance, AT, table)).toMatchObject({
      dueAt: '2026-11-11T16:00:00.000Z', // end of Wednesday 11 November, the 7th working day
      reminderAt: '2026-11-09T16:00:00.000Z', // when 2 working days remain
      basis: 'C art. 14',
      basisZh: '《市场监督管理投诉举报处理暂行办法》第十四条',
    });
    expect(planComplaintClock(policy, ComplaintClock.Verification, AT, table).dueAt).toBe(
      '2026-11-23T16:00:00.000Z',
    );
    expect(planComplaintClock(policy, ComplaintClock.VerificationExtended, AT, table).dueAt).toBe(
      '2026-12-14T16:00:00.000Z',
    );
    const notice = planComplaintClock(policy, ComplaintClock.OutcomeNotice, AT, table);
    expect(notice.dueAt).toBe('2026-11-09T16:00:00.000Z');
    // The Chinese rule names the regulation, not its code.
    expect(notice.rule.zh).toContain('（《市场监督管理投诉举报处理暂行办法》第三十一条；政策版本');
    expect(notice.rule.zh).not.toContain('art.');
    expect(notice.rule.en).toContain('C art. 31');
  });

  it('gives a clock planned before the Chinese basis its Chinese from the policy, and leaves a basis it no longer cites', () => {
    const planned = planComplaintClock(policy, ComplaintClock.VerificationExtended, AT, table);
    const { basisZh, ...stored } = {
      ...planned,
      remindedAt: null,
      stoppedAt: null,
      expiredAt: null,
      rule: {
        en: planned.rule.en,
        zh: planned.rule.zh.replace(planned.basisZh!, planned.basis),
      },
    };
    const before: ComplaintClockRun = stored;
    expect(before.rule.zh).toContain('（A art. 18 (extended by 15 working days with approval)；政策版本');
    const shown = clockRunInChinese(before, policy);
    expect(shown.basisZh).toBe(basisZh);
    expect(basisZh).toBe('《市场监督管理行政处罚程序规定》第十八条（经批准可延长十五个工作日）');
    expect(shown.rule.zh).toBe(planned.rule.zh);
    const retired = { ...before, basis: 'A art. 17' };
    expect(clockRunInChinese(retired, policy)).toBe(retired);
  });

  it('groups reports about one business by credit code, else by its name without spaces or case', () => {
    expect(groupKeyOf({ name: '路口 烧烤摊', creditCode: null, address: null })).toBe('name:路口烧烤摊');
    expect(groupKeyOf({ name: 'A', creditCode: '91350100M000100Y43', address: null })).toBe(
      'code:91350100M000100Y43',
    );
  });

  it('keeps the handling unit’s case to its case workers, and the reporter’s steps to the reporter', () => {
    const state = report();
    expect(checkComplaintStep(state, ComplaintStep.Ask, by(otherUnit, { question: '?' }))?.code).toBe(
      'complaint.forbidden',
    );
    expect(checkComplaintStep(state, ComplaintStep.Ask, by(null, { question: '?' }))?.code).toBe(
      'complaint.forbidden',
    );
    expect(
      checkComplaintStep(state, ComplaintStep.Answer, by(handler, { questionId: 1, answer: 'x' }))?.code,
    ).toBe('complaint.forbidden');
  });

  it('needs a second person for a reveal (dual control) and lets only the requester see it, once', () => {
    let state = take(report(), ComplaintStep.RequestReveal, by(head, { reason: '需核实举报人身份' }));
    expect(checkComplaintStep(state, ComplaintStep.Reveal, by(head, { revealId: 1 }))?.code).toBe(
      'complaint.reveal-not-approved',
    );
    expect(
      checkComplaintStep(state, ComplaintStep.ApproveReveal, by(head, { revealId: 1 }))?.message,
    ).toContain('second person');
    state = take(state, ComplaintStep.ApproveReveal, by(leader, { revealId: 1 }));
    expect(checkComplaintStep(state, ComplaintStep.Reveal, by(supervisor, { revealId: 1 }))?.code).toBe(
      'complaint.forbidden',
    );
    state = take(state, ComplaintStep.Reveal, by(head, { revealId: 1 }));
    expect(checkComplaintStep(state, ComplaintStep.Reveal, by(head, { revealId: 1 }))?.code).toBe(
      'complaint.reveal-not-approved',
    );
  });

  it('proposes a reward only for an eligible report, approved by someone else, claimed, then paid', () => {
    let state = take(
      report(false),
      ComplaintStep.Decide,
      by(handler, {
        reason: '属实',
        outcome: { kind: ComplaintOutcomeKind.RiskItem, ref: 'FX-2026-000001', substantiated: true },
      }),
    );
    const reward = {
      grade: RewardGrade.Third,
      basisFen: 0,
      insider: true,
      reporters: 1,
      approvedAboveCap: false,
      amountFen: 150_000,
      perReporterFen: [150_000],
      explanation: '',
      policyVersion: policy.version,
    };
    expect(
      checkComplaintStep(
        state,
        ComplaintStep.ProposeReward,
        by(handler, { reward, firstReporter: false, officialOnDuty: false }),
      )?.code,
    ).toBe('complaint.not-eligible');
    state = take(
      state,
      ComplaintStep.ProposeReward,
      by(handler, { reward, firstReporter: true, officialOnDuty: false }),
    );
    expect(checkComplaintStep(state, ComplaintStep.ApproveReward, by(handler))?.code).toBe(
      'complaint.forbidden',
    );
    state = take(state, ComplaintStep.ApproveReward, by(head));
    expect(
      checkComplaintStep(state, ComplaintStep.RecordPayout, by(handler, { payoutReference: 'P1' }))?.code,
    ).toBe('complaint.illegal-step');
    state = take(state, ComplaintStep.ClaimReward, by(null));
    state = take(state, ComplaintStep.RecordPayout, by(handler, { payoutReference: 'P1' }));
    expect(state).toMatchObject({
      status: 'closed',
      reward: { status: 'paid', payout: { reference: 'P1' } },
    });
  });

  it('needs a ref for a linked outcome and refuses one for a plain close', () => {
    const state = report();
    const decide = (kind: ComplaintOutcomeKind, ref: string | null) =>
      checkComplaintStep(
        state,
        ComplaintStep.Decide,
        by(handler, { reason: 'x', outcome: { kind, ref, substantiated: false } }),
      );
    expect(decide(ComplaintOutcomeKind.Transferred, null)?.code).toBe('complaint.invalid');
    expect(decide(ComplaintOutcomeKind.Closed, 'x')?.code).toBe('complaint.invalid');
    expect(decide(ComplaintOutcomeKind.Transferred, '县卫健委')).toBeNull();
  });
  it('is due when its earliest running clock is: verification, then the extended period, then none', () => {
    const plan = (clock: ComplaintClock) => planComplaintClock(policy, clock, AT, table);
    let state = startClocks(report(), [plan(ComplaintClock.Verification)]);
    expect(dueAtOf(report())).toBeNull();
    expect(dueAtOf(state)).toBe('2026-11-23T16:00:00.000Z');
    state = take(state, ComplaintStep.ExtendVerification, by(head, { reason: '需补充检验' }));
    state = startClocks(state, [plan(ComplaintClock.VerificationExtended)]);
    expect(dueAtOf(state)).toBe('2026-12-14T16:00:00.000Z');
    // An earlier clock beside it comes first, whatever order the clocks were started in.
    expect(dueAtOf(startClocks(state, [plan(ComplaintClock.OutcomeNotice)]))).toBe(
      '2026-11-09T16:00:00.000Z',
    );
    state = take(
      state,
      ComplaintStep.Decide,
      by(handler, {
        reason: '属实',
        outcome: { kind: ComplaintOutcomeKind.Closed, ref: null, substantiated: true },
      }),
    );
    expect(state.clocks.every((run) => run.stoppedAt !== null)).toBe(true);
    expect(dueAtOf(state)).toBeNull();
  });
});
