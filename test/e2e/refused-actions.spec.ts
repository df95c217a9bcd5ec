import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LedgerEntryEntity } from '../../libs/ledger/src/ledger-entry.entity.js';
import { LedgerService } from '../../libs/ledger/src/ledger.service.js';
import { refusalChainId } from '../../libs/ledger/src/refusal-ledger.service.js';
import { TestSystem } from '../helpers/test-system.js';

describe('refused privileged actions are themselves ledgered', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  /** The ledger's entries written for one request, found by its id: no day or count to race. */
  const entriesOfRequest = (requestId: string) =>
    system.api.get(DataSource).getRepository(LedgerEntryEntity).findBy({ requestId });

  it('records who tried what, when and why it was refused, on a hash-chained daily ledger', async () => {
    const requestId = `refusal-test-${randomUUID()}`;
    const res = await system.request('POST', '/cards', {
      token: await system.tokenFor('handler.amr'),
      body: { unitId: 'agri', reason: '越权亮牌' },
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(403);

    const entries = await entriesOfRequest(requestId);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      caseType: 'refused-action',
      caseId: refusalChainId(entry.occurredAt.toISOString()),
      actorId: 'handler.amr',
      actorRole: 'handler',
      actorUnit: 'amr',
      action: 'POST /cards',
      requestId,
    });
    expect(entry.reason).toContain('auth.role-not-allowed');
    expect(JSON.stringify(entry.stateAfter)).not.toContain('越权亮牌'); // bodies are not kept
    expect(await system.api.get(LedgerService).verifyCase(entry.caseId)).toMatchObject({ intact: true });
  });

  it('does not ledger requests refused for lack of a token (no actor to name)', async () => {
    const requestId = `refusal-test-${randomUUID()}`;
    const res = await system.request('POST', '/cards', {
      body: { unitId: 'agri', reason: 'x' },
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(401);
    expect(await entriesOfRequest(requestId)).toHaveLength(0);
  });
});
