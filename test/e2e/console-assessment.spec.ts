import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ReportRequestKind, ReportRequestStatus } from '../../libs/contracts/src/reporting.contracts.js';
import { startConsoleStack, type ConsoleStack, screenshot, signInThroughPage } from '../helpers/browser.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * 年度考核 in a real browser (Chromium) against the real API and PostgreSQL: the breakdown a leader reads
 * out is Chinese, with the plan's indicator names and the numbers behind the points; a year approved
 * in the earlier shape still shows what was frozen. Its own database: it stores an approval, which is
 * append-only.
 */
describe('the console’s 年度考核 breakdown, read out by a leader', () => {
  let system: TestSystem;
  let browser: Browser;
  let stack: ConsoleStack | undefined;
  const AGRI_INDICATOR = '农业农村局能够胜任农产品质量安全监管的人员占总人数比例';

  beforeAll(async () => {
    ({ system, browser } = stack = await startConsoleStack({ worker: false }));
  });
  afterAll(() => stack?.stop());

  /** Signs in as the leader, opens 年度考核 for `year` and expands 农业农村局's breakdown. */
  async function agriBreakdown(year: number): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await signInThroughPage(browser, system, 'leader.gov');
    await page.getByRole('menuitem', { name: '年度考核' }).click();
    await page.getByLabel('考核年度').fill(String(year));
    const agri = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '农业农村局', exact: true }) });
    await agri.getByRole('button', { name: '展开行' }).click();
    return { page, errors };
  }

  it('names each line in Chinese, the indicator by its plan name, with the figures that make the points, and a 合计 equal to the score', async () => {
    // On this database agri was asked for one report in 2023 (December's, on action 5) and gave none: it
    // is scored on its indicators (none reported) and that report (missed).
    const state = {
      id: 'BS-2023-12-agri-a5',
      kind: ReportRequestKind.MonthlyReport,
      unitId: 'agri',
      actionNo: 5,
      deliverableId: null,
      title: { zh: '2023-12 月调度：专项行动5', en: 'Monthly dispatch 2023-12: action 5' },
      period: { label: '2023-12', from: '2023-12-01', to: '2023-12-31' },
      planVersion: 1,
      indicators: [{ id: 'a5-agri-staff-competent', nameZh: AGRI_INDICATOR, measure: 'percent' }],
      deadline: {
        dueAt: '2024-01-08T16:00:00.000Z',
        reminderAt: null,
        rule: { zh: '月调度报送期限', en: 'monthly dispatch report' },
        policyVersion: '2026-12-01.1',
      },
      status: ReportRequestStatus.Missed,
      openedAt: '2024-01-01T00:00:00.000Z',
      openedLate: false,
      reminded: false,
      cardRaised: false,
      submission: null,
      sequence: 2,
    };
    await system.api.get(DataSource).query(
      `INSERT INTO report_request (id, kind, unit_id, action_no, period_label, plan_version, status, due_at,
         opened_at, state, last_sequence)
       VALUES ($1, $2, 'agri', 5, '2023-12', 1, $3, $4, $5, $6, 2)`,
      [state.id, state.kind, state.status, state.deadline.dueAt, state.openedAt, JSON.stringify(state)],
    );
    const { page, errors } = await agriBreakdown(2023);
    const breakdown = page.getByRole('table', { name: '农业农村局 得分明细' });
    const competent = breakdown
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: `指标完成：${AGRI_INDICATOR}`, exact: true }) });
    await competent.getByRole('cell', { name: /^未上报，完成按 0% 计；本项满分 [\d.]+ 分（/ }).waitFor();
    await breakdown
      .getByRole('cell', { name: /^应报送 1 次，按时报送 0 次；本项满分 [\d.]+ 分（/ })
      .waitFor();
    await breakdown.getByRole('cell', { name: '各项合计即专项得分 0 分', exact: true }).waitFor();
    await expect(breakdown.getByText('a5-agri-staff-competent').count()).resolves.toBe(0);
    await expect(breakdown.getByText(/not applicable|no value reported/).count()).resolves.toBe(0);
    await screenshot(page, '21-leader-assessment-breakdown-zh');
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('grades in their own colours, 不合格 red; a refused approval day keeps its field’s width; a year outside the campaign says so and offers no approval', async () => {
    const { page, errors } = await agriBreakdown(2023);
    const gradeOf = (unit: string) =>
      page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: unit, exact: true }) })
        .locator('.ant-tag');
    // Agri scored 0 above: 不合格, in red; a unit not assessed in grey.
    await expect(gradeOf('农业农村局').textContent()).resolves.toBe('不合格');
    await expect(gradeOf('农业农村局').getAttribute('class')).resolves.toContain('ant-tag-red');
    const approvedOn = page.getByLabel('审定日期');
    const before = (await approvedOn.boundingBox())!;
    await page.getByLabel('食安委决定文号').fill('县食安委〔2024〕9号');
    await approvedOn.fill('2023-06-01');
    await page.getByRole('button', { name: '记录审定' }).click();
    await page.getByText('2023 年的得分须在该年结束后审定，不能是 2023-06-01').waitFor();
    expect((await approvedOn.boundingBox())!.width).toBe(before.width);
    // 2025 begins after the campaign ends: nothing to approve, and the page says so.
    await page.getByLabel('考核年度').fill('2025');
    await page
      .getByText('该年度不在专项行动期间（2022-07-07 至 2024-12-31），无考核得分可审定', { exact: true })
      .waitFor();
    await expect(page.getByRole('form', { name: '记录食安委审定' }).count()).resolves.toBe(0);
    await screenshot(page, '22-leader-assessment-outside-campaign');
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('shows a unit’s staff their own unit’s score and why it lost points, no other unit’s and no approval form', async () => {
    const { page, errors } = await signInThroughPage(browser, system, 'handler.agri');
    await page.getByRole('menuitem', { name: '年度考核' }).click();
    await page.getByLabel('考核年度').fill('2023');
    await page.getByRole('heading', { name: /^本单位年度考核：农业农村局（专项得分）$/ }).waitFor();
    // Open without a click: the unit's breakdown is what the page is for.
    const breakdown = page.getByRole('table', { name: '农业农村局 得分明细' });
    await breakdown
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: `指标完成：${AGRI_INDICATOR}`, exact: true }) })
      .getByRole('cell', { name: /^未上报，完成按 0% 计；/ })
      .waitFor();
    await breakdown.getByRole('cell', { name: /^应报送 1 次，按时报送 0 次；/ }).waitFor();
    await expect(page.getByRole('cell', { name: '市场监管局', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('form', { name: '记录食安委审定' }).count()).resolves.toBe(0);
    await screenshot(page, '45-unit-own-assessment');
    // A year before the campaign: nothing was asked of the unit, so it is not assessed, and says why.
    await page.getByLabel('考核年度').fill('2019');
    await breakdown
      .getByRole('cell', { name: '年内未要求本单位报送月调度，无从上报指标：不适用（0 分）', exact: true })
      .waitFor();
    await breakdown.getByRole('cell', { name: '不参评（亮牌仅列明，不扣分）', exact: true }).waitFor();
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('shows a year approved before the Chinese fields as it was frozen, and says where its rounded lines differ from the score', async () => {
    // The earlier shape (item, points, detail), its lines rounded on their own: 33.33 + 0 for a score of 33.34.
    const frozen = [
      {
        unitId: 'agri',
        nameZh: '农业农村局',
        score: 33.34,
        grade: 'fail',
        gradeZh: '不合格',
        breakdown: [
          {
            item: 'attainment:a5-agri-staff-competent',
            points: 0,
            detail: `${AGRI_INDICATOR}: no value reported → 0`,
          },
          { item: 'monthly-reports', points: 33.33, detail: '1 of 1 monthly reports 月调度报送 on time' },
        ],
      },
    ];
    await system.api.get(DataSource).query(
      `INSERT INTO assessment_approval (year, label, plan_version, policy_version, committee_decision,
         approved_on, approved_by, scores)
       VALUES (2021, $1, 1, '2026-12-01.1', '县食安委〔2022〕1号', '2022-01-10', 'leader.gov', $2)`,
      [JSON.stringify({ zh: '专项得分', en: 'Campaign score' }), JSON.stringify(frozen)],
    );
    const { page, errors } = await agriBreakdown(2021);
    await page.getByText('已审定').waitFor();
    const breakdown = page.getByRole('table', { name: '农业农村局 得分明细' });
    await breakdown.getByRole('cell', { name: '指标完成（a5-agri-staff-competent）', exact: true }).waitFor();
    await breakdown
      .getByRole('cell', { name: `${AGRI_INDICATOR}: no value reported → 0`, exact: true })
      .waitFor();
    await breakdown
      .getByRole('cell', {
        name: '各项合计 33.33 分，专项得分 33.34 分：各项四舍五入至 0.01 分，差 0.01 分系尾差',
        exact: true,
      })
      .waitFor();
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
