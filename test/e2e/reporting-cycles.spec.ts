import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  ReportRequestKind,
  ReportRequestStatus,
  type BulletinSummary,
  type ReportRequestView,
} from '../../libs/contracts/src/reporting.contracts.js';
import { CardRaiser } from '../../libs/cards/src/card-raiser.service.js';
import { CardSubjectType } from '../../libs/contracts/src/card.contracts.js';
import { localDateOf } from '../../libs/reporting/src/domain/periods.js';
import { renderBulletin } from '../../libs/reporting/src/bulletin-document.js';
import { registerReportingCommand } from '../../libs/reporting/src/cli/reporting.command.js';
import { runCli } from '../helpers/cli.js';
import { createOwnDatabase } from '../helpers/own-database.js';
import { eventually } from '../helpers/eventually.js';
import { TestSystem, type HttpResult } from '../helpers/test-system.js';
import { AppConfig } from '../../libs/platform/src/config/app-config.js';
import { caseRunOptions } from '../../libs/platform/src/temporal/case-run-options.js';

interface Page {
  items: ReportRequestView[];
  total: number;
}

/**
 * The cycles through the real API, worker, Temporal dev server (schedules, backfill, trigger) and
 * PostgreSQL. Backfilled months lie in 2023, so their requests open after their due date: they are
 * missed without a card. Its own database, because its 2023-Q1 bulletin raises lagging cards on every
 * unit asked for an indicator that did not report it (未报按滞后计), seed units whose cards other files count.
 */
