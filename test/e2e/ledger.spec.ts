import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { type DirectiveState } from '../../libs/contracts/src/directive.contracts.js';
import { Role } from '../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { DirectiveActivitiesService } from '../../libs/directives/src/directive.activities.js';
import { AuditService, VERIFY_CASE_BATCH_SIZE } from '../../libs/audit/src/audit.service.js';
import { LedgerService, VERIFY_BATCH_SIZE } from '../../libs/ledger/src/ledger.service.js';
import { TestSystem } from '../helpers/test-system.js';

const actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };

function directiveStep(id: string, sequence: number, status: string): LedgerStep<DirectiveState> {
  const state = {
    id,
    title: 't',
    body: 'b',
    assigneeUnitId: 'amr',
    status,
    issuedBy: 'supervisor.fso',
    issuedAt: '2026-01-05T02:00:00.000Z',
    acknowledgedBy: null,
    acknowledgedAt: null,
    note: null,
    sequence,
  } as DirectiveState;
  return {
    caseType: 'directive',
    caseId: id,
    sequence,
    actor,
    action: sequence === 1 ? 'issue' : 'acknowledge',
    reason: null,
    stateBefore: null,
    stateAfter: state,
    occurredAt: `2026-01-05T02:00:0${sequence}.000Z`,
    workflowId: `directive/${id}`,
    runId: 'run-1',
    requestId: `req-${sequence}`,
  };
}

