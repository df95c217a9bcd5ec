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
import { planReferralClock } from '../../../libs/referrals/src/domain/referral-policy.js';
import {
  allowedReferralSteps,
  applyReferralStep,
  checkReferralStep,
  CURRENT_STEP_OPTIONS,
  clocksToPlan,
  expireClock,
  isAddressedToPolice,
  latePartyUnit,
  missingDossierItems,
  nextReferralTimer,
  recordLead,
  REFERRAL_TRANSITIONS,
  syncClocks,
  viewReferral,
  wantedClocks,
} from '../../../libs/referrals/src/domain/referral.rules.js';
import { loadReferralPolicy } from '../../../libs/referrals/src/referral-policy.loader.js';
import { FULL_DOSSIER, referralDoc } from '../../helpers/referral-fixtures.js';

const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const head: Actor = { userId: 'head.amr', role: Role.UnitHead, unitId: 'amr' };
const otherHead: Actor = { userId: 'head.agri', role: Role.UnitHead, unitId: 'agri' };
const police: Actor = { userId: 'liaison.police', role: Role.PoliceLiaison, unitId: 'police' };
const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const auditor: Actor = { userId: 'auditor.discipline', role: Role.Auditor, unitId: 'discipline' };
const policy = loadReferralPolicy();
const table = loadHolidayTable({ provisionalYearsAhead: 1 });
const T0 = '2024-09-28T02:00:00.000Z';
const later = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const input = (actor: Actor, extra: Partial<ReferralStepInput> = {}, reason?: string): ReferralStepInput => ({
  context: { actor, requestId: 'r', reason },
  ...extra,
});

const lead = () =>
  recordLead(
    {
      id: 'YS-2024-000001',
      source: LeadSource.Inspection,
      sourceRef: 'JC-1',
      actionNo: 5,
      category: ReferralCategory.FoodDrug,
      summary: 's',
      requiredDossier: policy.requiredDossier,
      context: { actor: handler, requestId: 'r' },
    },
    T0,
  );

/** Applies a step and synchronises the clocks as the workflow does. */
function take(
  state: ReferralState,
  step: ReferralStep,
  stepInput: ReferralStepInput,
  at = T0,
): ReferralState {
  expect(checkReferralStep(state, step, stepInput, at)).toBeUndefined();
  const next = applyReferralStep(state, step, stepInput, at);
  const planned = clocksToPlan(next, at).map(({ clock, from }) =>
    planReferralClock(policy, clock, from, table),
  );
  return syncClocks(next, planned, at);
}
const received = () => {
  let s = take(lead(), ReferralStep.FormTeam, input(handler, { officers: ['a', 'b'] }));
  s = take(s, ReferralStep.SubmitReport, input(handler, { document: referralDoc(D.WrittenReport) }));
  s = take(s, ReferralStep.Decide, input(head, { approved: true }));
  s = take(s, ReferralStep.Transfer, input(handler, { documents: FULL_DOSSIER }));
  return take(s, ReferralStep.Receive, input(police));
};
const withStatus = (status: S): ReferralState => ({ ...received(), status });

describe('the referral transition table', () => {
  const inScope: Record<string, Actor> = {
    'regulator-staff': handler,
    'regulator-head': head,
    police,
    'refusal-reviewer': auditor,
  };
  /** Allowed from the status, but not in these states of a fresh receipt (see the next describe). */
  const unavailableHere = [
    `${ReferralStep.RequestSupervision} from ${S.Received}`,
    `${ReferralStep.DecideFiling} from ${S.Supervision}`,
  ];
  const cases = Object.values(ReferralStep).flatMap((step) =>
    Object.values(S).map((status) => ({
      step,
      status,
      allowed:
        REFERRAL_TRANSITIONS[step].from.includes(status) &&
        !unavailableHere.includes(`${step} from ${status}`),
    })),
  );

  it.each(cases)('$step from $status → allowed: $allowed', ({ step, status, allowed }) => {
    const actor = inScope[REFERRAL_TRANSITIONS[step].scope];
    const offered = allowedReferralSteps(withStatus(status), actor).includes(step);
    expect(offered).toBe(allowed);
  });

  it.each(Object.values(ReferralStep))('%s is refused to a caller of the wrong party (403)', (step) => {
    const state = withStatus(REFERRAL_TRANSITIONS[step].from[0]);
    const scope = REFERRAL_TRANSITIONS[step].scope;
    const wrongParties =
      scope === 'refusal-reviewer'
        ? [head, handler, police]
        : [scope === 'police' ? head : police, otherHead, supervisor, auditor];
    for (const actor of wrongParties) {
      expect(checkReferralStep(state, step, input(actor), T0)).toMatchObject({
        code: 'referral.not-allowed',
        kind: ErrorKind.Forbidden,
      });
    }
  });

  it('lets only the head decide, and refuses a closed referral as a conflict', () => {
    const awaiting = withStatus(S.AwaitingDecision);
    expect(
      checkReferralStep(awaiting, ReferralStep.Decide, input(handler, { approved: true }), T0)?.code,
    ).toBe('referral.not-allowed');
    expect(checkReferralStep(withStatus(S.Closed), ReferralStep.HandOver, input(handler), T0)).toMatchObject({
      code: 'referral.closed',
      kind: ErrorKind.Conflict,
    });
    expect(checkReferralStep(lead(), ReferralStep.Transfer, input(handler), T0)?.code).toBe(
      'referral.illegal-step',
    );
  });
});

