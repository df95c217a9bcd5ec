import { describe, expect, it } from '@jest/globals';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { Role, type Actor } from '../../../libs/contracts/src/identity.js';
import {
  LeadSource,
  ReferralCategory,
  ReferralClock,
  ReferralDocumentKind as D,
  ReferralStatus as S,
  ReferralStep,
  type ReferralState,
  type ReferralStepInput,
} from '../../../libs/contracts/src/referral.contracts.js';
import { clockPolicy, planReferralClock } from '../../../libs/referrals/src/domain/referral-policy.js';
import {
  applyReferralStep,
  CURRENT_STEP_OPTIONS,
  checkReferralStep,
  clocksToPlan,
  expireClock,
  recordLead,
  syncClocks,
  wantedClocks,
} from '../../../libs/referrals/src/domain/referral.rules.js';
import { loadReferralPolicy } from '../../../libs/referrals/src/referral-policy.loader.js';
import { FULL_DOSSIER, referralDoc } from '../../helpers/referral-fixtures.js';

// The referral as the law reads (issue 13 §8–11): bases, refusals, missing paths, the dossier.
const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const head: Actor = { userId: 'head.amr', role: Role.UnitHead, unitId: 'amr' };
const police: Actor = { userId: 'liaison.police', role: Role.PoliceLiaison, unitId: 'police' };
const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const auditor: Actor = { userId: 'auditor.discipline', role: Role.Auditor, unitId: 'discipline' };
const policy = loadReferralPolicy();
const table = loadHolidayTable({ provisionalYearsAhead: 1 });
const T0 = '2024-11-04T02:00:00.000Z';
const later = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const input = (actor: Actor, extra: Partial<ReferralStepInput> = {}, reason?: string): ReferralStepInput => ({
  context: { actor, requestId: 'r', reason },
  ...extra,
});

const lead = () =>
  recordLead(
    {
      id: 'YS-2024-000009',
      source: LeadSource.Inspection,
      sourceRef: 'JC-9',
      actionNo: 5,
      category: ReferralCategory.FoodDrug,
      summary: 's',
      requiredDossier: policy.requiredDossier,
      mayBeNotApplicable: policy.mayBeNotApplicable,
      context: { actor: handler, requestId: 'r' },
    },
    T0,
  );

function take(state: ReferralState, step: ReferralStep, stepInput: ReferralStepInput, at = T0) {
  expect(checkReferralStep(state, step, stepInput, at)).toBeUndefined();
  const next = applyReferralStep(state, step, stepInput, at);
  const planned = clocksToPlan(next, at).map(({ clock, from }) =>
    planReferralClock(policy, clock, from, table),
  );
  return syncClocks(next, planned, at);
}
const awaiting = () => {
  const team = take(lead(), ReferralStep.FormTeam, input(handler, { officers: ['a', 'b'] }));
  return take(team, ReferralStep.SubmitReport, input(handler, { document: referralDoc(D.WrittenReport) }));
};
const approved = () => take(awaiting(), ReferralStep.Decide, input(head, { approved: true }));
const received = () => {
  const transferred = take(approved(), ReferralStep.Transfer, input(handler, { documents: FULL_DOSSIER }));
  return take(transferred, ReferralStep.Receive, input(police));
};
const notFiled = () => {
  const decided = take(received(), ReferralStep.DecideFiling, input(police, { filed: false }, '不构成犯罪'));
  return take(decided, ReferralStep.SendNotice, input(police, { document: referralDoc(D.Notice) }));
};
const handedOver = () => {
  const decided = take(received(), ReferralStep.DecideFiling, input(police, { filed: true }));
  const filed = take(decided, ReferralStep.SendNotice, input(police, { document: referralDoc(D.Notice) }));
  return take(filed, ReferralStep.HandOver, input(handler, { documents: [referralDoc(D.HandoverList)] }));
};
const refused = (thresholdMet: boolean) =>
  take(
    awaiting(),
    ReferralStep.Decide,
    input(head, { approved: false, thresholdMet }, '涉案金额未达追诉标准'),
  );

