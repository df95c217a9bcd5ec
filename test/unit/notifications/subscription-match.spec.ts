import { describe, expect, it } from '@jest/globals';
import { subscriptionMatches } from '../../../libs/notifications/src/domain/subscription-match.js';

const overdueAtAmr = { kind: 'overdue', unitId: 'amr' };

describe('which notifications a webhook subscription receives', () => {
  it('receives every kind from every unit when it names neither', () => {
    expect(subscriptionMatches({ kinds: [], unitId: null }, overdueAtAmr)).toBe(true);
    expect(subscriptionMatches({ kinds: [], unitId: null }, { kind: 'closed', unitId: 'agri' })).toBe(true);
  });

  it('receives only the kinds it names', () => {
    const filter = { kinds: ['overdue', 'escalation'], unitId: null };
    expect(subscriptionMatches(filter, overdueAtAmr)).toBe(true);
    expect(subscriptionMatches(filter, { kind: 'escalation', unitId: 'agri' })).toBe(true);
    expect(subscriptionMatches(filter, { kind: 'reminder', unitId: 'amr' })).toBe(false);
  });

  it("receives only its unit's cases when it names a unit", () => {
    const filter = { kinds: [], unitId: 'amr' };
    expect(subscriptionMatches(filter, overdueAtAmr)).toBe(true);
    expect(subscriptionMatches(filter, { kind: 'overdue', unitId: 'agri' })).toBe(false);
  });

  it('needs both the kind and the unit to match when it names both', () => {
    const filter = { kinds: ['overdue'], unitId: 'amr' };
    expect(subscriptionMatches(filter, overdueAtAmr)).toBe(true);
    expect(subscriptionMatches(filter, { kind: 'overdue', unitId: 'agri' })).toBe(false);
    expect(subscriptionMatches(filter, { kind: 'closed', unitId: 'amr' })).toBe(false);
  });
});