describe('reporting cycles (月调度、季通报、年考核) driven by Temporal schedules', () => {
  let system: TestSystem;
  let supervisor: string;
  let admin: string;
  let handlerAmr: string;
  let handlerAgri: string;
  let leader: string;
  let auditor: string;
  const db = () => system.api.get(DataSource);
  const databaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    process.env.DATABASE_URL = await createOwnDatabase();
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
    admin = await system.tokenFor('admin.fso');
    handlerAmr = await system.tokenFor('handler.amr');
    handlerAgri = await system.tokenFor('handler.agri');
    leader = await system.tokenFor('leader.gov');
    auditor = await system.tokenFor('auditor.discipline');
  });
  afterAll(async () => {
    await system.stop();
    process.env.DATABASE_URL = databaseUrl;
  });

  const requestsOf = (period: string, token = supervisor) =>
    system.request<Page>('GET', `/report-requests?period=${period}&limit=200`, { token });
  /** 08:00 on 1 March 2023 (Asia/Shanghai) is the only dispatch time in this window. */
  const MARCH_2023 = {
    from: '2023-02-28T00:00:00+08:00',
    to: '2023-03-02T00:00:00+08:00',
    reason: '补录攻坚行动期间的调度',
  };
  const A5 = 'BS-2023-02-amr-a5';

  it('a backfilled monthly dispatch opens each lead unit’s report on the month before its scheduled time', async () => {
    const res = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      body: MARCH_2023,
    });
    expect(res.status).toBe(202);
    // The bundled plan: 12 actions; amr, health, eco, agri, grain lead them; none is led by the townships.
    // Action 5 also asks 农业农村局 (its own staff) and each of the 3 sample townships (coordinators).
    await eventually(async () => expect((await requestsOf('2023-02')).body.total).toBe(16), 60_000);
    const { items } = (await requestsOf('2023-02')).body;
    expect(items.every((r) => r.kind === ReportRequestKind.MonthlyReport && r.planVersion >= 1)).toBe(true);
    expect(items.map((r) => r.id)).toContain(A5);
    const a5 = items.find((r) => r.id === A5)!;
    expect(a5).toMatchObject({
      unitId: 'amr',
      actionNo: 5,
      period: { label: '2023-02', from: '2023-02-01', to: '2023-02-28' },
      openedLate: true,
    });
    expect(a5.indicators.map((i) => i.id)).toContain('a5-rural-shops-standard');
    // Who answers for what: the indicators the plan names other units for are asked of them, not of amr.
    expect(a5.indicators.map((i) => i.id)).not.toContain('a5-agri-staff-competent');
    expect(items.find((r) => r.id === 'BS-2023-02-agri-a5')?.indicators.map((i) => i.id)).toEqual([
      'a5-agri-staff-competent',
    ]);
    expect(
      items.find((r) => r.id === 'BS-2023-02-township-sample-1-a5')?.indicators.map((i) => i.id),
    ).toEqual(['a5-coordinator-coverage']);
    // Due 5 working days after 2023-03-01 (start day not counted: 03-02, 03-03, 03-06, 03-07, 03-08) at 24:00.
    expect(a5.deadline.dueAt).toBe('2023-03-08T16:00:00.000Z');
    expect(a5.deadline.rule.zh).toContain('月调度报送期限');
    await eventually(async () => {
      const missed = (await requestsOf('2023-02')).body.items.filter(
        (r) => r.status === ReportRequestStatus.Missed,
      );
      expect(missed).toHaveLength(16);
      expect(missed.every((r) => !r.cardRaised)).toBe(true);
    }, 30_000);
  });

  it('backfilling the same window again opens nothing twice', async () => {
    const res = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: supervisor,
      body: MARCH_2023,
    });
    expect(res.status).toBe(202);
    await eventually(async () => {
      const runs: Array<{ recentRuns: unknown[]; cycle: string }> = (
        await system.request('GET', '/reporting/schedules', { token: supervisor })
      ).body;
      expect(runs.find((s) => s.cycle === 'monthly-dispatch')?.recentRuns.length).toBeGreaterThanOrEqual(2);
    }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await requestsOf('2023-02')).body.total).toBe(16);
  });

  it('scopes requests: a unit sees its own, another unit’s is not found, county roles see all', async () => {
    const own = (await requestsOf('2023-02', handlerAmr)).body;
    expect(own.items.every((r) => r.unitId === 'amr')).toBe(true);
    expect(own.total).toBeGreaterThan(0);
    expect((await system.request('GET', `/report-requests/${A5}`, { token: handlerAgri })).status).toBe(404);
    expect((await system.request('GET', `/report-requests/${A5}`, { token: leader })).status).toBe(200);
    expect(
      (await system.request('GET', `/report-requests/${A5}`, { token: handlerAmr })).body.canSubmit,
    ).toBe(true);
  });

  const fullValues = async (value: number) =>
    (
      await system.request<ReportRequestView>('GET', `/report-requests/${A5}`, { token: handlerAmr })
    ).body.indicators.map((i) => ({ indicatorId: i.id, value }));
  const submit = async (body: unknown, token = handlerAmr): Promise<HttpResult> =>
    system.request('POST', `/report-requests/${A5}/submit`, { token, body });
  const ledgerEntries = async () =>
    Number((await db().query(`SELECT count(*)::int AS n FROM ledger_entry WHERE case_id = $1`, [A5]))[0].n);

  it.each([
    [
      'a value of the wrong type',
      (v: Array<{ indicatorId: string; value: unknown }>) =>
        v.map((x, i) => (i === 0 ? { ...x, value: 'ninety' } : x)),
      'values[0].value',
    ],
    [
      'a percent above 100',
      (v: Array<{ indicatorId: string; value: unknown }>) =>
        v.map((x, i) => (i === 1 ? { ...x, value: 100.5 } : x)),
      'values[1].value',
    ],
    [
      'a negative percent',
      (v: Array<{ indicatorId: string; value: unknown }>) =>
        v.map((x, i) => (i === 0 ? { ...x, value: -1 } : x)),
      'values[0].value',
    ],
    [
      'an unknown indicator',
      (v: Array<{ indicatorId: string; value: unknown }>) => [...v, { indicatorId: 'a99-bogus', value: 1 }],
      `values[${3}].indicatorId`,
    ],
  ])('refuses %s with 400 naming the field, and nothing changes', async (_name, mutate, path) => {
    const before = await ledgerEntries();
    const res = await submit({ values: mutate(await fullValues(90)), progress: '进展', problems: '' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((res.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual([path]);
    expect(await ledgerEntries()).toBe(before);
    expect((await system.request('GET', `/report-requests/${A5}`, { token: handlerAmr })).body).toMatchObject(
      {
        status: ReportRequestStatus.Missed,
        submission: null,
      },
    );
  });

  it('only the unit’s own staff answer: a supervisor is refused (403), another unit gets 404', async () => {
    const body = { values: await fullValues(90), progress: '进展', problems: '' };
    expect((await submit(body, supervisor)).status).toBe(403);
    expect((await submit(body, handlerAgri)).status).toBe(404);
  });

  it('a late answer is accepted, ledgered with the plan version, and a second answer is a conflict', async () => {
    const res = await submit({
      values: await fullValues(100),
      progress: '完成规范化改造 12 家',
      problems: '无',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: ReportRequestStatus.Submitted,
      submission: { late: true, submittedBy: 'handler.amr' },
    });
    const timeline = await system.request<Array<{ action: string }>>(
      'GET',
      `/report-requests/${A5}/timeline`,
      {
        token: auditor,
      },
    );
    expect(timeline.body.map((e) => e.action)).toEqual(['open', 'missed', 'submit-late']);
    const again = await submit({ values: await fullValues(100), progress: 'again', problems: '' });
    expect(again.status).toBe(409);
  });

  it('the July 2022 dispatch opens the special-action plan (due 2022-07-15) once per action and its lead, answered as text', async () => {
    const res = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      // From the first of the month the campaign starts in (2022-07-07): a backfill may not start earlier.
      body: {
        from: '2022-07-01T00:00:00+08:00',
        to: '2022-07-02T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    expect(res.status).toBe(202);
    const deliverables = async () =>
      (
        await system.request<Page>('GET', '/report-requests?period=2022&kind=deliverable&limit=200', {
          token: supervisor,
        })
      ).body;
    // 各专项行动实施方案: one per action (amr leads 8 of the 12), traced to its action.
    await eventually(async () => expect((await deliverables()).total).toBe(12), 60_000);
    const plans = (await deliverables()).items;
    expect(plans.map((r) => [r.actionNo, r.unitId]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'health'],
      [2, 'eco'],
      [3, 'agri'],
      [4, 'amr'],
      [5, 'amr'],
      [6, 'amr'],
      [7, 'amr'],
      [8, 'amr'],
      [9, 'amr'],
      [10, 'amr'],
      [11, 'grain'],
      [12, 'amr'],
    ]);
    // June 2022 precedes the campaign: no monthly reports for it.
    expect((await requestsOf('2022-06')).body.total).toBe(0);
    const id = 'BS-2022-amr-special-action-plan-a5';
    await eventually(async () =>
      expect(
        (await system.request('GET', `/report-requests/${id}`, { token: handlerAmr })).body,
      ).toMatchObject({
        kind: ReportRequestKind.Deliverable,
        status: ReportRequestStatus.Missed,
        indicators: [],
        deadline: { dueAt: '2022-07-15T16:00:00.000Z' },
      }),
    );
    const answer = await system.request('POST', `/report-requests/${id}/submit`, {
      token: handlerAmr,
      body: { values: [], progress: '专项攻坚行动工作方案（全文见附件）', problems: '' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.submission.late).toBe(true);
  });

  let bulletinId: string;

  it('a backfilled quarterly bulletin covers Q1 2023: HTML with SVG, CSV, referral figures', async () => {
    const res = await system.request('POST', '/reporting/schedules/quarterly-bulletin/backfill', {
      token: admin,
      body: {
        from: '2023-04-19T00:00:00+08:00',
        to: '2023-04-21T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    expect(res.status).toBe(202);
    await eventually(async () => {
      const list: Array<{ id: string; quarter: string }> = (
        await system.request('GET', '/bulletins', { token: leader })
      ).body;
      const q1 = list.find((b) => b.quarter === '2023-Q1');
      expect(q1).toBeDefined();
      bulletinId = q1!.id;
    }, 60_000);
    const bulletin = await system.request('GET', `/bulletins/${bulletinId}`, { token: auditor });
    expect(bulletin.body).toMatchObject({ quarter: '2023-Q1', inputs: { referrals: [] } });
    const a5 = (
      bulletin.body.inputs.reports as Array<{ unitId: string; actionNo: number; month: string }>
    ).filter((r) => r.unitId === 'amr' && r.actionNo === 5);
    expect(a5.map((r) => r.month)).toContain('2023-02');
    const html = await system.request<string>('GET', `/bulletins/${bulletinId}/bulletin.html`, {
      token: supervisor,
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('<svg');
    expect(html.body).toContain('<th>移送/达到移送标准</th>');
    // The stored document as an official one: the plan's supervising unit issues it, units by name.
    expect(html.body).toContain('<p class="document-no">食安办通〔2023〕1号</p>');
    expect(html.body).toContain('<td>市场监管局</td>');
    // Layout 4: risk items and cards are the quarter's, whenever the bulletin is made; the text says so.
    expect(html.body).toContain('隐患与亮牌统计至季度末');
    // Its own policy: no script at all, its inline print styles allowed.
    expect(html.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline';/,
    );
    const csv = await system.request<string>('GET', `/bulletins/${bulletinId}/indicators.csv`, {
      token: supervisor,
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // amr reported 100 % for action 5 in February: on path, not lagging (layout 3: codes beside names).
    expect(csv.body).toMatch(/\n5,[^,\r]*,amr,市场监管局,a5-rural-shops-standard,[^\r]*,100,[^\r]*,否,\r/);
    // The indicator 农业农村局 answers for is counted for agri, not for amr.
    expect(csv.body).toMatch(/\n5,[^,\r]*,agri,农业农村局,a5-agri-staff-competent,/);
    expect(csv.body).not.toMatch(/\n5,[^,\r]*,amr,[^,\r]*,a5-agri-staff-competent,/);
    // amr lags only on the indicators of the actions it was asked about and did not report (未报按滞后计).
    const { tables } = (await system.request('GET', `/bulletins/${bulletinId}/tables`, { token: auditor }))
      .body;
    const amrLagging = (tables[0].rows as unknown[][]).filter(
      (r) => r[1] === '市场监管局' && r[7] === '滞后',
    );
    expect(amrLagging.length).toBeGreaterThan(0);
    expect(amrLagging.map((r) => r[5])).toEqual(amrLagging.map(() => '未报'));
    expect(bulletin.body.laggingUnits).toContain('amr');
  });

  it('offers the bulletin’s CSV tables as files Excel opens in Chinese: a byte order mark, named for the quarter; stored without the mark', async () => {
    const download = async (table: string) => {
      const res = await fetch(`${system.baseUrl}/bulletins/${bulletinId}/${table}.csv`, {
        headers: { authorization: `Bearer ${leader}` },
      });
      expect(res.status).toBe(200);
      return { bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
    };
    const encoded = (name: string) => encodeURIComponent(name);
    const indicators = await download('indicators');
    expect([...indicators.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Layout 3: headed in Chinese for the leader who opens it in Excel, the codes kept beside the names.
    expect(indicators.bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      '行动编号,行动名称,单位编码,单位名称,指标编码,指标名称,计量单位,达标方向,目标类型,基线,基线来源,目标进度,上报值,差距,是否滞后,目标年份推定说明',
    );
    expect(indicators.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(indicators.headers.get('content-disposition')).toBe(
      `attachment; filename="${bulletinId}-indicators.csv"; filename*=UTF-8''${encoded('2023年第一季度通报-指标表.csv')}`,
    );
    const units = await download('units');
    expect([...units.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(units.bytes.subarray(3).toString('utf8')).toMatch(/^名次,单位编码,单位名称,达标率（%）,/);
    expect(units.headers.get('content-disposition')).toBe(
      `attachment; filename="${bulletinId}-units.csv"; filename*=UTF-8''${encoded('2023年第一季度通报-单位表.csv')}`,
    );
    // What is stored (and regenerated, and compared) is the table as rendered, without the mark.
    const [stored] = await db().query(`SELECT indicators_csv, units_csv FROM bulletin WHERE id = $1`, [
      bulletinId,
    ]);
    expect(Buffer.from(stored.indicators_csv, 'utf8').equals(indicators.bytes.subarray(3))).toBe(true);
    expect(Buffer.from(stored.units_csv, 'utf8').equals(units.bytes.subarray(3))).toBe(true);
  });

  it('a bulletin regenerated from its stored inputs and cut-off is byte-identical', async () => {
    const detail = await system.request('GET', `/bulletins/${bulletinId}`, { token: auditor });
    expect(detail.body.inputs.layout).toBe(4);
    const stored = await system.request<string>('GET', `/bulletins/${bulletinId}/bulletin.html`, {
      token: supervisor,
    });
    const res = await system.request('POST', `/bulletins/${bulletinId}/regenerate`, { token: auditor });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bulletinId, identical: true });
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(stored.body).digest('hex')).toBe(res.body.htmlSha256);
  });

  it('re-running the quarter’s bulletin stores no second bulletin and raises no second card', async () => {
    const laggingCards = async (): Promise<Array<{ unit_id: string; raised_at: Date }>> =>
      db().query(
        `SELECT unit_id, raised_at FROM card WHERE subject_type = 'lagging-indicator' AND subject_id LIKE 'TB-2023-Q1-%' ORDER BY unit_id`,
      );
    const { laggingUnits } = (await system.request('GET', `/bulletins/${bulletinId}`, { token: auditor }))
      .body;
    // The cards are raised by signals: their projections follow.
    let cardsBefore: Awaited<ReturnType<typeof laggingCards>> = [];
    await eventually(async () => {
      cardsBefore = await laggingCards();
      expect(cardsBefore.map((c) => c.unit_id).sort()).toEqual([...laggingUnits].sort());
    });
    // The card says why, in Chinese: amr reported nothing it lags on (an earlier test), it is not behind.
    const [amrCard] = await db().query(
      `SELECT state->>'reason' AS reason FROM card WHERE subject_type = 'lagging-indicator' AND subject_id = $1 AND unit_id = 'amr'`,
      [bulletinId],
    );
    expect(amrCard.reason).toBe(`2023年第一季度通报（${bulletinId}）：未报送指标数值（未报按滞后计）`);
    const res = await system.request('POST', '/reporting/schedules/quarterly-bulletin/backfill', {
      token: supervisor,
      body: {
        from: '2023-04-19T00:00:00+08:00',
        to: '2023-04-21T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    expect(res.status).toBe(202);
    const client = system.api.get(Client);
    let results: BulletinSummary[] = [];
    await eventually(async () => {
      // Both runs have the same workflow id (the schedule's id and time): tell them apart by run id.
      const runs: Array<{ workflowId: string; runId: string }> = [];
      // Only this file's runs: other files on the same Temporal server backfill bulletins of their own.
      for await (const wf of client.workflow.list({ query: `WorkflowType = 'quarterlyBulletinWorkflow'` }))
        if (wf.taskQueue === process.env.TEMPORAL_TASK_QUEUE)
          runs.push({ workflowId: wf.workflowId, runId: wf.runId });
      expect(runs.length).toBeGreaterThanOrEqual(2);
      results = await Promise.all(
        runs.map((run) => client.workflow.getHandle(run.workflowId, run.runId).result()),
      );
    }, 60_000);
    expect(results.map((r) => r.id)).toEqual(results.map(() => bulletinId));
    expect(results.filter((r) => r.alreadyGenerated)).toHaveLength(results.length - 1);

    const quarters = (await system.request('GET', '/bulletins', { token: leader })).body.filter(
      (b: { quarter: string }) => b.quarter === '2023-Q1',
    );
    expect(quarters.map((b: { id: string }) => b.id)).toEqual([bulletinId]);
    expect(await laggingCards()).toEqual(cardsBefore);
  });

  it('the assessment counts a unit’s lag in a quarter once, even where the quarter was reported twice before reruns were idempotent', async () => {
    // Such a past: a second bulletin of the quarter, and a lagging card from each bulletin (a unit no
    // other spec raises cards on; the second card starts higher under the repeat rule).
    await db().query(
      `INSERT INTO bulletin (id, run_key, quarter, cutoff, plan_version, policy_version, inputs, html,
         indicators_csv, units_csv, html_sha256, lagging_units)
       SELECT 'TB-2023-Q1-9', 'legacy-rerun', quarter, cutoff, plan_version, policy_version, inputs, html,
         indicators_csv, units_csv, html_sha256, lagging_units FROM bulletin WHERE id = $1`,
      [bulletinId],
    );
    const raiser = system.api.get(CardRaiser);
    const unitId = 'supply-coop';
    const lagging = (id: string) => ({
      key: `${id}:${unitId}:lagging`,
      unitId,
      subject: { type: CardSubjectType.LaggingIndicator, id },
      reason: 'legacy',
      context: null,
    });
    const first = await raiser.raise(lagging(bulletinId));
    const second = await raiser.raise(lagging('TB-2023-Q1-9'));
    expect(second.id).not.toBe(first.id);
    // Both cards are the lag of 2023-Q1: they cost 2023, whenever they were raised.
    const res = await system.request('GET', '/assessments/2023', { token: leader });
    const township = (
      res.body.units as Array<{
        unitId: string;
        score: number | null;
        breakdown: Array<{ item: string; points: number; card?: { count: number } }>;
      }>
    ).find((u) => u.unitId === unitId)!;
    // One card counted; deducted only where the unit is assessed in that year (nothing else may apply to it).
    expect(township.breakdown.filter((l) => l.item.startsWith('cards:'))).toEqual([
      expect.objectContaining({
        item: `cards:${first.levels[0].colour}`,
        points: township.score === null ? 0 : -2,
        card: expect.objectContaining({ count: 1, each: 2 }),
      }),
    ]);
  });

  it('a bulletin stored in layout 2 keeps its English CSV tables: served byte for byte, not rendered again', async () => {
    // Such a bulletin as layout 2 stored it (of the same quarter, after the rerun test counted its bulletins).
    const LAYOUT_2 = {
      indicators_csv:
        'action,unit,indicator,name,measure,comparator,mode,baseline,baseline_source,target_path,actual,gap,lagging,year_assumed\r\n' +
        '5,amr,a5-rural-shops-standard,农村食品经营店规范化率,percent,>=,reach,30,first-dispatch,54.93,40,14.93,true,\r\n',
      units_csv:
        'rank,unit,name,attainment_percent,lagging_indicators,reports_requested,reports_submitted,reports_missed,' +
        'risk_items_opened,risk_items_closed,risk_items_overdue,referral_leads,referred,referral_rate_percent\r\n' +
        '1,amr,"市场监管局,""城区""",86.41,1,3,2,1,4,2,1,4,3,75\r\n',
    };
    const id = 'TB-2023-Q1-8';
    const [row] = await db().query(`SELECT inputs FROM bulletin WHERE id = $1`, [bulletinId]);
    await db().query(
      `INSERT INTO bulletin (id, run_key, quarter, cutoff, plan_version, policy_version, inputs, html,
         indicators_csv, units_csv, html_sha256, lagging_units)
       SELECT $2, 'layout-2', quarter, cutoff, plan_version, policy_version, $3, html, $4, $5, html_sha256,
         lagging_units FROM bulletin WHERE id = $1`,
      [
        bulletinId,
        id,
        JSON.stringify({ ...JSON.parse(row.inputs), layout: 2 }),
        LAYOUT_2.indicators_csv,
        LAYOUT_2.units_csv,
      ],
    );
    for (const table of ['indicators', 'units'] as const) {
      const res = await fetch(`${system.baseUrl}/bulletins/${id}/${table}.csv`, {
        headers: { authorization: `Bearer ${leader}` },
      });
      expect(res.status).toBe(200);
      const sent = Buffer.from(await res.arrayBuffer());
      const expected = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(LAYOUT_2[`${table}_csv`]),
      ]);
      expect(sent.equals(expected)).toBe(true);
    }
    const regenerated = await system.request('POST', `/bulletins/${id}/regenerate`, { token: auditor });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body).toMatchObject({
      id,
      identical: null,
      notRenderedBecause: expect.stringContaining('earlier document layout'),
    });
    const [after] = await db().query(`SELECT indicators_csv, units_csv FROM bulletin WHERE id = $1`, [id]);
    expect(after).toEqual(LAYOUT_2);
  });

  it('a bulletin stored in layout 3 is rendered again as it was issued and compared byte for byte', async () => {
    // Such a bulletin as layout 3 stored it: the same inputs, rendered by layout 3's rules (counting risk
    // items and cards to the cut-off, saying nothing of the quarter's end).
    const id = 'TB-2023-Q1-7';
    const [row] = await db().query(`SELECT inputs FROM bulletin WHERE id = $1`, [bulletinId]);
    const inputs = { ...JSON.parse(row.inputs), layout: 3 };
    const issued = renderBulletin(inputs);
    expect(issued.html).not.toContain('隐患与亮牌统计至季度末');
    await db().query(
      `INSERT INTO bulletin (id, run_key, quarter, cutoff, plan_version, policy_version, inputs, html,
         indicators_csv, units_csv, html_sha256, lagging_units)
       SELECT $2, 'layout-3', quarter, cutoff, plan_version, policy_version, $3, $4, $5, $6, $7,
         lagging_units FROM bulletin WHERE id = $1`,
      [
        bulletinId,
        id,
        JSON.stringify(inputs),
        issued.html,
        issued.indicatorsCsv,
        issued.unitsCsv,
        issued.htmlSha256,
      ],
    );
    const regenerated = await system.request('POST', `/bulletins/${id}/regenerate`, { token: auditor });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body).toMatchObject({ id, identical: true, htmlSha256: issued.htmlSha256 });
  });

  it('the annual assessment (专项得分) shows every point: amr’s late February report is not on time', async () => {
    const res = await system.request('GET', '/assessments/2023', { token: leader });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2023,
      status: 'draft',
      label: { zh: '专项得分' },
      approval: null,
    });
    type Line = {
      item: string;
      points: number;
      detail: string;
      itemZh: string;
      detailZh: string;
      counts?: { met: number; of: number };
      indicator?: { id: string; nameZh: string };
    };
    const units = res.body.units as Array<{ unitId: string; score: number | null; breakdown: Line[] }>;
    const amr = units.find((u) => u.unitId === 'amr')!;
    const reports = amr.breakdown.find((l) => l.item === 'monthly-reports')!;
    expect(reports.points).toBeLessThan(100);
    expect(reports.counts).toEqual({ met: 0, of: expect.any(Number) });
    // Read out as it stands: how many were due, how many on time, what the line is worth, what it got.
    expect(reports.itemZh).toBe('月调度报送');
    expect(reports.detailZh).toMatch(
      new RegExp(
        `^应报送 ${reports.counts!.of} 次，按时报送 0 次；本项满分 [\\d.]+ 分（权重 20/\\d+ 折算），得 0 分$`,
      ),
    );
    // The English detail stays for scripts.
    expect(reports.detail).toMatch(/^0 of \d+ monthly reports/);
    // The lines show two decimals each and add up to the score to the cent.
    for (const unit of units) {
      expect(unit.breakdown.reduce((n, l) => n + Math.round(l.points * 100), 0)).toBe(
        unit.score === null ? 0 : Math.round(unit.score * 100),
      );
    }
    // An indicator line is named by the plan's Chinese name, not its id.
    const competent = units
      .find((u) => u.unitId === 'agri')!
      .breakdown.find((l) => l.item === 'attainment:a5-agri-staff-competent')!;
    expect(competent.itemZh).toBe('指标完成：农业农村局能够胜任农产品质量安全监管的人员占总人数比例');
    expect(competent.indicator).toMatchObject({ id: 'a5-agri-staff-competent' });
    expect(competent.detailZh).toMatch(/^(上报 [\d.]+%，年末目标进度不低于|未上报，完成按 0% 计)/);
    expect(competent.detailZh).not.toMatch(/[A-Za-z]/);
  });

  interface UnitView {
    unitId: string;
    own: { unitId: string; rank: number } | null;
    indicators: Array<{ unitId: string; indicatorId: string }>;
    ranking: Array<{ rank: number; unitId: string }>;
    publishedAt: string | null;
  }
  const unitView = (token: string, query = '') =>
    system.request<UnitView>('GET', `/bulletins/${bulletinId}/unit-view${query}`, { token });

  it('units do not see a bulletin before it is published', async () => {
    const listed = (await system.request<Array<{ id: string }>>('GET', '/bulletins', { token: handlerAmr }))
      .body;
    expect(listed.map((b) => b.id)).not.toContain(bulletinId);
    expect((await unitView(handlerAmr)).status).toBe(404);
  });

  it('publishing a bulletin (通报) is a step with who and when on the ledger, taken once, by the county office', async () => {
    expect(
      (await system.request('POST', `/bulletins/${bulletinId}/publish`, { token: handlerAmr })).status,
    ).toBe(403);
    const res = await system.request('POST', `/bulletins/${bulletinId}/publish`, { token: supervisor });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bulletinId, publishedBy: 'supervisor.fso' });
    const entries: Array<{ action: string; actor_id: string }> = await db().query(
      `SELECT action, actor_id FROM ledger_entry WHERE case_id = $1 ORDER BY sequence`,
      [bulletinId],
    );
    expect(entries).toEqual([{ action: 'publish-bulletin', actor_id: 'supervisor.fso' }]);
    const again = await system.request('POST', `/bulletins/${bulletinId}/publish`, { token: admin });
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('bulletin.already-published');
  });

  it('each unit reads the published bulletin: its own lines in full and the ranking, never another unit’s lines', async () => {
    const listed = (
      await system.request<Array<{ id: string; publishedAt: string }>>('GET', '/bulletins', {
        token: handlerAmr,
      })
    ).body;
    expect(listed.find((b) => b.id === bulletinId)?.publishedAt).toBeTruthy();
    const amr = await unitView(handlerAmr, '?unitId=agri');
    expect(amr.status).toBe(200);
    expect(amr.body.unitId).toBe('amr');
    expect(amr.body.own?.unitId).toBe('amr');
    expect(amr.body.indicators.length).toBeGreaterThan(0);
    expect(amr.body.indicators.every((r) => r.unitId === 'amr')).toBe(true);
    expect(amr.body.ranking.map((r) => r.unitId)).toEqual(expect.arrayContaining(['amr', 'agri']));
    const agri = (await unitView(handlerAgri)).body;
    expect(agri.indicators.map((r) => r.indicatorId)).toContain('a5-agri-staff-competent');
    expect(agri.indicators.every((r) => r.unitId === 'agri')).toBe(true);
    // County roles may read any unit's view.
    expect((await unitView(leader, '?unitId=agri')).body.unitId).toBe('agri');
  });

  it('the year’s score is frozen once 食安委 approved it: who, when and the decision on the ledger; it no longer changes', async () => {
    const approval = { committeeDecision: '县食安委〔2024〕1号', approvedOn: '2024-01-20' };
    const thisYear = Number(localDateOf(new Date().toISOString()).slice(0, 4));
    const notOver = await system.request('POST', `/assessments/${thisYear}/approve`, {
      token: leader,
      body: approval,
    });
    expect(notOver.status).toBe(409);
    expect(
      (
        await system.request('POST', '/assessments/2023/approve', {
          token: leader,
          body: { ...approval, approvedOn: '2023-12-30' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await system.request('POST', '/assessments/2023/approve', { token: handlerAmr, body: approval }))
        .status,
    ).toBe(403);
    // Nothing is frozen on a blank decision, a day of approval still to come, or a year read loosely.
    for (const [path, message, body] of [
      ['committeeDecision', 'committeeDecision must not be blank', { ...approval, committeeDecision: '   ' }],
      [
        'approvedOn',
        `approvedOn ${thisYear + 1}-12-31 is in the future`,
        { ...approval, approvedOn: `${thisYear + 1}-12-31` },
      ],
    ] as const) {
      const refused = await system.request('POST', '/assessments/2023/approve', { token: leader, body });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path, message }]);
    }
    for (const year of ['0x7e5', '02023', '2023%20', '2e3']) {
      for (const [method, path] of [
        ['GET', `/assessments/${year}`],
        ['POST', `/assessments/${year}/approve`],
      ] as const) {
        const body = method === 'POST' ? approval : undefined;
        const refused = await system.request(method, path, { token: leader, body });
        expect(refused.status).toBe(400);
        expect(refused.body.errors).toEqual([
          { path: 'year', message: 'year must be a year written yyyy, such as 2023' },
        ]);
      }
    }
    const draft = (await system.request('GET', '/assessments/2023', { token: leader })).body;
    const res = await system.request('POST', '/assessments/2023/approve', { token: leader, body: approval });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      label: { zh: '专项得分' },
      approval: { ...approval, approvedBy: 'leader.gov' },
    });
    expect(res.body.units).toEqual(draft.units);
    const entries: Array<{ action: string; actor_id: string }> = await db().query(
      `SELECT action, actor_id FROM ledger_entry WHERE case_id = 'assessment/2023' ORDER BY sequence`,
    );
    expect(entries).toEqual([{ action: 'approve-assessment', actor_id: 'leader.gov' }]);
    expect(
      (await system.request('POST', '/assessments/2023/approve', { token: admin, body: approval })).status,
    ).toBe(409);
    // The April 2023 dispatch opens March's reports, all due in 2023: the draft would count them; the frozen score does not.
    await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      body: {
        from: '2023-03-31T00:00:00+08:00',
        to: '2023-04-02T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    await eventually(async () => expect((await requestsOf('2023-03')).body.total).toBe(16), 60_000);
    await eventually(async () => {
      const march = (await requestsOf('2023-03')).body.items;
      expect(march.every((r) => r.status === ReportRequestStatus.Missed)).toBe(true);
    }, 30_000);
    const after = (await system.request('GET', '/assessments/2023', { token: auditor })).body;
    expect(after).toEqual(res.body);
    await expect(
      db().query(`UPDATE assessment_approval SET scores = '[]' WHERE year = 2023`),
    ).rejects.toThrow(/append-only/);
  });

  it('a year approved before the breakdown had Chinese fields is answered exactly as it was frozen', async () => {
    // The shape stored by approvals before 2026-12-03: item, points and detail only. It is not migrated.
    const frozen = [
      {
        unitId: 'agri',
        nameZh: '农业农村局',
        score: 33.33,
        grade: 'fail',
        gradeZh: '不合格',
        breakdown: [
          { item: 'attainment:a5-agri-staff-competent', points: 0, detail: 'no value reported → 0' },
          { item: 'monthly-reports', points: 33.33, detail: '1 of 1 monthly reports 月调度报送 on time' },
        ],
      },
    ];
    await db().query(
      `INSERT INTO assessment_approval (year, label, plan_version, policy_version, committee_decision,
         approved_on, approved_by, scores)
       VALUES (2019, $1, 1, '2026-12-01.1', '县食安委〔2020〕1号', '2020-01-10', 'leader.gov', $2)
       ON CONFLICT (year) DO NOTHING`,
      [JSON.stringify({ zh: '专项得分', en: 'Campaign score' }), JSON.stringify(frozen)],
    );
    const res = await system.request('GET', '/assessments/2019', { token: leader });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect(res.body.units).toEqual(frozen);
  });

  it('a triggered dispatch runs at the current time and, after the campaign, says it opened nothing and why', async () => {
    const before = (await system.request<Page>('GET', '/report-requests?limit=1', { token: supervisor })).body
      .total;
    const res = await system.request('POST', '/reporting/schedules/monthly-dispatch/trigger', {
      token: supervisor,
      body: { reason: '调度会前核对本月报送' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cycle: 'monthly-dispatch',
      workflowId: expect.stringMatching(/^reporting-cycle\/monthly-dispatch-triggered-/),
      result: { opened: [], alreadyOpen: [] },
    });
    expect(res.body.result.nothingOpenedBecause).toMatch(
      new RegExp(`^no monthly report is due for ${res.body.result.period} \\(outside the campaign period`),
    );
    expect(
      (await system.request<Page>('GET', '/report-requests?limit=1', { token: supervisor })).body.total,
    ).toBe(before);
  });

  it('a run started by hand is on the ledger with who and why before it runs, and the schedules list it after a reload', async () => {
    const noReason = await system.request('POST', '/reporting/schedules/monthly-dispatch/trigger', {
      token: supervisor,
    });
    expect(noReason.status).toBe(400);
    expect(new Set(noReason.body.errors.map((e: { path: string }) => e.path))).toEqual(new Set(['reason']));

    const triggered = await system.request('POST', '/reporting/schedules/quarterly-bulletin/trigger', {
      token: supervisor,
      body: { reason: '季度通报会前重新生成' },
    });
    expect(triggered.status).toBe(200);
    const triggerFromCli = (as: string, reason: string) =>
      runCli(
        registerReportingCommand,
        'reporting',
        'trigger',
        '--cycle',
        'quarterly-bulletin',
        '--as',
        as,
        '--reason',
        reason,
      );
    const fromCli = await triggerFromCli('admin.fso', '命令行补跑');
    expect(fromCli).toMatchObject({ code: 0, err: '' });
    expect(fromCli.out).toContain('quarterly-bulletin (reporting-cycle/quarterly-bulletin-triggered-');
    const notAllowed = await triggerFromCli('handler.amr', '无权运行');
    expect(notAllowed).toMatchObject({ code: 2 });
    expect(notAllowed.err).toContain('handler.amr is not an active administrator or supervisor (--as)');
    // The command line checks its reason as the API does: a blank one starts nothing and ledgers nothing.
    const blankReason = await triggerFromCli('admin.fso', '   ');
    expect(blankReason).toMatchObject({ code: 2, out: '' });
    expect(blankReason.err).toMatch(/reason: reason must not be blank/);

    const schedules: Array<{ cycle: string; runsByHand: Array<Record<string, unknown>> }> = (
      await system.request('GET', '/reporting/schedules', { token: leader })
    ).body;
    const bulletinRuns = schedules.find((s) => s.cycle === 'quarterly-bulletin')!.runsByHand;
    // Newest first: the command line's run, then the supervisor's; the other file's runs are not these.
    expect(bulletinRuns.slice(0, 2)).toEqual([
      expect.objectContaining({
        kind: 'trigger',
        cycle: 'quarterly-bulletin',
        by: { userId: 'admin.fso', role: 'admin', unitId: 'fso' },
        reason: '命令行补跑',
      }),
      expect.objectContaining({
        kind: 'trigger',
        by: { userId: 'supervisor.fso', role: 'supervisor', unitId: 'fso' },
        reason: '季度通报会前重新生成',
        workflowId: triggered.body.workflowId,
      }),
    ]);
    const backfills = schedules
      .find((s) => s.cycle === 'monthly-dispatch')!
      .runsByHand.filter((run) => run.kind === 'backfill');
    expect(backfills).toContainEqual(
      expect.objectContaining({ from: '2023-02-27T16:00:00.000Z', to: '2023-03-01T16:00:00.000Z' }),
    );

    const chain = await system.request('GET', '/audit/cases/reporting-cycles/verify/ledger', {
      token: auditor,
    });
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({ intact: true });
  });

  /** The reporting-cycles chain's length: a refused request must add nothing to it. */
  const runsOnLedger = async () =>
    Number(
      (await db().query(`SELECT count(*)::int AS n FROM ledger_entry WHERE case_id = 'reporting-cycles'`))[0]
        .n,
    );

  it('a backfill runs only times already past and within the campaign: others are refused before the ledger', async () => {
    const before = await runsOnLedger();
    // Relative to now, never a fixed date that will one day be past: a window that ends tomorrow.
    const now = Date.now();
    const future = await system.request('POST', '/reporting/schedules/quarterly-bulletin/backfill', {
      token: supervisor,
      body: {
        reason: '提前生成通报',
        from: new Date(now - 86_400_000).toISOString(),
        to: new Date(now + 86_400_000).toISOString(),
      },
    });
    expect(future.status).toBe(400);
    expect(future.body.type).toContain('reporting.backfill-future');
    expect(future.body.errors).toEqual([
      {
        path: 'to',
        message: expect.stringMatching(
          /^to must not be after now \(.+\): a backfill runs only times already past$/,
        ),
      },
    ]);
    for (const from of ['0000-01-01T00:00:00Z', '1969-12-31T00:00:00Z', '2022-06-30T23:59:59+08:00']) {
      const early = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
        token: admin,
        body: {
          reason: '补录',
          from,
          to: new Date(Date.parse(from) + 2 * 86_400_000).toISOString(),
        },
      });
      expect(early.status).toBe(400);
      expect(early.body.type).toContain('reporting.backfill-before-campaign');
      // The plan's campaign starts 2022-07-07: the floor is the first of that month, Beijing time.
      expect(early.body.errors).toEqual([
        {
          path: 'from',
          message:
            'from must not be before 2022-06-30T16:00:00.000Z, the start of the month the campaign starts in',
        },
      ]);
    }
    expect(await runsOnLedger()).toBe(before);
  });

  it('a quarterly bulletin backfill from the campaign’s first month is refused: its July run reports on the quarter before the campaign', async () => {
    const before = await runsOnLedger();
    // The plan's campaign starts 2022-07-07; the bulletin schedule fires in July on the 20th and reports on 2022-Q2.
    const early = await system.request('POST', '/reporting/schedules/quarterly-bulletin/backfill', {
      token: admin,
      body: { reason: '补录首季通报', from: '2022-07-01T00:00:00+08:00', to: '2022-07-25T00:00:00+08:00' },
    });
    expect(early.status).toBe(400);
    expect(early.body.type).toContain('reporting.backfill-before-campaign');
    expect(early.body.errors).toEqual([
      {
        path: 'from',
        message:
          'from must not be before 2022-09-30T16:00:00.000Z, the start of the quarter after the one the campaign ' +
          'starts in: a bulletin run before it reports on a quarter that ends before the campaign starts',
      },
    ]);
    // Neither ledgered nor run; the month's dispatch stays reachable (the July 2022 test above).
    expect(await runsOnLedger()).toBe(before);
    const bulletins = await system.request<Array<{ quarter: string }>>('GET', '/bulletins', {
      token: auditor,
    });
    expect(bulletins.body.map((b) => b.quarter)).not.toContain('2022-Q2');
  });

  it('a backfill window that holds no run of the schedule is refused, naming the first run from its start, and not ledgered', async () => {
    const before = await runsOnLedger();
    // Two days in the middle of a month: the dispatch runs on the 1st at 08:00 Beijing time.
    const midMonth = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      body: { reason: '补录', from: '2023-03-10T00:00:00+08:00', to: '2023-03-12T00:00:00+08:00' },
    });
    expect(midMonth.status).toBe(400);
    expect(midMonth.body.type).toContain('reporting.backfill-empty');
    expect(midMonth.body).toMatchObject({
      detail:
        'no run of the schedule falls in [2023-03-09T16:00:00.000Z, 2023-03-11T16:00:00.000Z): its first run ' +
        'from 2023-03-09T16:00:00.000Z is at 2023-04-01T00:00:00.000Z; widen the window to include it',
      from: '2023-03-09T16:00:00.000Z',
      to: '2023-03-11T16:00:00.000Z',
      firstRun: '2023-04-01T00:00:00.000Z',
    });
    expect(midMonth.body.errors).toEqual([
      {
        path: 'to',
        message:
          "to must be after 2023-04-01T00:00:00.000Z, the cycle's first run at or after from: no run of its " +
          'schedule falls before to',
      },
    ]);
    // Inside a quarter, after its bulletin (the 20th of its first month): the next is on 2023-07-20.
    const inQuarter = await system.request('POST', '/reporting/schedules/quarterly-bulletin/backfill', {
      token: supervisor,
      body: { reason: '补录', from: '2023-05-01T00:00:00+08:00', to: '2023-07-01T00:00:00+08:00' },
    });
    expect(inQuarter.status).toBe(400);
    expect(inQuarter.body.type).toContain('reporting.backfill-empty');
    expect(inQuarter.body.firstRun).toBe('2023-07-20T00:00:00.000Z');
    // A window ending at the run's very instant leaves it out, as [from, to) says.
    const endingAtRun = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      body: { reason: '补录', from: '2023-03-10T00:00:00+08:00', to: '2023-04-01T08:00:00+08:00' },
    });
    expect(endingAtRun.status).toBe(400);
    expect(endingAtRun.body.type).toContain('reporting.backfill-empty');
    expect(await runsOnLedger()).toBe(before);
  });

  it('a scheduled bulletin run at the campaign’s very start makes no bulletin and says why', async () => {
    // As the schedule starts it: the same workflow, its time the July 2022 firing.
    const config = system.api.get(AppConfig);
    const result = await system.api.get(Client).workflow.execute('quarterlyBulletinWorkflow', {
      workflowId: 'reporting-cycle/quarterly-bulletin-e2e-campaign-start',
      ...caseRunOptions(config.TEMPORAL_TASK_QUEUE, 'quarterlyBulletinWorkflow'),
      args: [{ at: '2022-07-20T08:00:00+08:00' }],
    });
    expect(result).toEqual({
      quarter: '2022-Q2',
      noBulletinBecause: '2022-Q2 ends before the campaign starts (2022-07-07): no bulletin is made for it',
    });
    const stored = await db().query(`SELECT id FROM bulletin WHERE quarter = '2022-Q2'`);
    expect(stored).toEqual([]);
  });

  it('the annual score of a year that ended before the campaign cannot be approved', async () => {
    const refused = await system.request('POST', '/assessments/2021/approve', {
      token: leader,
      body: { committeeDecision: '县食安委〔2022〕1号', approvedOn: '2022-01-20' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'assessment.before-campaign',
      year: 2021,
      campaignFrom: '2022-07-07',
    });
    expect(await db().query(`SELECT year FROM assessment_approval WHERE year = 2021`)).toEqual([]);
  });

  it('parallel triggers each start their own run: every ledger entry is a run that started, nothing is made twice', async () => {
    const trigger = (cycle: string) =>
      system.request<{ workflowId: string; result: { id?: string; opened?: string[] } }>(
        'POST',
        `/reporting/schedules/${cycle}/trigger`,
        { token: supervisor, body: { reason: '并发运行测试' } },
      );
    const before = await runsOnLedger();
    const requestsBefore = (
      await system.request<Page>('GET', '/report-requests?limit=1', { token: supervisor })
    ).body.total;
    const bulletins = await Promise.all([1, 2, 3, 4].map(() => trigger('quarterly-bulletin')));
    const dispatches = await Promise.all([1, 2, 3].map(() => trigger('monthly-dispatch')));
    for (const res of [...bulletins, ...dispatches]) expect(res.status).toBe(200);
    const ids = [...bulletins, ...dispatches].map((res) => res.body.workflowId);
    expect(new Set(ids).size).toBe(7);
    // One quarter, one bulletin, whichever run made it.
    expect(new Set(bulletins.map((res) => res.body.result.id)).size).toBe(1);
    expect(
      (await system.request<Page>('GET', '/report-requests?limit=1', { token: supervisor })).body.total,
    ).toBe(requestsBefore);
    expect(await runsOnLedger()).toBe(before + 7);
    const onLedger: Array<{ workflow_id: string }> = await db().query(
      `SELECT state_after->>'workflowId' AS workflow_id FROM ledger_entry
        WHERE case_id = 'reporting-cycles' ORDER BY sequence DESC LIMIT 7`,
    );
    expect(new Set(onLedger.map((row) => row.workflow_id))).toEqual(new Set(ids));
    const temporal = system.api.get(Client);
    for (const id of ids) {
      expect((await temporal.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');
    }
  });

  it('guards the cycle endpoints by role and input', async () => {
    expect((await system.request('GET', '/bulletins', { token: handlerAmr })).status).toBe(200);
    expect((await system.request('GET', `/bulletins/${bulletinId}`, { token: handlerAmr })).status).toBe(403);
    // Unit staff read their own unit's lines of the year, frozen as approved; no other unit's.
    const own = await system.request('GET', '/assessments/2023', { token: handlerAmr });
    expect(own.body).toMatchObject({ status: 'approved' });
    expect((own.body.units as Array<{ unitId: string }>).map((u) => u.unitId)).toEqual(['amr']);
    expect(
      (
        await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
          token: leader,
          body: MARCH_2023,
        })
      ).status,
    ).toBe(403);
    const inverted = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: admin,
      body: { ...MARCH_2023, from: MARCH_2023.to, to: MARCH_2023.from },
    });
    expect(inverted.status).toBe(400);
    expect(
      (await system.request('POST', '/reporting/schedules/weekly/trigger', { token: admin })).status,
    ).toBe(400);
    expect((await system.request('GET', '/bulletins/TB-2099-Q1-1', { token: auditor })).status).toBe(404);
  });

  // Last: a unit added here would otherwise get report requests from the runs the tests above start.
  it('leaves a unit added after a year ended out of that year’s assessment: it cannot have failed a year it did not exist in', async () => {
    const added = await system.request('POST', '/units', {
      token: await system.tokenFor('admin.fso'),
      body: {
        id: 'e2e-later-town',
        nameZh: '后设镇',
        nameEn: 'Later Town',
        kind: 'township',
        parentId: 'gov',
      },
    });
    expect(added.status).toBe(201);
    const assessed = async (year: number) =>
      (
        (await system.request('GET', `/assessments/${year}`, { token: leader })).body.units as Array<{
          unitId: string;
        }>
      ).map((unit) => unit.unitId);
    // 2024: a past year no test here approves, so it is computed afresh.
    const in2024 = await assessed(2024);
    expect(in2024).toContain('amr');
    expect(in2024).not.toContain('e2e-later-town');
    expect(await assessed(Number(localDateOf(new Date().toISOString()).slice(0, 4)))).toContain(
      'e2e-later-town',
    );
  });

  it('asks a township retired before a dispatch’s moment for nothing more, and one retired after it as before', async () => {
    // A township of its own, not a sample one: the e2e files share a database. In use from 2024-01-10 to
    // 2024-02-15 (Beijing), as the unit row keeps it: the February dispatch comes within, the March one after.
    const added = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-merged-town', nameZh: '撤并镇', kind: 'township', parentId: 'gov' },
    });
    expect(added.status).toBe(201);
    const retired = await system.request('POST', '/units/e2e-merged-town/deactivate', {
      token: admin,
      body: { reason: '乡镇撤并' },
    });
    expect(retired.status).toBe(200);
    await db().query(
      `UPDATE unit SET added_at = '2024-01-10T02:00:00Z', retired_at = '2024-02-15T02:00:00Z' WHERE id = 'e2e-merged-town'`,
    );
    const backfill = (from: string, to: string) =>
      system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
        token: admin,
        body: { from, to, reason: '补录撤并前后的调度' },
      });
    expect((await backfill('2024-02-01T00:00:00+08:00', '2024-02-02T00:00:00+08:00')).status).toBe(202);
    expect((await backfill('2024-03-01T00:00:00+08:00', '2024-03-02T00:00:00+08:00')).status).toBe(202);
    const townshipsAsked = async (period: string) =>
      (await requestsOf(period)).body.items
        .filter((r) => r.unitId.startsWith('township-sample-') || r.unitId === 'e2e-merged-town')
        .map((r) => r.unitId)
        .sort();
    await eventually(
      async () =>
        expect(await townshipsAsked('2024-01')).toEqual([
          'e2e-merged-town',
          'township-sample-1',
          'township-sample-2',
          'township-sample-3',
        ]),
      60_000,
    );
    // One fewer request than January, once both dispatches are done: the merged town's (one action asks townships).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const january = (await requestsOf('2024-01')).body.total;
    await eventually(async () => expect((await requestsOf('2024-02')).body.total).toBe(january - 1), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await requestsOf('2024-02')).body.total).toBe(january - 1);
    expect(await townshipsAsked('2024-02')).toEqual([
      'township-sample-1',
      'township-sample-2',
      'township-sample-3',
    ]);
  });
});