describe('steps the state rules out whatever is entered', () => {
  const offered = (state: ReferralState, actor: Actor) => allowedReferralSteps(state, actor);

  it('offers supervision before a decision only once the filing period ran out', () => {
    const r = received();
    expect(offered(r, head)).not.toContain(ReferralStep.RequestSupervision);
    expect(
      checkReferralStep(
        r,
        ReferralStep.RequestSupervision,
        input(head, { document: referralDoc(D.RequestLetter) }),
        T0,
      )?.code,
    ).toBe('referral.filing-period-running');
    const filing = r.clocks.find((c) => c.stoppedAt === null && c.clock.startsWith('filing'))!;
    expect(offered(expireClock(r, filing.clock, later(24 * 30)), head)).toContain(
      ReferralStep.RequestSupervision,
    );
  });

  it('offers no third extension, and no notice of an incomplete file once its window closed', () => {
    const approval = (level: 'county-police-head' | 'higher-police') => ({
      approval: { level, approver: '局长', document: referralDoc(D.Approval) },
    });
    const once = take(
      received(),
      ReferralStep.ExtendFilingPeriod,
      input(police, approval('county-police-head')),
    );
    const twice = take(once, ReferralStep.ExtendFilingPeriod, input(police, approval('higher-police')));
    expect(offered(once, police)).toContain(ReferralStep.ExtendFilingPeriod);
    expect(offered(twice, police)).not.toContain(ReferralStep.ExtendFilingPeriod);
    expect(offered(twice, police)).toContain(ReferralStep.NotifyIncomplete);
    const closed = expireClock(twice, ReferralClock.IncompleteNotice, later(24));
    expect(offered(closed, police)).not.toContain(ReferralStep.NotifyIncomplete);
    expect(
      checkReferralStep(closed, ReferralStep.NotifyIncomplete, input(police, { missing: 'x' }), later(24))
        ?.code,
    ).toBe('referral.window-closed');
  });

  it('lets the police decide under supervision only where they missed the filing period', () => {
    const supervised = (ground: 'non-filing' | 'filing-overdue'): ReferralState => ({
      ...withStatus(S.Supervision),
      supervision: { requestedBy: 'head.amr', requestedAt: T0, events: [], explainedAt: null, ground },
    });
    expect(offered(supervised('non-filing'), police)).not.toContain(ReferralStep.DecideFiling);
    expect(offered(supervised('filing-overdue'), police)).toContain(ReferralStep.DecideFiling);
  });
});

