import { describe, expect, it } from '@jest/globals';
import { WorkflowNotFoundError } from '@temporalio/client';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { CardSubjectType, type CardTrigger } from '../../../libs/contracts/src/card.contracts.js';
import { Role, SYSTEM_ACTOR, type Actor } from '../../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../../libs/contracts/src/ledger.js';
import {
  LeadSource,
  ReferralCategory,
  ReferralClock,
  ReferralDocumentKind as D,
  ReferralStatus,
  ReferralStep,
  type ReferralEscalation,
  type ReferralLink,
  type ReferralState,
} from '../../../libs/contracts/src/referral.contracts.js';
import { planReferralClock } from '../../../libs/referrals/src/domain/referral-policy.js';
import {
  applyReferralStep,
  clocksToPlan,
  expireClock,
  recordLead,
  syncClocks,
} from '../../../libs/referrals/src/domain/referral.rules.js';
import { ReferralActivitiesService } from '../../../libs/referrals/src/referral.activities.js';
import { loadReferralPolicy } from '../../../libs/referrals/src/referral-policy.loader.js';
import { referralDoc } from '../../helpers/referral-fixtures.js';

const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const head: Actor = { userId: 'head.amr', role: Role.UnitHead, unitId: 'amr' };
const policy = loadReferralPolicy();
const table = loadHolidayTable({ provisionalYearsAhead: 1 });
const AT = '2024-11-04T02:00:00.000Z';

/** The service with recording fakes for the database, the ledger, the card signals and the case signals. */
function harness(signalError?: Error, referralPolicy = policy) {
  const queries: Array<{ sql: string; params: unknown[] }> = [];
  const raised: CardTrigger[] = [];
  const resolved: Array<{ unitId: string; subjectId: string }> = [];
  const signals: Array<{ workflowId: string; link: ReferralLink }> = [];
  const tx = {
    query: (sql: string, params: unknown[]) => {
      queries.push({ sql, params });
      return Promise.resolve([]);
    },
  };
  const service = new ReferralActivitiesService(
    { transaction: (work: (m: typeof tx) => Promise<void>) => work(tx) } as never,
    // Like the ledger: the entry holds the state before (the one sent, else the previous entry's).
    {
      append: (_tx: unknown, step: LedgerStep) => Promise.resolve({ stateBefore: step.stateBefore ?? null }),
    } as never,
    { table } as never,
    referralPolicy,
    {
      raise: (trigger: CardTrigger) => {
        raised.push(trigger);
        return Promise.resolve({});
      },
      resolveSubject: (unitId: string, subject: { id: string }) => {
        resolved.push({ unitId, subjectId: subject.id });
        return Promise.resolve();
      },
    } as never,
    {
      signalIfRunning: (workflowId: string, _def: unknown, [link]: [ReferralLink]) => {
        if (signalError instanceof WorkflowNotFoundError) return Promise.resolve(false);
        if (signalError) return Promise.reject(signalError);
        signals.push({ workflowId, link });
        return Promise.resolve(true);
      },
    } as never,
  );
  return { service, queries, raised, resolved, signals };
}

const lead = (source = LeadSource.Inspection) =>
  recordLead(
    {
      id: 'YS-2024-000777',
      source,
      sourceRef: source === LeadSource.RiskItem ? 'FX-2024-000123' : 'JC-1',
      actionNo: 5,
      category: ReferralCategory.FoodDrug,
      summary: 's',
      requiredDossier: policy.requiredDossier,
      context: { actor: handler, requestId: 'r' },
    },
    AT,
  );
const take = (state: ReferralState, step: ReferralStep, extra: object, actor = handler, reason?: string) => {
  const next = applyReferralStep(state, step, { context: { actor, requestId: 'r', reason }, ...extra }, AT);
  return syncClocks(
    next,
    clocksToPlan(next, AT).map(({ clock, from }) => planReferralClock(policy, clock, from, table)),
    AT,
  );
};
const ledgerStep = (
  action: string,
  before: ReferralState | null,
  after: ReferralState,
): LedgerStep<ReferralState> => ({
  caseType: 'referral',
  caseId: after.id,
  sequence: after.sequence,
  actor: SYSTEM_ACTOR,
  action,
  reason: null,
  stateBefore: before,
  stateAfter: after,
  occurredAt: AT,
  workflowId: `referral/${after.id}`,
  runId: 'run',
  requestId: 'r',
});
const awaitingDecision = () =>
  take(take(lead(), ReferralStep.FormTeam, { officers: ['a', 'b'] }), ReferralStep.SubmitReport, {
    document: referralDoc(D.WrittenReport),
  });

