import { describe, expect, it } from '@jest/globals';
import {
  GENESIS_HASH,
  entryHash,
  ledgerContent,
  verifyChain,
  type ChainedEntry,
  type LedgerContent,
} from '../../../libs/ledger/src/domain/ledger-chain.js';

function content(sequence: number, overrides: Partial<LedgerContent> = {}): LedgerContent {
  return {
    caseType: 'directive',
    caseId: 'DB-2024-000001',
    sequence,
    actorId: `user-${sequence}`,
    actorRole: 'handler',
    actorUnit: 'fso',
    action: `step-${sequence}`,
    reason: sequence === 2 ? 'received the notice' : null,
    stateBefore: sequence === 1 ? null : { status: 'issued', sequence: sequence - 1 },
    stateAfter: { status: sequence === 1 ? 'issued' : 'acknowledged', sequence },
    occurredAt: `2024-03-0${sequence}T02:00:00.000Z`,
    workflowId: 'directive/DB-2024-000001',
    runId: 'run-1',
    requestId: `req-${sequence}`,
    ...overrides,
  };
}

/** Builds a correctly linked chain: each entry's prevHash is the hash of the one before. */
function buildChain(contents: LedgerContent[]): ChainedEntry[] {
  const chain: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (const c of contents) {
    const hash = entryHash(prevHash, c);
    chain.push({ ...c, prevHash, hash });
    prevHash = hash;
  }
  return chain;
}

const threeEntries = () => buildChain([content(1), content(2), content(3)]);

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});

