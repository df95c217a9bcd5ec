import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../helpers/eventually.js';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/** Far more items than activity slots: a burst that froze the engine when activities waited on cards. */
const ITEMS = 16;
const ACTIVITY_SLOTS = 4;

describe('many risk items falling due at the same instant (decision 0015)', () => {
  let system: TestSystem;
  let supervisor: string;
  let handler: string;
  const slotsBefore = process.env.WORKER_MAX_ACTIVITIES;

  beforeAll(async () => {
    process.env.WORKER_MAX_ACTIVITIES = String(ACTIVITY_SLOTS);
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
    handler = await system.tokenFor('handler.amr');
  });
  afterAll(async () => {
    await system.stop();
    if (slotsBefore === undefined) delete process.env.WORKER_MAX_ACTIVITIES;
    else process.env.WORKER_MAX_ACTIVITIES = slotsBefore;
  });

  const ok = async <T>(request: Promise<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await request;
    expect(res.status).toBe(status);
    return res.body;
  };

  it('marks every item overdue and raises every card, while an unrelated human step still answers', async () => {
    const ids = await Promise.all(
      Array.from({ length: ITEMS }, async () => {
        const { id } = await ok<{ id: string }>(
          system.request('POST', '/risk-items', { token: handler, body: riskItemBody() }),
          201,
        );
        await ok(
          system.request('POST', `/risk-items/${id}/assign`, {
            token: supervisor,
            body: { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' },
          }),
        );
        return id;
      }),
    );
    // One deadline for all, as at 24:00 when every day-based clock of a date ends together.
    const dueAt = new Date(Date.now() + 3_000).toISOString();
    await Promise.all(
      ids.map((id) =>
        ok(
          system.request('POST', `/risk-items/${id}/replan`, {
            token: supervisor,
            body: { reason: '统一期限 common deadline', dueAt },
          }),
        ),
      ),
    );

    const overdueCount = async () => {
      const items = await Promise.all(
        ids.map((id) =>
          ok<{ overdue: boolean }>(system.request('GET', `/risk-items/${id}`, { token: supervisor })),
        ),
      );
      return items.filter((item) => item.overdue).length;
    };
    await eventually(async () => expect(await overdueCount()).toBeGreaterThan(0), 30_000);

    // During the burst: a supervisor's directive, on the same worker and task queue.
    const directive = await system.request<{ id: string }>('POST', '/directives', {
      token: supervisor,
      body: { title: '燃气安全自查', body: '请于本周完成自查', assigneeUnitId: 'agri' },
    });
    expect(directive.status).toBe(201);

    await eventually(async () => expect(await overdueCount()).toBe(ITEMS), 60_000);
    await eventually(async () => {
      const board = await ok<{ items: Array<{ subject: { id: string }; status: string }> }>(
        system.request('GET', '/cards?subjectType=overdue-risk-item&unitId=amr&limit=200', {
          token: supervisor,
        }),
      );
      const carded = new Set(board.items.map((card) => card.subject.id));
      expect(ids.filter((id) => !carded.has(id))).toEqual([]);
    }, 60_000);
  }, 240_000);
});
