import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CardRaiser } from '../../libs/cards/src/card-raiser.service.js';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { cardWorkflowId, CardSubjectType } from '../../libs/contracts/src/card.contracts.js';
import { Role } from '../../libs/contracts/src/identity.js';
import { ReportRequestStatus, type ReportRequestView } from '../../libs/contracts/src/reporting.contracts.js';
import { localDateOf } from '../../libs/reporting/src/domain/periods.js';
import { ReportingActivitiesService } from '../../libs/reporting/src/reporting.activities.js';
import { eventually } from '../helpers/eventually.js';
import { createOwnDatabase } from '../helpers/own-database.js';
import { TestSystem } from '../helpers/test-system.js';

interface ScoreLine {
  item: string;
  points: number;
  detailZh: string;
  card?: { count: number };
}
interface UnitScore {
  unitId: string;
  score: number | null;
  gradeZh: string;
  breakdown: ScoreLine[];
}

/**
 * Which year a card, a report and an indicator count in for the annual score (专项得分). Its own
 * database, because it counts a unit's cards and reports.
 */
describe('the year a score counts a card, a report or an indicator in', () => {
  let system: TestSystem;
  let supervisor: string;
  let admin: string;
  let leader: string;
  const databaseUrl = process.env.DATABASE_URL;
  const db = () => system.api.get(DataSource);

  beforeAll(async () => {
    process.env.DATABASE_URL = await createOwnDatabase();
    system = await TestSystem.start();
    [supervisor, admin, leader] = await Promise.all(
      ['supervisor.fso', 'admin.fso', 'leader.gov'].map((u) => system.tokenFor(u)),
    );
  });
  afterAll(async () => {
    await system.stop();
    process.env.DATABASE_URL = databaseUrl;
  });

  const unitOf = async (year: number | string, unitId: string): Promise<UnitScore> => {
    const res = await system.request('GET', `/assessments/${year}`, { token: leader });
    expect(res.status).toBe(200);
    return (res.body.units as UnitScore[]).find((u) => u.unitId === unitId)!;
  };
  const cardLines = (unit: UnitScore) => unit.breakdown.filter((l) => l.item.startsWith('cards:'));

  it('counts a lagging-indicator card in the year of its bulletin’s quarter, other cards in the year they were raised', async () => {
    // The Q4 2023 bulletin (run in January 2024), and a lag it found: its card is raised now.
    const bulletinId = `TB-2023-Q4-${randomUUID().slice(0, 8)}`;
    await db().query(
      `INSERT INTO bulletin (id, run_key, quarter, cutoff, plan_version, policy_version, inputs, html,
         indicators_csv, units_csv, html_sha256, lagging_units)
       VALUES ($1, $1, '2023-Q4', '2024-01-20T08:00:00+08:00', 1, 'p', '{}', '', '', '', repeat('0', 64),
         ARRAY['eco'])`,
      [bulletinId],
    );
    const lagging = await system.api.get(CardRaiser).raise({
      key: `${bulletinId}:eco:lagging`,
      unitId: 'eco',
      subject: { type: CardSubjectType.LaggingIndicator, id: bulletinId },
      reason: '2023年第四季度指标滞后',
      context: null,
    });
    const manual = await system.request('POST', '/cards', {
      token: supervisor,
      body: { unitId: 'civil', reason: '专项行动推进滞后' },
    });
    expect(manual.status).toBe(201);
    const raisedIn = localDateOf(lagging.triggers[0].at).slice(0, 4);
    expect(localDateOf(manual.body.triggers[0].at).slice(0, 4)).toBe(raisedIn);

    expect(cardLines(await unitOf(2023, 'eco'))).toEqual([
      expect.objectContaining({ item: 'cards:yellow', card: expect.objectContaining({ count: 1 }) }),
    ]);
    expect(cardLines(await unitOf(raisedIn, 'eco'))).toEqual([]);
    expect(cardLines(await unitOf(2023, 'civil'))).toEqual([]);
    expect(cardLines(await unitOf(raisedIn, 'civil'))).toEqual([
      expect.objectContaining({ item: 'cards:yellow', card: expect.objectContaining({ count: 1 }) }),
    ]);
  });

  /** The December 2023 reports, opened by the dispatch of 1 January 2024 and due in January. */
  const december = async (): Promise<ReportRequestView[]> =>
    (
      await system.request<{ items: ReportRequestView[] }>(
        'GET',
        '/report-requests?period=2023-12&limit=200',
        {
          token: supervisor,
        },
      )
    ).body.items;

  it('counts a monthly report’s punctuality in the year of the month it reports on, once its due date has passed', async () => {
    const res = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      body: {
        from: '2023-12-31T00:00:00+08:00',
        to: '2024-01-02T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    expect(res.status).toBe(202);
    // 16 requests: the action leads, 农业农村局 and the 3 sample townships (action 5), as in reporting-cycles.
    await eventually(async () => expect(await december()).toHaveLength(16), 60_000);
    await eventually(
      async () => expect((await december()).every((r) => r.status === ReportRequestStatus.Missed)).toBe(true),
      30_000,
    );
    const asked = (await december()).filter((r) => r.unitId === 'amr');
    expect(asked.every((r) => r.deadline.dueAt.startsWith('2024-01'))).toBe(true);

    const reports = (unit: UnitScore) => unit.breakdown.find((l) => l.item === 'monthly-reports')!;
    expect(reports(await unitOf(2023, 'amr')).detailZh).toMatch(
      new RegExp(`^应报送 ${asked.length} 次，按时报送 0 次；`),
    );
    expect(reports(await unitOf(2024, 'amr')).detailZh).toBe('无应报送的月调度：不适用（0 分）');
  });

  it('scores indicators only in a year the unit was asked to report: after the campaign every unit is 不参评, and the year cannot be approved', async () => {
    const notAsked = '年内未要求本单位报送月调度，无从上报指标：不适用（0 分）';
    // 2023: amr was asked for December's reports, so its indicators count (unreported: 0 %).
    const amr2023 = await unitOf(2023, 'amr');
    expect(amr2023.breakdown.filter((l) => l.item.startsWith('attainment:')).length).toBeGreaterThan(0);
    expect(amr2023.breakdown.find((l) => l.item === 'indicators')).toBeUndefined();

    // 2025, after the 2022–2024 campaign: nobody was asked anything, nobody failed anything.
    const res = await system.request('GET', '/assessments/2025', { token: leader });
    const units = res.body.units as UnitScore[];
    expect(units.length).toBeGreaterThan(0);
    expect(units.filter((u) => u.score !== null || u.gradeZh !== '不参评')).toEqual([]);
    const amr2025 = units.find((u) => u.unitId === 'amr')!;
    expect(amr2025.breakdown.find((l) => l.item === 'indicators')).toMatchObject({
      points: 0,
      detailZh: notAsked,
    });
    expect(amr2025.breakdown.some((l) => l.item.startsWith('attainment:'))).toBe(false);

    const refused = await system.request('POST', '/assessments/2025/approve', {
      token: leader,
      body: { committeeDecision: '县食安委〔2026〕1号', approvedOn: '2026-01-20' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'assessment.after-campaign',
      year: 2025,
      campaignTo: '2024-12-31',
    });
    expect(await db().query(`SELECT year FROM assessment_approval`)).toEqual([]);

    // A township added now answers for the townships' indicator, but was asked for nothing: not assessed.
    const added = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-new-town', nameZh: '新设镇', nameEn: 'New Town', kind: 'township', parentId: 'gov' },
    });
    expect(added.status).toBe(201);
    const [{ added_at: addedAt }] = await db().query(`SELECT added_at FROM unit WHERE id = 'e2e-new-town'`);
    const thisYear = localDateOf((addedAt as Date).toISOString()).slice(0, 4);
    expect(await unitOf(thisYear, 'e2e-new-town')).toMatchObject({
      score: null,
      gradeZh: '不参评',
      breakdown: expect.arrayContaining([
        expect.objectContaining({ item: 'indicators', detailZh: notAsked }),
      ]),
    });
  });

  it('lets a unit’s staff read their own unit’s score and lines, and no other unit’s', async () => {
    const all = (await system.request('GET', '/assessments/2023', { token: leader })).body;
    for (const [user, unitId] of [
      ['handler.amr', 'amr'],
      ['head.amr', 'amr'],
      ['handler.agri', 'agri'],
    ] as const) {
      const res = await system.request('GET', '/assessments/2023', { token: await system.tokenFor(user) });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...all,
        units: (all.units as UnitScore[]).filter((u) => u.unitId === unitId),
      });
      expect(res.body.units).toHaveLength(1);
    }
    // Staff of a unit the year does not assess (the county office) read no unit at all.
    const fsoHandler = await system.tokenForActor({
      userId: 'e2e-handler.fso',
      role: Role.Handler,
      unitId: 'fso',
    });
    const fso = await system.request('GET', '/assessments/2023', { token: fsoHandler });
    expect(fso.status).toBe(200);
    expect(fso.body.units).toEqual([]);
    // The police liaison reads no scores, as before.
    const liaison = await system.tokenFor('liaison.police');
    expect((await system.request('GET', '/assessments/2023', { token: liaison })).status).toBe(403);
  });

  it('raises no lagging card on a township retired since its quarter: the bulletin names it, no card escalates', async () => {
    // The dispatch of 1 October 2023 asks every sample township for action 5 (on September); none answers.
    const dispatch = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      body: { from: '2023-09-30T00:00:00+08:00', to: '2023-10-02T00:00:00+08:00', reason: '补录九月调度' },
    });
    expect(dispatch.status).toBe(202);
    const september = async () =>
      (
        await system.request<{ items: ReportRequestView[] }>(
          'GET',
          '/report-requests?period=2023-09&limit=200',
          {
            token: supervisor,
          },
        )
      ).body.items;
    await eventually(async () => {
      const asked = await september();
      expect(asked.filter((r) => r.unitId === 'township-sample-3')).toHaveLength(1);
      expect(asked.every((r) => r.status === ReportRequestStatus.Missed)).toBe(true);
    }, 60_000);
    const retired = await system.request('POST', '/units/township-sample-3/deactivate', {
      token: admin,
      body: { reason: '撤并入示例镇一' },
    });
    expect(retired.status).toBe(200);
    const summary = await system
      .workerProvider(ReportingActivitiesService)
      .generateQuarterlyBulletin({ at: '2023-10-20T00:00:00.000Z', runKey: `retired-${randomUUID()}` });
    expect(summary).toMatchObject({ quarter: '2023-Q3' });
    const { id, laggingUnits } = summary as { id: string; laggingUnits: string[] };
    expect(laggingUnits).toEqual(expect.arrayContaining(['township-sample-1', 'township-sample-3']));
    const carded = async () =>
      (
        await db().query<Array<{ unit_id: string }>>(
          `SELECT unit_id FROM card WHERE subject_type = $1 AND subject_id = $2 ORDER BY unit_id`,
          [CardSubjectType.LaggingIndicator, id],
        )
      ).map((c) => c.unit_id);
    // Each card is recorded by its own workflow: all of them, in time, and never the retired township's,
    // whose workflow the run (which started every other one before it returned) never started.
    await eventually(
      async () => expect(await carded()).toEqual(laggingUnits.filter((unit) => unit !== 'township-sample-3')),
      30_000,
    );
    const retiredCard = system.api
      .get(Client)
      .workflow.getHandle(
        cardWorkflowId('township-sample-3', { type: CardSubjectType.LaggingIndicator, id }),
      );
    await expect(retiredCard.describe()).rejects.toThrow(WorkflowNotFoundError);
  });
});