describe('referral activities', () => {
  it('writes the projection and, for an expired duty clock, the escalation event and a card on the late unit', async () => {
    const { service, queries, raised } = harness();
    const before = awaitingDecision();
    const after = expireClock(before, ReferralClock.Decision, AT);
    const escalation: ReferralEscalation = {
      key: 'k',
      caseId: after.id,
      unitId: 'amr',
      clock: ReferralClock.Decision,
      dueAt: after.clocks[0].dueAt,
      occurredAt: AT,
    };
    await service.recordReferralStep(ledgerStep('clock-expired:decision', before, after), escalation);
    expect(queries[0].sql).toContain('INSERT INTO referral');
    expect(queries[1].params).toEqual([
      'k',
      'referral',
      after.id,
      'amr',
      'referral-clock-expired:decision',
      AT,
    ]);
    expect(raised).toEqual([
      expect.objectContaining({
        key: 'k',
        unitId: 'amr',
        subject: { type: CardSubjectType.StalledReferral, id: after.id },
      }),
    ]);
  });

  it('records a late police step without a card on the police by default; a card only where policy says so', async () => {
    const received = { ...awaitingDecision(), status: ReferralStatus.Received };
    const withClock = syncClocks(
      received,
      [planReferralClock(policy, ReferralClock.FilingDecisionFoodDrug, AT, table)],
      AT,
    );
    const after = expireClock(withClock, ReferralClock.FilingDecisionFoodDrug, AT);
    const escalation: ReferralEscalation = {
      key: 'late-police',
      caseId: after.id,
      unitId: 'police',
      clock: ReferralClock.FilingDecisionFoodDrug,
      dueAt: AT,
      occurredAt: AT,
    };
    const step = ledgerStep('clock-expired:filing-decision-food-drug', withClock, after);
    const byDefault = harness();
    await byDefault.service.recordReferralStep(step, escalation);
    expect(byDefault.queries[1].params).toContain('referral-clock-expired:filing-decision-food-drug');
    expect(byDefault.raised).toEqual([]);
    expect(after.procuratorateLiaison).toHaveLength(1);
    const withCard = harness(undefined, {
      ...policy,
      policeLateness: { ...policy.policeLateness, raiseCard: true },
    });
    await withCard.service.recordReferralStep(step, escalation);
    expect(withCard.raised).toEqual([expect.objectContaining({ key: 'late-police', unitId: 'police' })]);
  });

  it('resolves the card’s subject once the late party takes its step', async () => {
    const { service, resolved, raised } = harness();
    const late = expireClock(awaitingDecision(), ReferralClock.Decision, AT);
    const decided = take(late, ReferralStep.Decide, { approved: true }, head);
    await service.recordReferralStep(ledgerStep('decide', late, decided), null);
    expect(resolved).toEqual([{ unitId: 'amr', subjectId: decided.id }]);
    expect(raised).toEqual([]);
  });

  it('links a lead from a risk item to it, and tells it of the head’s refusal', async () => {
    const { service, signals } = harness();
    const recorded = lead(LeadSource.RiskItem);
    await service.recordReferralStep(ledgerStep('record-lead', null, recorded), null);
    const reported = take(
      take(recorded, ReferralStep.FormTeam, { officers: ['a', 'b'] }),
      ReferralStep.SubmitReport,
      {
        document: referralDoc(D.WrittenReport),
      },
    );
    const refused = take(
      reported,
      ReferralStep.Decide,
      { approved: false, thresholdMet: false },
      head,
      '未达标准',
    );
    await service.recordReferralStep(ledgerStep('decide', reported, refused), null);
    expect(signals).toEqual([
      {
        workflowId: 'risk-item/FX-2024-000123',
        link: { referralId: recorded.id, status: 'recorded', reason: null, at: AT },
      },
      {
        workflowId: 'risk-item/FX-2024-000123',
        link: { referralId: recorded.id, status: 'refused', reason: '未达标准', thresholdMet: false, at: AT },
      },
    ]);
  });

  it('leaves leads from inspections alone, and a risk item already closed too', async () => {
    const { service, signals } = harness();
    await service.recordReferralStep(ledgerStep('record-lead', null, lead()), null);
    expect(signals).toEqual([]);
    const closed = harness(new WorkflowNotFoundError('gone', 'risk-item/FX-2024-000123', undefined));
    await expect(
      closed.service.recordReferralStep(ledgerStep('record-lead', null, lead(LeadSource.RiskItem)), null),
    ).resolves.toBeUndefined();
  });
});
