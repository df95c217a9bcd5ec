import { describe, expect, it } from '@jest/globals';
import { DailyChainKind, dailyChainId } from '../../../libs/ledger/src/daily-chain.js';
import { refusalChainId } from '../../../libs/ledger/src/refusal-ledger.service.js';

describe('daily chains', () => {
  it('name one chain per kind and day in Asia/Shanghai', () => {
    expect(dailyChainId(DailyChainKind.Access, '2026-11-28T15:59:59.999Z')).toBe('access/2026-11-28');
    expect(dailyChainId(DailyChainKind.Access, '2026-11-28T16:00:00.000Z')).toBe('access/2026-11-29');
    expect(refusalChainId('2026-11-27T16:00:00.000Z')).toBe('refused/2026-11-28');
  });
});
