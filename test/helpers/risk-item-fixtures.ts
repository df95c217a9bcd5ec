import { expect } from '@jest/globals';
import { RiskGrade, RiskSource } from '../../libs/contracts/src/risk-item.contracts.js';
import { type TestSystem } from './test-system.js';

/** A valid registration body (the credit code is GB 32100-2015's own example). */
export function riskItemBody(overrides: Record<string, unknown> = {}) {
  return {
    source: RiskSource.Inspection,
    sourceDate: '2024-09-27',
    actionNo: 5,
    business: {
      name: '武陟县示例食品经营部',
      creditCode: '91350100M000100Y43',
      address: '示例镇建设路88号',
      townshipId: 'township-sample-1',
    },
    description: '售卖超过保质期的预包装食品',
    grade: RiskGrade.General,
    ...overrides,
  };
}

export const EVIDENCE = [
  {
    fileName: '整改后照片-01.jpg',
    mediaType: 'image/jpeg',
    size: 482113,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    stage: 'after',
  },
];

/**
 * A risk item of 市场监管局 registered and assigned through the API, then re-planned to fall due `dueInMs`
 * from now: a clock about to fire its overdue step. Returns the item's id.
 */
export async function riskItemDueSoon(system: TestSystem, dueInMs: number): Promise<string> {
  const [handler, supervisor] = await Promise.all([
    system.tokenFor('handler.amr'),
    system.tokenFor('supervisor.fso'),
  ]);
  const registered = await system.request<{ id: string }>('POST', '/risk-items', {
    token: handler,
    body: riskItemBody(),
  });
  expect(registered.status).toBe(201);
  const { id } = registered.body;
  const assigned = await system.request('POST', `/risk-items/${id}/assign`, {
    token: supervisor,
    body: { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' },
  });
  expect(assigned.status).toBe(200);
  const replanned = await system.request('POST', `/risk-items/${id}/replan`, {
    token: supervisor,
    body: { reason: '统一期限 common deadline', dueAt: new Date(Date.now() + dueInMs).toISOString() },
  });
  expect(replanned.status).toBe(200);
  return id;
}
