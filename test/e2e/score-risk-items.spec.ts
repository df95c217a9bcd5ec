import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDateOf } from '../../libs/calendar/src/domain/day-end.js';
import { quarterOf } from '../../libs/reporting/src/domain/periods.js';
import { ReportingReader } from '../../libs/reporting/src/reporting-reader.service.js';
import { EVIDENCE, riskItemBody } from '../helpers/risk-item-fixtures.js';
import { createOwnDatabase } from '../helpers/own-database.js';
import { TestSystem } from '../helpers/test-system.js';

interface ScoreLine {
  item: string;
  detailZh: string;
}

/**
 * What the annual score's 隐患按期整改 and the bulletin's 销号隐患 count: only outcomes that are known.
 * Its own database, because it counts amr's risk items.
 */
describe('risk items in the score and the bulletin', () => {
  let system: TestSystem;
  let handler: string;
  let head: string;
  let supervisor: string;
  let leader: string;
  const databaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    process.env.DATABASE_URL = await createOwnDatabase();
    system = await TestSystem.start();
    [handler, head, supervisor, leader] = await Promise.all(
      ['handler.amr', 'head.amr', 'supervisor.fso', 'leader.gov'].map((u) => system.tokenFor(u)),
    );
  });
  afterAll(async () => {
    await system.stop();
    process.env.DATABASE_URL = databaseUrl;
  });

  /** A risk item of amr, assigned to amr: its rectification deadline is set. */
  const assignedItem = async (): Promise<{ id: string; dueAt: string }> => {
    const registered = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
    expect(registered.status).toBe(201);
    const assigned = await system.request('POST', `/risk-items/${registered.body.id}/assign`, {
      token: head,
      body: { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' },
    });
    expect(assigned.status).toBe(200);
    return { id: assigned.body.id as string, dueAt: assigned.body.deadline.dueAt as string };
  };
  const step = async (id: string, path: string, token: string, body?: unknown) => {
    const res = await system.request('POST', `/risk-items/${id}/${path}`, { token, body });
    expect(res.status).toBe(200);
    return res.body as { status: string; closedAt: string | null };
  };

  it('counts an item closed in time, not one still open before its deadline or a cancelled one', async () => {
    const open = await assignedItem();
    const cancelled = await assignedItem();
    const closed = await assignedItem();
    expect((await step(cancelled.id, 'cancel', supervisor, { reason: '重复登记，撤销' })).status).toBe(
      'cancelled',
    );
    await step(closed.id, 'start', handler);
    await step(closed.id, 'submit', handler, { measures: '已下架并销毁', evidence: EVIDENCE });
    const accepted = await step(closed.id, 'verify', supervisor, { result: 'accepted' });
    expect(accepted.status).toBe('closed');

    // The three were assigned within seconds under one policy: due on the same day.
    const year = localDateOf(closed.dueAt).slice(0, 4);
    expect([open, cancelled].map((item) => localDateOf(item.dueAt).slice(0, 4))).toEqual([year, year]);
    const assessment = await system.request('GET', `/assessments/${year}`, { token: leader });
    expect(assessment.status).toBe(200);
    const amr = (assessment.body.units as Array<{ unitId: string; breakdown: ScoreLine[] }>).find(
      (u) => u.unitId === 'amr',
    )!;
    expect(amr.breakdown.find((line) => line.item === 'risk-items')?.detailZh).toMatch(
      /^年内到期隐患 1 项，按期整改 1 项，逾期 0 项/,
    );

    const quarter = quarterOf(accepted.closedAt!);
    const inputs = await system.api.get(ReportingReader).bulletinInputs(quarter, new Date().toISOString());
    expect(inputs.riskItems.find((r) => r.unitId === 'amr')).toMatchObject({ opened: 3, closed: 1 });
  });
});
