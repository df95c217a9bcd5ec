import { describe, expect, it } from '@jest/globals';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { CardSubjectType, type CardTrigger } from '../../../libs/contracts/src/card.contracts.js';
import {
  ComplaintCategory,
  ComplaintClock,
  ComplaintStep,
  type ComplaintEscalation,
  type ComplaintState,
} from '../../../libs/contracts/src/complaint.contracts.js';
import { Role, SYSTEM_ACTOR } from '../../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../../libs/contracts/src/ledger.js';
import { ComplaintActivitiesService } from '../../../libs/complaints/src/complaint.activities.js';
import { loadComplaintPolicy } from '../../../libs/complaints/src/complaint-policy.loader.js';
import { planComplaintClock } from '../../../libs/complaints/src/domain/complaint-policy.js';
import {
  applyComplaintStep,
  fireTimer,
  receiveComplaint,
  startClocks,
} from '../../../libs/complaints/src/domain/complaint.rules.js';

const policy = loadComplaintPolicy();
const table = loadHolidayTable({ provisionalYearsAhead: 1 });
const AT = '2026-11-02T02:00:00.000Z';

/** The service with recording fakes for the database, the ledger and the card signals. */
function harness() {
  const queries: Array<{ sql: string; params: unknown[] }> = [];
  const raised: CardTrigger[] = [];
  const resolved: Array<{ unitId: string; type: string; id: string }> = [];
  const tx = {
    query: (sql: string, params: unknown[]) => {
      queries.push({ sql, params });
      return Promise.resolve([]);
    },
  };
  const service = new ComplaintActivitiesService(
    { transaction: (work: (m: typeof tx) => Promise<void>) => work(tx) } as never,
    // As the real ledger does: the entry it appends knows the state before (decision 0017).
    {
      append: (_tx: unknown, s: LedgerStep<ComplaintState>) =>
        Promise.resolve({ stateBefore: s.stateBefore }),
    } as never,
    { table } as never,
    policy,
    {
      raise: (trigger: CardTrigger) => {
        raised.push(trigger);
        return Promise.resolve();
      },
      resolveSubject: (unitId: string, subject: { type: string; id: string }) => {
        resolved.push({ unitId, ...subject });
        return Promise.resolve();
      },
    } as never,
  );
  return { service, queries, raised, resolved };
}

const received = (): ComplaintState =>
  startClocks(
    receiveComplaint(
      {
        id: 'TJ-2026-000042',
        category: ComplaintCategory.Complaint,
        unitId: 'amr',
        actionNo: 6,
        business: { name: '某店', creditCode: null, address: null },
        groupKey: 'name:某店',
        what: 'x',
        occurredOn: null,
        place: null,
        evidence: [],
        named: true,
        traceable: true,
        pseudonym: '举报人-AAAAAA',
        insider: false,
        employer: null,
        requestId: 'r',
      },
      AT,
    ),
    [planComplaintClock(policy, ComplaintClock.Acceptance, AT, table)],
  );
const step = (
  action: string,
  before: ComplaintState | null,
  after: ComplaintState,
): LedgerStep<ComplaintState> => ({
  caseType: 'complaint',
  caseId: after.id,
  sequence: after.sequence,
  actor: SYSTEM_ACTOR,
  action,
  reason: null,
  stateBefore: before,
  stateAfter: after,
  occurredAt: AT,
  workflowId: `complaint/${after.id}`,
  runId: 'run',
  requestId: 'r',
});

describe('complaint activities: projection, escalation and cards', () => {
  it('writes the projection without the identity and raises the handling unit’s card when a clock runs out', async () => {
    const { service, queries, raised } = harness();
    const before = received();
    const expired = fireTimer(before, { clock: ComplaintClock.Acceptance, event: 'expiry', at: AT }, AT);
    const escalation: ComplaintEscalation = {
      key: 'complaint/TJ-2026-000042:2:clock-expired',
      caseId: expired.id,
      unitId: 'amr',
      reason: 'complaint-clock-expired:acceptance',
      occurredAt: AT,
    };
    await service.recordComplaintStep(step('clock-expired:acceptance', before, expired), escalation);
    expect(queries.map((q) => q.sql.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'INSERT INTO complaint',
      'INSERT INTO escalation_event',
    ]);
    expect(raised).toEqual([
      expect.objectContaining({
        key: escalation.key,
        unitId: 'amr',
        subject: { type: CardSubjectType.OverdueComplaint, id: 'TJ-2026-000042' },
      }),
    ]);
  });

  it('resolves the overdue card once the late step is taken, and raises a retaliation card on its own subject', async () => {
    const { service, raised, resolved } = harness();
    const late = fireTimer(received(), { clock: ComplaintClock.Acceptance, event: 'expiry', at: AT }, AT);
    const accepted = applyComplaintStep(
      late,
      ComplaintStep.Accept,
      {
        context: { actor: { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' }, requestId: 'r' },
        requestId: 'r',
      },
      AT,
    );
    await service.recordComplaintStep(step(ComplaintStep.Accept, late, accepted), null);
    expect(resolved).toEqual([
      { unitId: 'amr', type: CardSubjectType.OverdueComplaint, id: 'TJ-2026-000042' },
    ]);
    expect(raised).toEqual([]);

    await service.recordComplaintStep(
      step(ComplaintStep.RecordRetaliation, accepted, { ...accepted, sequence: 9 }),
      {
        key: 'k-retaliation',
        caseId: accepted.id,
        unitId: 'amr',
        reason: 'complaint-retaliation:dismissal',
        occurredAt: AT,
      },
    );
    expect(raised[0].subject).toEqual({
      type: CardSubjectType.WhistleblowerRetaliation,
      id: 'TJ-2026-000042',
    });
  });
});