describe('cited bases (§8)', () => {
  it('does not cite art. 7 for the police receipt: its 24 h is forwarding, so the figure is marked the county’s', () => {
    const receipt = clockPolicy(policy, ReferralClock.Receipt);
    expect(receipt.basis).not.toBe('R art. 7');
    expect(receipt.basis).toContain('local policy');
    expect(receipt.interpretation?.en).toContain('forwarding');
  });

  it('cites F and P for the written notice, not art. 8 (whose 3 days are the review)', () => {
    const notice = clockPolicy(policy, ReferralClock.DecisionNotice);
    expect(notice.basis).not.toContain('R art. 8');
    expect(notice.basis).toMatch(/^F; P/);
    expect(clockPolicy(policy, ReferralClock.FilingDecision).basis).toContain('review');
  });

  it('labels the filing clock’s restart after a completed file as an interpretation, on the clock run', () => {
    for (const clock of [
      ReferralClock.FilingDecision,
      ReferralClock.FilingDecisionFoodDrug,
      ReferralClock.FilingDecisionMajor,
      ReferralClock.FilingDecisionExtension,
    ]) {
      const run = planReferralClock(policy, clock, T0, table);
      expect(run.interpretation?.en).toContain('restarts from the completion');
      expect(run.rule.en).toContain('interpretation: restarts');
      expect(run.rule.zh).toContain('本县理解');
    }
    // A clock read from its text carries none.
    expect(planReferralClock(policy, ReferralClock.Decision, T0, table).interpretation).toBeNull();
  });

  it('gives 立即 a figure (24 h, marked as the county’s reading) and runs it from the lead', () => {
    expect(wantedClocks(lead(), later(5))).toEqual([{ clock: ReferralClock.FormTeam, from: T0 }]);
    const run = planReferralClock(policy, ReferralClock.FormTeam, T0, table);
    expect(run).toMatchObject({ party: 'regulator', onExpiry: 'escalate', dueAt: later(24) });
    expect(run.interpretation?.zh).toContain('立即');
    const team = take(lead(), ReferralStep.FormTeam, input(handler, { officers: ['a', 'b'] }), later(1));
    expect(syncClocks(lead(), [run], T0).clocks).toHaveLength(1);
    expect(wantedClocks(team, later(1))).toEqual([]);
  });
});

describe('refusals and 以罚代刑 (§9)', () => {
  it('does not flag a reasoned refusal below the threshold', () => {
    expect(refused(false)).toMatchObject({ status: S.Refused, administrativeOnly: false });
  });

  it('flags a refusal although the threshold was met, with the penalty decided instead', () => {
    const state = awaiting();
    const penalty = { approved: false, thresholdMet: true, penalty: referralDoc(D.Notice) };
    expect(checkReferralStep(state, ReferralStep.Decide, input(head, penalty, '罚款'), T0)?.code).toBe(
      'referral.document-kind',
    );
    const flagged = take(
      state,
      ReferralStep.Decide,
      input(head, { ...penalty, penalty: referralDoc(D.PenaltyDecision) }, '已罚款结案'),
    );
    expect(flagged).toMatchObject({
      administrativeOnly: true,
      decision: { thresholdMet: true, penalty: { kind: D.PenaltyDecision } },
    });
  });

  it('reopens a refusal an auditor finds unfounded: flagged, back to the head, the 3 days from the finding', () => {
    const finding = { foundBy: 'auditor' as const, document: referralDoc(D.Finding) };
    const refusal = refused(false);
    expect(
      checkReferralStep(refusal, ReferralStep.RecordRefusalFinding, input(auditor, finding), T0)?.code,
    ).toBe('referral.reason-required');
    expect(
      checkReferralStep(refusal, ReferralStep.RecordRefusalFinding, input(supervisor, finding, 'x'), T0),
    ).toMatchObject({ code: 'referral.not-allowed', kind: ErrorKind.Forbidden });
    expect(
      checkReferralStep(refusal, ReferralStep.RecordRefusalFinding, input(head, finding, 'x'), T0)?.code,
    ).toBe('referral.not-allowed');
    const reopened = take(
      refusal,
      ReferralStep.RecordRefusalFinding,
      input(auditor, finding, '检验报告显示已达追诉标准'),
      later(100),
    );
    expect(reopened).toMatchObject({
      status: S.AwaitingDecision,
      outcome: null,
      closedAt: null,
      administrativeOnly: true,
      refusalFindings: [
        { foundBy: 'auditor', recordedBy: 'auditor.discipline', reason: '检验报告显示已达追诉标准' },
      ],
    });
    const decision = reopened.clocks.find((c) => c.clock === ReferralClock.Decision && c.stoppedAt === null);
    expect(decision?.startedAt).toBe(later(100));
    // The head may now approve; the flag stays on the record.
    expect(take(reopened, ReferralStep.Decide, input(head, { approved: true }), later(101))).toMatchObject({
      status: S.Approved,
      administrativeOnly: true,
    });
  });

  it('takes the procuratorate’s finding from a supervisor, and no finding on a referral not refused', () => {
    const finding = { foundBy: 'procuratorate' as const, document: referralDoc(D.Finding) };
    expect(
      take(refused(false), ReferralStep.RecordRefusalFinding, input(supervisor, finding, '检察建议移送')),
    ).toMatchObject({ administrativeOnly: true, refusalFindings: [{ foundBy: 'procuratorate' }] });
    expect(
      checkReferralStep(awaiting(), ReferralStep.RecordRefusalFinding, input(supervisor, finding, 'x'), T0)
        ?.code,
    ).toBe('referral.illegal-step');
  });
});

