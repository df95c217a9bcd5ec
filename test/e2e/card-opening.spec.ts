import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { localDateOf } from '../../libs/calendar/src/domain/day-end.js';
import { CardActivitiesService } from '../../libs/cards/src/card.activities.js';
import {
  cardWorkflowId,
  CardSubjectType,
  type CardOpeningRequest,
  type CardTrigger,
  type CardView,
} from '../../libs/contracts/src/card.contracts.js';
import { ReportingReader } from '../../libs/reporting/src/reporting-reader.service.js';
import { createOwnDatabase } from '../helpers/own-database.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * A card opened by a trigger numbers, plans and records its raise in one local activity. Local
 * activities are retried by the worker, and a timed-out attempt may still be running when the next one
 * starts: neither may open a second card for the run. Its own database, because it raises cards on a
 * unit that other files count.
 */
describe('opening a card in one activity', () => {
  let system: TestSystem;
  let activities: CardActivitiesService;
  let db: DataSource;
  const databaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    process.env.DATABASE_URL = await createOwnDatabase();
    system = await TestSystem.start();
    activities = system.workerProvider(CardActivitiesService);
    db = system.api.get(DataSource);
  });
  afterAll(async () => {
    await system.stop();
    process.env.DATABASE_URL = databaseUrl;
  });

  const request = (subjectId: string, unitId = 'amr', runId = randomUUID()): CardOpeningRequest => {
    const subject = { type: CardSubjectType.OverdueRiskItem, id: subjectId };
    const trigger: CardTrigger = {
      key: `${subjectId}:3:overdue`,
      unitId,
      subject,
      reason: 'risk-item-overdue',
      context: null,
    };
    const workflowId = cardWorkflowId(unitId, subject);
    return { origin: { workflowId, runId, chainRunId: runId, at: new Date().toISOString() }, trigger };
  };
  const recordedOf = async (workflowId: string) => ({
    cards: await db.query<Array<{ id: string; level: number }>>(
      `SELECT id, level FROM card WHERE workflow_id = $1 ORDER BY raised_at`,
      [workflowId],
    ),
    raises: await db.query<Array<{ case_id: string }>>(
      `SELECT case_id FROM ledger_entry WHERE workflow_id = $1 AND action = 'raise'`,
      [workflowId],
    ),
  });

  it('returns the card its run opened when retried, after the first attempt or beside it', async () => {
    const afterwards = request(`FX-2026-${randomUUID().slice(0, 8)}`);
    const first = await activities.openCardWithItsRecord(afterwards);
    expect(await activities.openCardWithItsRecord(afterwards)).toEqual(first);
    expect(first.state).toMatchObject({ sequence: 1, levels: [{ colour: 'yellow' }] });

    const beside = request(`FX-2026-${randomUUID().slice(0, 8)}`);
    const [one, other] = await Promise.all([
      activities.openCardWithItsRecord(beside),
      activities.openCardWithItsRecord(beside),
    ]);
    expect(other.state.id).toBe(one.state.id);

    for (const opening of [afterwards, beside]) {
      const recorded = await recordedOf(opening.origin.workflowId);
      expect(recorded.cards).toHaveLength(1);
      expect(recorded.raises).toEqual([{ case_id: recorded.cards[0].id }]);
    }
  });

  it('opens a new card, one level higher, for a later run of the same subject within the repeat window', async () => {
    // 农业农村局 has no card yet in this database: its first is yellow, a repeat starts at orange.
    const subjectId = `FX-2026-${randomUUID().slice(0, 8)}`;
    const earlier = await activities.openCardWithItsRecord(request(subjectId, 'agri'));
    const later = await activities.openCardWithItsRecord(request(subjectId, 'agri'));
    expect(later.state.id).not.toBe(earlier.state.id);
    expect([earlier.state.levels[0].colour, later.state.levels[0].colour]).toEqual(['yellow', 'orange']);
    const recorded = await recordedOf(request(subjectId, 'agri').origin.workflowId);
    expect(recorded.cards.map((c) => c.id)).toEqual([earlier.state.id, later.state.id]);
  });

  it('takes a withdrawn card (撤销亮牌) as never raised: the next starts at yellow, the score and the bulletin count only that one', async () => {
    // 商务局 has no card in this database: a supervisor raises one, then withdraws it as issued in error.
    const supervisor = await system.tokenFor('supervisor.fso');
    const raised = await system.request<CardView>('POST', '/cards', {
      token: supervisor,
      body: { unitId: 'commerce', reason: '专项行动推进滞后' },
    });
    expect(raised.status).toBe(201);
    const withdrawn = await system.request<CardView>('POST', `/cards/${raised.body.id}/withdraw`, {
      token: supervisor,
      body: { reason: '误发，撤销' },
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', levels: [{ colour: 'yellow' }] });

    const next = await activities.openCardWithItsRecord(
      request(`FX-2026-${randomUUID().slice(0, 8)}`, 'commerce'),
    );
    expect(next.state.levels.map((l) => l.colour)).toEqual(['yellow']);

    const year = localDateOf(next.state.triggers[0].at).slice(0, 4);
    const assessment = await system.request('GET', `/assessments/${year}`, {
      token: await system.tokenFor('leader.gov'),
    });
    expect(assessment.status).toBe(200);
    const commerce = (
      assessment.body.units as Array<{ unitId: string; breakdown: Array<{ item: string; detail: string }> }>
    ).find((u) => u.unitId === 'commerce')!;
    expect(commerce.breakdown.filter((line) => line.item.startsWith('cards:'))).toEqual([
      expect.objectContaining({ item: 'cards:yellow', detail: expect.stringMatching(/^1 yellow cards/) }),
    ]);

    const days = {
      from: localDateOf(raised.body.triggers[0].at),
      to: localDateOf(next.state.triggers[0].at),
    };
    const bulletin = await system.api
      .get(ReportingReader)
      .bulletinInputs({ label: `${days.from}…${days.to}`, ...days }, new Date().toISOString());
    expect(bulletin.cards.filter((c) => c.unitId === 'commerce')).toEqual([
      { unitId: 'commerce', colour: 'yellow', raised: 1, lifted: 0 },
    ]);
  });
});