describe('step contents', () => {
  it('needs two different officers in the team', () => {
    expect(
      checkReferralStep(lead(), ReferralStep.FormTeam, input(handler, { officers: ['a', 'a'] }), T0)?.code,
    ).toBe('referral.team-too-small');
  });

  it('needs the reason of a refusal and the threshold assessment, and records them', () => {
    const awaiting = withStatus(S.AwaitingDecision);
    expect(
      checkReferralStep(
        awaiting,
        ReferralStep.Decide,
        input(head, { approved: false, thresholdMet: false }),
        T0,
      )?.code,
    ).toBe('referral.reason-required');
    expect(
      checkReferralStep(awaiting, ReferralStep.Decide, input(head, { approved: false }, '未达标准'), T0)
        ?.code,
    ).toBe('referral.threshold-assessment-required');
    const refused = applyReferralStep(
      awaiting,
      ReferralStep.Decide,
      input(head, { approved: false, thresholdMet: false }, ' 未达标准 '),
      T0,
    );
    // A reasoned refusal below the threshold is lawful (R art. 5): not flagged 以罚代刑 by itself.
    expect(refused).toMatchObject({
      status: S.Refused,
      outcome: 'refused-by-head',
      administrativeOnly: false,
      decision: { approved: false, reason: '未达标准', thresholdMet: false, decidedBy: 'head.amr' },
    });
  });

  it('names every dossier item the transfer lacks', () => {
    expect(missingDossierItems(policy.requiredDossier, FULL_DOSSIER)).toEqual([]);
    const violation = checkReferralStep(
      withStatus(S.Approved),
      ReferralStep.Transfer,
      input(handler, { documents: [referralDoc(D.TransferLetter), referralDoc(D.OtherMaterials)] }),
      T0,
    );
    expect(violation).toMatchObject({ code: 'referral.dossier-incomplete', kind: ErrorKind.Validation });
    expect(violation?.message).toContain(
      'investigation-report, seized-items-list, test-reports, procuratorate-copy',
    );
  });

  it('needs documents of the right kind', () => {
    const teamFormed = withStatus(S.TeamFormed);
    expect(checkReferralStep(teamFormed, ReferralStep.SubmitReport, input(handler), T0)?.code).toBe(
      'referral.document-required',
    );
    expect(
      checkReferralStep(
        teamFormed,
        ReferralStep.SubmitReport,
        input(handler, { document: referralDoc(D.Notice) }),
        T0,
      )?.code,
    ).toBe('referral.document-kind');
    expect(
      checkReferralStep(withStatus(S.Filed), ReferralStep.HandOver, input(handler, { documents: [] }), T0)
        ?.code,
    ).toBe('referral.documents-required');
  });

  it('records approvals in order, each with its approver, at most two', () => {
    const approval = (level: 'county-police-head' | 'higher-police', approver = '局长') => ({
      approval: { level, approver, document: referralDoc(D.Approval) },
    });
    const r = received();
    expect(
      checkReferralStep(
        r,
        ReferralStep.ExtendFilingPeriod,
        input(police, approval('county-police-head', ' ')),
        T0,
      )?.code,
    ).toBe('referral.approver-required');
    expect(
      checkReferralStep(r, ReferralStep.ExtendFilingPeriod, input(police, approval('higher-police')), T0)
        ?.code,
    ).toBe('referral.approval-level');
    const once = take(r, ReferralStep.ExtendFilingPeriod, input(police, approval('county-police-head')));
    expect(once.clocks.find((c) => c.stoppedAt === null && c.clock.startsWith('filing'))?.clock).toBe(
      ReferralClock.FilingDecisionMajor,
    );
    const twice = take(once, ReferralStep.ExtendFilingPeriod, input(police, approval('higher-police')));
    expect(twice.approvals.map((a) => a.level)).toEqual(['county-police-head', 'higher-police']);
    expect(
      checkReferralStep(twice, ReferralStep.ExtendFilingPeriod, input(police, approval('higher-police')), T0)
        ?.code,
    ).toBe('referral.extension-exhausted');
  });

  it('keeps the incomplete-file window open 24 h from acceptance', () => {
    const r = received();
    const notify = (at: string) =>
      checkReferralStep(r, ReferralStep.NotifyIncomplete, input(police, { missing: 'x' }), at);
    expect(notify(later(23))).toBeUndefined();
    expect(notify(later(24))?.code).toBe('referral.window-closed');
    expect(
      checkReferralStep(r, ReferralStep.NotifyIncomplete, input(police, { missing: ' ' }), T0)?.code,
    ).toBe('referral.missing-required');
  });

  it('needs a reason not to file, and a filing after the procuratorate’s order', () => {
    expect(
      checkReferralStep(received(), ReferralStep.DecideFiling, input(police, { filed: false }), T0)?.code,
    ).toBe('referral.reason-required');
    expect(
      checkReferralStep(
        withStatus(S.FilingOrdered),
        ReferralStep.DecideFiling,
        input(police, { filed: false }, 'x'),
        T0,
      )?.code,
    ).toBe('referral.filing-ordered');
  });

  it('keeps the request letters and the police’s explanation; a run recorded before does not', () => {
    const letter = referralDoc(D.RequestLetter);
    const notFiled = withStatus(S.NotFiled);
    const request = (options = CURRENT_STEP_OPTIONS) =>
      applyReferralStep(
        notFiled,
        ReferralStep.RequestReconsideration,
        input(head, { document: letter }),
        T0,
        options,
      );
    expect(request().reconsideration?.document).toEqual(letter);
    expect(
      request({ ...CURRENT_STEP_OPTIONS, keepRequestDocuments: false }).reconsideration,
    ).not.toHaveProperty('document');
    const supervised = applyReferralStep(
      notFiled,
      ReferralStep.RequestSupervision,
      input(head, { document: letter }),
      T0,
    );
    expect(supervised.supervision?.document).toEqual(letter);
    const explained = applyReferralStep(
      { ...supervised, status: S.ExplanationDue },
      ReferralStep.Explain,
      input(police, { document: referralDoc(D.Explanation) }),
      T0,
    );
    expect(explained.supervision).toMatchObject({
      document: letter,
      explanation: referralDoc(D.Explanation),
    });
  });

  it('takes the procuratorate’s acts in their order', () => {
    const doc = { document: referralDoc(D.ProcuratorateDocument) };
    expect(
      checkReferralStep(
        withStatus(S.Supervision),
        ReferralStep.RecordProcuratorate,
        input(head, { ...doc, event: 'reasons-accepted' }),
        T0,
      )?.code,
    ).toBe('referral.illegal-step');
    const upheld = applyReferralStep(
      withStatus(S.Explained),
      ReferralStep.RecordProcuratorate,
      input(head, { ...doc, event: 'reasons-accepted' }),
      T0,
    );
    expect(upheld).toMatchObject({
      status: S.Closed,
      outcome: 'non-filing-upheld-by-procuratorate',
      administrativeOnly: false,
    });
  });
});