describe('the ledger in PostgreSQL', () => {
  let system: TestSystem;
  let db: DataSource;
  let activities: { recordDirectiveStep(step: LedgerStep<DirectiveState>): Promise<void> };
  let ledger: LedgerService;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    db = system.api.get(DataSource);
    // The real activity class, run inside a real activity context (as a worker would, retries included).
    const service = new DirectiveActivitiesService(db, system.api.get(LedgerService));
    activities = {
      recordDirectiveStep: (step) =>
        new MockActivityEnvironment().run((s) => service.recordDirectiveStep(s), step),
    };
    ledger = system.api.get(LedgerService);
  });
  afterAll(() => system.stop());

  it('writes one entry and one projection row when the same activity runs twice (a retry)', async () => {
    const step = directiveStep('DB-2026-900001', 1, 'issued');
    await activities.recordDirectiveStep(step);
    await activities.recordDirectiveStep(step);
    const entries = await ledger.entriesOf('DB-2026-900001');
    expect(entries).toHaveLength(1);
    const rows = await db.query(`SELECT last_sequence FROM directive WHERE id = $1`, ['DB-2026-900001']);
    expect(rows).toEqual([{ last_sequence: 1 }]);
  });

  it('never lets a late retry of an older step overwrite a newer projection', async () => {
    const first = directiveStep('DB-2026-900002', 1, 'issued');
    await activities.recordDirectiveStep(first);
    await activities.recordDirectiveStep(directiveStep('DB-2026-900002', 2, 'acknowledged'));
    await activities.recordDirectiveStep(first);
    const rows = await db.query(`SELECT status, last_sequence FROM directive WHERE id = $1`, [
      'DB-2026-900002',
    ]);
    expect(rows).toEqual([{ status: 'acknowledged', last_sequence: 2 }]);
    expect(await ledger.verifyCase('DB-2026-900002')).toMatchObject({ intact: true, entries: 2 });
  });

  it('refuses an entry that would leave a gap in the sequence, writing neither entry nor projection', async () => {
    await expect(
      activities.recordDirectiveStep(directiveStep('DB-2026-900003', 2, 'acknowledged')),
    ).rejects.toMatchObject({
      code: 'ledger.sequence-gap',
    });
    expect(await db.query(`SELECT id FROM directive WHERE id = $1`, ['DB-2026-900003'])).toEqual([]);
  });

  it('refuses another step claiming a sequence that is already taken', async () => {
    await activities.recordDirectiveStep(directiveStep('DB-2026-900004', 1, 'issued'));
    const impostor = { ...directiveStep('DB-2026-900004', 1, 'issued'), workflowId: 'directive/other' };
    await expect(activities.recordDirectiveStep(impostor)).rejects.toMatchObject({
      code: 'ledger.sequence-taken',
    });
  });

  it('takes the state before from the previous entry, and gives a retry back the entry it wrote', async () => {
    const withoutStateBefore = (sequence: number, status: string): LedgerStep<DirectiveState> => {
      const step: LedgerStep<DirectiveState> = directiveStep('DB-2026-900006', sequence, status);
      delete step.stateBefore;
      return step;
    };
    const first = await db.transaction((tx) => ledger.append(tx, withoutStateBefore(1, 'issued')));
    const second = await db.transaction((tx) => ledger.append(tx, withoutStateBefore(2, 'acknowledged')));
    const retried = await db.transaction((tx) => ledger.append(tx, withoutStateBefore(2, 'acknowledged')));

    expect(first.stateBefore).toBeNull();
    expect(second.stateBefore).toEqual(first.stateAfter);
    expect(second.prevHash).toBe(first.hash);
    expect(retried).toMatchObject({ id: second.id, hash: second.hash, stateBefore: first.stateAfter });
    expect(await ledger.verifyCase('DB-2026-900006')).toMatchObject({ intact: true, entries: 2 });
  });

  it.each([
    ['UPDATE', `UPDATE ledger_entry SET reason = 'rewritten' WHERE case_id = 'DB-2026-900001'`],
    ['DELETE', `DELETE FROM ledger_entry WHERE case_id = 'DB-2026-900001'`],
    ['TRUNCATE', `TRUNCATE ledger_entry`],
  ])('is append-only: the database refuses %s', async (operation, sql) => {
    await expect(db.query(sql)).rejects.toThrow(`ledger_entry is append-only: ${operation} refused`);
    expect(await ledger.entriesOf('DB-2026-900001')).toHaveLength(1);
  });

  it('detects an entry altered behind the guard (as a superuser disabling the trigger would)', async () => {
    await activities.recordDirectiveStep(directiveStep('DB-2026-900005', 1, 'issued'));
    await activities.recordDirectiveStep(directiveStep('DB-2026-900005', 2, 'acknowledged'));
    await db.transaction(async (tx) => {
      await tx.query(`ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only`);
      await tx.query(
        `UPDATE ledger_entry SET actor_id = 'someone.else' WHERE case_id = 'DB-2026-900005' AND sequence = 2`,
      );
      await tx.query(`ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only`);
    });
    expect(await ledger.verifyCase('DB-2026-900005')).toMatchObject({ intact: false, brokenAt: 2 });
  });

  describe('verification in batches', () => {
    /** Appends `steps` entries to a chain, one second apart from `start`, in one transaction. */
    const appendChain = (id: string, steps: number, start: number) =>
      db.transaction(async (tx) => {
        for (let sequence = 1; sequence <= steps; sequence += 1) {
          await ledger.append(tx, {
            ...directiveStep(id, sequence, 'issued'),
            occurredAt: new Date(start + sequence * 1000).toISOString(),
            requestId: `req-${id}-${sequence}`,
          });
        }
      });
    const longChain = 'DB-2026-900100';
    const steps = 2 * VERIFY_BATCH_SIZE + 7;
    const sameDay = Date.UTC(2001, 0, 2);

    beforeAll(() => appendChain(longChain, steps, Date.UTC(2001, 0, 1)));

    it('verifies a chain longer than one batch, and names a broken link in a later batch', async () => {
      expect(await ledger.verifyCase(longChain)).toEqual({
        intact: true,
        entries: steps,
        head: (await ledger.entriesOf(longChain)).at(-1)!.hash,
      });
      const tampered = VERIFY_BATCH_SIZE + 3;
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(`UPDATE ledger_entry SET reason = '补登' WHERE case_id = $1 AND sequence = $2`, [
          longChain,
          tampered,
        ]);
      });
      expect(await ledger.verifyCase(longChain)).toEqual({
        intact: false,
        entries: steps,
        brokenAt: tampered,
        reason: 'content does not match its hash (the entry was altered)',
      });
    });

    it('verifies a period with more cases than one batch of its cursor', async () => {
      const cases = Array.from({ length: VERIFY_CASE_BATCH_SIZE + 5 }, (_, i) => `DB-2001-${800000 + i}`);
      for (const id of cases) await appendChain(id, 2, sameDay);
      const audit = system.api.get(AuditService);
      const period = await audit.verifyPeriod(
        new Date(sameDay).toISOString(),
        new Date(sameDay + 86_400_000).toISOString(),
      );
      expect(period).toMatchObject({ casesChecked: cases.length, intact: true, broken: [] });
      const withLongChain = await audit.verifyPeriod('2001-01-01T00:00:00Z', '2001-02-01T00:00:00Z');
      expect(withLongChain).toMatchObject({ casesChecked: cases.length + 1, intact: false });
      expect(withLongChain.broken).toEqual([
        { caseId: longChain, brokenAt: VERIFY_BATCH_SIZE + 3, reason: expect.any(String) },
      ]);
    });
  });
});
