import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LedgerService } from '../../libs/ledger/src/ledger.service.js';
import { refusalChainId } from '../../libs/ledger/src/refusal-ledger.service.js';
import { TestSystem } from '../helpers/test-system.js';

describe('refused privileged actions are themselves ledgered', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  it('records who tried what, when and why it was refused, on a hash-chained daily ledger', async () => {
    const ledger = system.api.get(LedgerService);
    const chain = refusalChainId(new Date().toISOString());
    const before = (await ledger.entriesOf(chain)).length;

    const res = await system.request('POST', '/cards', {
      token: await system.tokenFor('handler.amr'),
      body: { unitId: 'agri', reason: '越权亮牌' },
      headers: { 'x-request-id': 'refusal-test-1' },
    });
    expect(res.status).toBe(403);

    const entries = await ledger.entriesOf(chain);
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1)!;
    expect(entry).toMatchObject({
      caseType: 'refused-action',
      actorId: 'handler.amr',
      actorRole: 'handler',
      actorUnit: 'amr',
      action: 'POST /cards',
      requestId: 'refusal-test-1',
    });
    expect(entry.reason).toContain('auth.role-not-allowed');
    expect(JSON.stringify(entry.stateAfter)).not.toContain('越权亮牌'); // bodies are not kept
    expect(await ledger.verifyCase(chain)).toMatchObject({ intact: true });
  });

  it('does not ledger requests refused for lack of a token (no actor to name)', async () => {
    const ledger = system.api.get(LedgerService);
    const chain = refusalChainId(new Date().toISOString());
    const before = (await ledger.entriesOf(chain)).length;
    expect((await system.request('POST', '/cards', { body: { unitId: 'agri', reason: 'x' } })).status).toBe(
      401,
    );
    expect(await ledger.entriesOf(chain)).toHaveLength(before);
  });
});