describe('clocks', () => {
  it.each([
    [S.LeadRecorded, [ReferralClock.FormTeam]],
    [S.TeamFormed, []],
    [S.AwaitingDecision, [ReferralClock.Decision]],
    [S.Approved, [ReferralClock.Transfer]],
    [S.Transferred, [ReferralClock.Receipt]],
    [S.Received, [ReferralClock.IncompleteNotice, ReferralClock.FilingDecisionFoodDrug]],
    [S.Incomplete, [ReferralClock.Completion]],
    [S.Decided, [ReferralClock.DecisionNotice]],
    [S.Filed, [ReferralClock.Handover]],
    [S.NotFiled, [ReferralClock.ReconsiderationRequest]],
    [S.Reconsideration, [ReferralClock.ReconsiderationDecision]],
    [S.ReconsiderationMaintained, [ReferralClock.SupervisionRequest]],
    [S.Supervision, []],
    [S.ExplanationDue, [ReferralClock.PoliceExplanation]],
    [S.Explained, []],
    [S.FilingOrdered, [ReferralClock.FilingAfterOrder]],
    [S.HandedOver, []],
    [S.ReturnedForPenalty, []],
    [S.Refused, []],
    [S.Closed, []],
  ])('in %s the clocks %j run', (status, clocks) => {
    expect(wantedClocks(withStatus(status), T0).map((w) => w.clock)).toEqual(clocks);
  });

  it('uses the general filing period outside food and drug cases', () => {
    const general = { ...received(), category: ReferralCategory.General };
    expect(wantedClocks(general, T0).map((w) => w.clock)).toContain(ReferralClock.FilingDecision);
  });

  it('starts the decision clock from the written report and stops clocks whose step was taken', () => {
    let s = take(lead(), ReferralStep.FormTeam, input(handler, { officers: ['a', 'b'] }));
    s = take(
      s,
      ReferralStep.SubmitReport,
      input(handler, { document: referralDoc(D.WrittenReport) }),
      later(1),
    );
    expect(nextReferralTimer(s)).toMatchObject({ clock: ReferralClock.Decision, startedAt: later(1) });
    s = take(s, ReferralStep.Decide, input(head, { approved: true }), later(2));
    expect(s.clocks.map((c) => [c.clock, c.stoppedAt])).toEqual([
      [ReferralClock.Decision, later(2)],
      [ReferralClock.Transfer, null],
    ]);
  });

  it('marks a duty clock overdue and against the late party; a window closes silently', () => {
    const r = received();
    const filing = expireClock(r, ReferralClock.FilingDecisionFoodDrug, later(300));
    expect(filing.overdue).toBe(true);
    const run = filing.clocks.find((c) => c.clock === ReferralClock.FilingDecisionFoodDrug)!;
    expect(run.expiredAt).toBe(later(300));
    expect(latePartyUnit(filing, run)).toBe('police');
    const window = expireClock(r, ReferralClock.IncompleteNotice, later(24));
    expect(window.overdue).toBe(false);
    expect(nextReferralTimer(window)?.clock).toBe(ReferralClock.FilingDecisionFoodDrug);
    const decision = withStatus(S.AwaitingDecision).clocks[0];
    expect(latePartyUnit(r, decision)).toBe('amr');
  });
});

describe('what each side sees', () => {
  it('shows the police a referral only after the transfer, without the team and the report', () => {
    expect(isAddressedToPolice(withStatus(S.Approved))).toBe(false);
    expect(isAddressedToPolice(received())).toBe(true);
    const view = viewReferral(received(), police);
    expect(view).toMatchObject({ team: null, report: null });
    expect(view.allowedSteps).toEqual([
      ReferralStep.NotifyIncomplete,
      ReferralStep.ExtendFilingPeriod,
      ReferralStep.DecideFiling,
    ]);
    expect(viewReferral(received(), head).team?.officers).toEqual(['a', 'b']);
    expect(viewReferral(received(), undefined).allowedSteps).toEqual([]);
  });
});