describe('missing paths (§10)', () => {
  const letter = { document: referralDoc(D.RequestLetter) };

  it('asks for filing supervision straight after the non-filing notice (R art. 9)', () => {
    const supervision = take(notFiled(), ReferralStep.RequestSupervision, input(head, letter));
    expect(supervision).toMatchObject({ status: S.Supervision, supervision: { ground: 'non-filing' } });
    // The police do not decide again here: the procuratorate acts next.
    expect(
      checkReferralStep(supervision, ReferralStep.DecideFiling, input(police, { filed: true }), T0)?.code,
    ).toBe('referral.illegal-step');
  });

  it('asks for supervision once the police let the filing period run out, and lets them still decide', () => {
    const r = received();
    expect(checkReferralStep(r, ReferralStep.RequestSupervision, input(head, letter), T0)).toMatchObject({
      code: 'referral.filing-period-running',
      kind: ErrorKind.Conflict,
    });
    const late = expireClock(r, ReferralClock.FilingDecisionFoodDrug, later(300));
    const supervision = take(late, ReferralStep.RequestSupervision, input(head, letter), later(301));
    expect(supervision).toMatchObject({ status: S.Supervision, supervision: { ground: 'filing-overdue' } });
    // The filing clock stops: from here the procuratorate supervises it.
    expect(supervision.clocks.filter((c) => c.stoppedAt === null)).toEqual([]);
    const decided = take(supervision, ReferralStep.DecideFiling, input(police, { filed: true }), later(302));
    expect(decided.status).toBe(S.Decided);
  });

  it('records a police clock run out for the procuratorate’s liaison, not a regulator’s', () => {
    const late = expireClock(received(), ReferralClock.FilingDecisionFoodDrug, later(300));
    expect(late.procuratorateLiaison).toEqual([
      { clock: ReferralClock.FilingDecisionFoodDrug, dueAt: expect.any(String), recordedAt: later(300) },
    ]);
    expect(expireClock(awaiting(), ReferralClock.Decision, later(100)).procuratorateLiaison).toEqual([]);
    // A window that closes is nobody's lateness.
    expect(expireClock(received(), ReferralClock.IncompleteNotice, later(24)).procuratorateLiaison).toEqual(
      [],
    );
  });

  it('follows the criminal case after the handover; the legacy option still closes there', () => {
    expect(handedOver()).toMatchObject({ status: S.HandedOver, outcome: null, closedAt: null });
    const decided = take(received(), ReferralStep.DecideFiling, input(police, { filed: true }));
    const filed = take(decided, ReferralStep.SendNotice, input(police, { document: referralDoc(D.Notice) }));
    const legacy = applyReferralStep(
      filed,
      ReferralStep.HandOver,
      input(handler, { documents: [referralDoc(D.HandoverList)] }),
      T0,
      { ...CURRENT_STEP_OPTIONS, followCriminalCase: false },
    );
    expect(legacy).toMatchObject({ status: S.Closed, outcome: 'filed-handed-over' });
  });

  it('returns a withdrawn case (撤案) for an administrative penalty, closed with its decision', () => {
    const notice = { document: referralDoc(D.Notice) };
    expect(checkReferralStep(handedOver(), ReferralStep.WithdrawCase, input(police, notice), T0)?.code).toBe(
      'referral.reason-required',
    );
    const withdrawn = take(
      handedOver(),
      ReferralStep.WithdrawCase,
      input(police, notice, '不应追究刑事责任'),
    );
    expect(withdrawn).toMatchObject({
      status: S.ReturnedForPenalty,
      criminalOutcome: { outcome: 'withdrawn', reason: '不应追究刑事责任' },
    });
    expect(checkReferralStep(withdrawn, ReferralStep.DecidePenalty, input(head), T0)?.code).toBe(
      'referral.reason-required',
    );
    const closed = take(
      withdrawn,
      ReferralStep.DecidePenalty,
      input(head, { penalty: referralDoc(D.PenaltyDecision) }),
    );
    expect(closed).toMatchObject({
      status: S.Closed,
      outcome: 'returned-penalty-decided',
      penaltyAfterReturn: { document: { kind: D.PenaltyDecision }, reason: null },
    });
  });

  it('returns a case the procuratorate does not prosecute (不起诉), and closes a concluded one', () => {
    const decision = { document: referralDoc(D.ProcuratorateDocument) };
    const returned = take(handedOver(), ReferralStep.RecordNonProsecution, input(head, decision));
    expect(returned).toMatchObject({
      status: S.ReturnedForPenalty,
      criminalOutcome: { outcome: 'not-prosecuted' },
    });
    expect(
      take(returned, ReferralStep.DecidePenalty, input(head, {}, '已过行政处罚时效')).penaltyAfterReturn,
    ).toMatchObject({ document: null, reason: '已过行政处罚时效' });
    expect(take(handedOver(), ReferralStep.ConcludeCriminalCase, input(head, decision))).toMatchObject({
      status: S.Closed,
      outcome: 'criminal-case-concluded',
    });
    expect(
      checkReferralStep(handedOver(), ReferralStep.WithdrawCase, input(head, decision, 'x'), T0)?.code,
    ).toBe('referral.not-allowed');
  });

  it('transfers duty-crime clues to the supervisory commission from any open status, status unchanged', () => {
    const letterToCommission = { document: referralDoc(D.SupervisoryTransferLetter) };
    for (const state of [lead(), received(), handedOver()]) {
      const after = take(
        state,
        ReferralStep.TransferDutyCrimeClue,
        input(head, letterToCommission, '监管人员涉嫌包庇'),
      );
      expect(after.status).toBe(state.status);
      expect(after.dutyCrimeTransfers).toEqual([
        {
          transferredBy: 'head.amr',
          at: T0,
          reason: '监管人员涉嫌包庇',
          document: letterToCommission.document,
        },
      ]);
    }
    expect(
      checkReferralStep(
        lead(),
        ReferralStep.TransferDutyCrimeClue,
        input(handler, letterToCommission, 'x'),
        T0,
      )?.code,
    ).toBe('referral.not-allowed');
    expect(
      checkReferralStep(
        refused(false),
        ReferralStep.TransferDutyCrimeClue,
        input(head, letterToCommission, 'x'),
        T0,
      )?.code,
    ).toBe('referral.closed');
  });
});