describe('entryHash', () => {
  it('is a 64-character lower-case hex sha256', () => {
    expect(entryHash(GENESIS_HASH, content(1))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic for the same previous hash and content', () => {
    expect(entryHash(GENESIS_HASH, content(1))).toBe(entryHash(GENESIS_HASH, content(1)));
  });

  it('changes when the previous hash changes', () => {
    const other = 'f'.repeat(64);
    expect(entryHash(other, content(1))).not.toBe(entryHash(GENESIS_HASH, content(1)));
  });

  it.each<[string, Partial<LedgerContent>]>([
    ['reason', { reason: 'tampered' }],
    ['stateAfter', { stateAfter: { status: 'closed', sequence: 1 } }],
    ['stateBefore', { stateBefore: { status: 'draft' } }],
    ['actorId', { actorId: 'someone-else' }],
    ['actorRole', { actorRole: 'admin' }],
    ['occurredAt', { occurredAt: '2024-03-01T02:00:00.001Z' }],
    ['requestId', { requestId: 'req-x' }],
  ])('changes when %s changes', (_field, override) => {
    expect(entryHash(GENESIS_HASH, content(1, override))).not.toBe(entryHash(GENESIS_HASH, content(1)));
  });

  it('does not depend on the key order of JSON state (as jsonb may reorder keys)', () => {
    const a = content(1, { stateAfter: { status: 'issued', sequence: 1, nested: { x: 1, y: 2 } } });
    const b = content(1, { stateAfter: { nested: { y: 2, x: 1 }, sequence: 1, status: 'issued' } });
    expect(entryHash(GENESIS_HASH, a)).toBe(entryHash(GENESIS_HASH, b));
  });

  it('ignores fields that are not part of the hashed content (id, recordedAt, prevHash, hash)', () => {
    const plain = content(1);
    const withExtras = {
      ...plain,
      id: '17',
      recordedAt: '2024-03-01T02:00:05.000Z',
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    expect(entryHash(GENESIS_HASH, withExtras)).toBe(entryHash(GENESIS_HASH, plain));
  });
});

describe('ledgerContent', () => {
  it('picks exactly the fourteen hashed fields and nothing else', () => {
    const withExtras = { ...content(2), id: '17', recordedAt: new Date(0), prevHash: 'p', hash: 'h' };
    const picked = ledgerContent(withExtras);
    expect(Object.keys(picked).sort()).toEqual([
      'action',
      'actorId',
      'actorRole',
      'actorUnit',
      'caseId',
      'caseType',
      'occurredAt',
      'reason',
      'requestId',
      'runId',
      'sequence',
      'stateAfter',
      'stateBefore',
      'workflowId',
    ]);
    expect(picked).toEqual(content(2));
  });
});

describe('verifyChain', () => {
  it('reports an intact chain of three entries with the last hash as head', () => {
    const chain = threeEntries();
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    expect(chain[1].prevHash).toBe(chain[0].hash);
    expect(chain[2].prevHash).toBe(chain[1].hash);
    expect(verifyChain(chain)).toEqual({ intact: true, entries: 3, head: chain[2].hash });
  });

  it('reports an empty chain as intact with the genesis hash as head', () => {
    expect(verifyChain([])).toEqual({ intact: true, entries: 0, head: GENESIS_HASH });
  });

  it('accepts entries that carry extra fields such as id and recordedAt', () => {
    const chain = threeEntries().map((e, i) => ({ ...e, id: String(i + 100), recordedAt: new Date() }));
    expect(verifyChain(chain)).toEqual({ intact: true, entries: 3, head: chain[2].hash });
  });

  it.each<[string, Partial<LedgerContent>]>([
    ['reason', { reason: 'a different reason' }],
    ['stateAfter', { stateAfter: { status: 'closed', sequence: 2 } }],
    ['actorUnit', { actorUnit: 'agri' }],
  ])('reports entry 2 as altered when its %s is changed after hashing', (_field, override) => {
    const chain = threeEntries();
    chain[1] = { ...chain[1], ...override };
    expect(verifyChain(chain)).toEqual({
      intact: false,
      entries: 3,
      brokenAt: 2,
      reason: 'content does not match its hash (the entry was altered)',
    });
  });

  it('reports the entry whose previous-hash link is wrong', () => {
    const chain = threeEntries();
    chain[2] = { ...chain[2], prevHash: 'e'.repeat(64) };
    expect(verifyChain(chain)).toEqual({
      intact: false,
      entries: 3,
      brokenAt: 3,
      reason: 'previous-hash link does not match the entry before it',
    });
  });

  it('reports entry 1 when it does not start from the genesis hash', () => {
    const first = content(1);
    const prevHash = '1'.repeat(64);
    const chain: ChainedEntry[] = [{ ...first, prevHash, hash: entryHash(prevHash, first) }];
    expect(verifyChain(chain)).toEqual({
      intact: false,
      entries: 1,
      brokenAt: 1,
      reason: 'previous-hash link does not match the entry before it',
    });
  });

  it('reports a rewritten entry even when its own hash was recomputed, at the next link', () => {
    const chain = threeEntries();
    const forged = content(2, { reason: 'forged' });
    chain[1] = { ...forged, prevHash: chain[1].prevHash, hash: entryHash(chain[1].prevHash, forged) };
    expect(verifyChain(chain)).toEqual({
      intact: false,
      entries: 3,
      brokenAt: 3,
      reason: 'previous-hash link does not match the entry before it',
    });
  });

  it('reports a missing entry (a sequence gap) at the entry after the gap', () => {
    const [first, , third] = threeEntries();
    expect(verifyChain([first, third])).toEqual({
      intact: false,
      entries: 2,
      brokenAt: 3,
      reason: 'expected sequence 2, found 3',
    });
  });

  it('reports a chain that does not start at sequence 1', () => {
    const [, second, third] = threeEntries();
    expect(verifyChain([second, third])).toEqual({
      intact: false,
      entries: 2,
      brokenAt: 2,
      reason: 'expected sequence 1, found 2',
    });
  });

  it('reports the first broken link when several are broken', () => {
    const chain = threeEntries();
    chain[1] = { ...chain[1], reason: 'changed' };
    chain[2] = { ...chain[2], prevHash: 'e'.repeat(64) };
    const verdict = verifyChain(chain);
    expect(verdict.intact).toBe(false);
    expect(verdict).toMatchObject({ brokenAt: 2 });
  });
});
