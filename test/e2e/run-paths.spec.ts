import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { cardWorkflowId, CardSubjectType } from '../../libs/contracts/src/card.contracts.js';
import { directiveWorkflowId } from '../../libs/contracts/src/directive.contracts.js';
import { riskItemWorkflowId } from '../../libs/contracts/src/risk-item.contracts.js';
import { RUN_PATHS, RUN_PATHS_MEMO } from '../../libs/contracts/src/run-paths.js';
import { eventually } from '../helpers/eventually.js';
import { localActivityOf } from '../helpers/history-fixtures.js';
import { riskItemDueSoon } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * Decision 0027 on the real path: every run Duban starts (from the API, or from an activity by
 * signal-with-start) carries the run-paths stamp, takes the current paths and records no patch marker,
 * so no `TemporalChangeVersion` upsert either.
 */
describe('runs stamped with their code paths (decision 0027)', () => {
  let system: TestSystem;
  let client: Client;
  let supervisor: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    client = system.api.get(Client);
    supervisor = await system.tokenFor('supervisor.fso');
  });
  afterAll(() => system.stop());

  const ok = async <T>(request: Promise<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await request;
    expect(res.status).toBe(status);
    return res.body;
  };

  /** The run's stamp, and what of its history a patch would have left. */
  const runOf = async (workflowId: string) => {
    const handle = client.workflow.getHandle(workflowId);
    const { memo } = await handle.describe();
    const events = (await handle.fetchHistory()).events ?? [];
    return {
      stamp: memo?.[RUN_PATHS_MEMO],
      patchMarkers: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch').length,
      changeVersionUpserts: events.filter(
        (e) =>
          e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields
            ?.TemporalChangeVersion,
      ).length,
      localActivities: events.map(localActivityOf).filter((type) => type !== undefined),
    };
  };

  it('starts risk items, directives and the cards their clocks raise on the current paths, with no patch marker', async () => {
    // A clock step too: the overdue step hands its notice over in its own task (a folded patch).
    const id = await riskItemDueSoon(system, 2_000);
    const directive = await ok<{ id: string }>(
      system.request('POST', '/directives', {
        token: supervisor,
        body: { title: '燃气安全自查', body: '请于本周完成自查', assigneeUnitId: 'agri' },
      }),
      201,
    );
    await eventually(
      async () =>
        expect(
          (await ok<{ overdue: boolean }>(system.request('GET', `/risk-items/${id}`, { token: supervisor })))
            .overdue,
        ).toBe(true),
      30_000,
    );
    const cardId = cardWorkflowId('amr', { type: CardSubjectType.OverdueRiskItem, id });
    // The card opens in one local activity: number, first level and the raise's record together.
    await eventually(
      async () => expect((await runOf(cardId)).localActivities).toEqual(['openCardWithItsRecord']),
      30_000,
    );

    // Register, assign, re-plan, overdue: one record each. The API planned the assignment's deadline on
    // the step's own day, so the item planned none in an activity of its own.
    expect((await runOf(riskItemWorkflowId(id))).localActivities).toEqual([
      'recordRiskItemStep',
      'recordRiskItemStep',
      'recordRiskItemStep',
      'recordRiskItemStep',
    ]);
    for (const workflowId of [riskItemWorkflowId(id), directiveWorkflowId(directive.id), cardId]) {
      const run = await runOf(workflowId);
      expect({ workflowId, ...run }).toEqual({
        workflowId,
        stamp: RUN_PATHS,
        patchMarkers: 0,
        changeVersionUpserts: 0,
        // Steps recorded in local activities: the current path, taken without asking.
        localActivities: expect.any(Array),
      });
      expect(run.localActivities.length).toBeGreaterThan(0);
    }
  });
});