describe('the dossier checklist (§11)', () => {
  const withoutTests = FULL_DOSSIER.filter((doc) => doc.kind !== D.TestReports);

  it('lets the test report be not applicable, with a reason, and keeps it on the transfer', () => {
    const na = [{ kind: D.TestReports, reason: ' 事实清楚，无需检验 ' }];
    expect(
      checkReferralStep(approved(), ReferralStep.Transfer, input(handler, { documents: withoutTests }), T0)
        ?.code,
    ).toBe('referral.dossier-incomplete');
    const transferred = take(
      approved(),
      ReferralStep.Transfer,
      input(handler, { documents: withoutTests, notApplicable: na }),
    );
    expect(transferred.transfer?.notApplicable).toEqual([
      { kind: D.TestReports, reason: '事实清楚，无需检验' },
    ]);
  });

  it('refuses a blank reason, an item the policy keeps required, and an item both given and left out', () => {
    const check = (documents = withoutTests, notApplicable = [{ kind: D.TestReports, reason: ' ' }]) =>
      checkReferralStep(approved(), ReferralStep.Transfer, input(handler, { documents, notApplicable }), T0)
        ?.code;
    expect(check()).toBe('referral.reason-required');
    expect(check(withoutTests, [{ kind: D.TransferLetter, reason: 'x' }])).toBe(
      'referral.not-applicable-refused',
    );
    expect(check(FULL_DOSSIER, [{ kind: D.TestReports, reason: 'x' }])).toBe(
      'referral.not-applicable-refused',
    );
  });

  it('needs the penalty decision in the dossier where one was made', () => {
    const made = { documents: FULL_DOSSIER, penaltyMade: true };
    const violation = checkReferralStep(approved(), ReferralStep.Transfer, input(handler, made), T0);
    expect(violation?.message).toContain('penalty-decision');
    const documents = [...FULL_DOSSIER, referralDoc(D.PenaltyDecision)];
    expect(
      checkReferralStep(approved(), ReferralStep.Transfer, input(handler, { ...made, documents }), T0),
    ).toBeUndefined();
  });
});
