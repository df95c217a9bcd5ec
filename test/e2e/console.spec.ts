import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { Client } from '@temporalio/client';
import { type Browser, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import {
  finishPage,
  startConsoleStack,
  type ConsoleStack,
  collectPageErrors,
  officeContext,
  officeNetworkUrl,
  screenshot,
  signInThroughPage,
  stepAnsweredTo,
} from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { textStartPerPage } from '../helpers/pdf-text.js';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';
import {
  type MonthlyDispatchResult,
  type ReportRequestView,
} from '../../libs/contracts/src/reporting.contracts.js';

const { Workbook } = ExcelJS;

/**
 * A journey of many steps (the administrator's), or of a hundred registrations: under the whole suite's
 * load each step may take seconds, and a page may wait up to 150 s for a busy engine's answer
 * (stepAnsweredTo).
 */
const LONG_JOURNEY_MS = 180_000;

/**
 * The web console in a real browser (Chromium through playwright-core) against the real API, worker,
 * Temporal and PostgreSQL: one journey per role, a screenshot of each main page in test-output/console.
 * Its own database, because the leader's bulletin raises cards that other files count.
 */
/**
 * Not Chromium's own notice that a plain-HTTP origin ignores the API's Cross-Origin-Opener-Policy: the
 * deployment on the county's network such a test stands for, not a fault of the page.
 */
const notCoopIgnored = (error: string) =>
  !/^The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/.test(
    error,
  );

describe('the web console, one journey per role', () => {
  let system: TestSystem;
  let browser: Browser;
  let stack: ConsoleStack | undefined;
  let sizeReport: string;
  /** The risk item the handler registers; the supervisor verifies it, the auditor later opens it. */
  let caseId: string;
  /**
   * 市场监管局's May 2023 report on action 5, opened (and missed) by a backfilled dispatch. Report requests
   * are named by period and unit on the one Temporal server every e2e file shares, so this month is one
   * no other file backfills (reporting-cycles.spec takes February and March 2023).
   */
  const A5 = 'BS-2023-05-amr-a5';
  /** The anonymous report the public files below; the handler then finds it in the console. */
  let publicReportId: string;
  /** A named report whose reporter the unit head asks to see, the supervisor approves, the head sees once. */
  let namedReportId: string;
  const REPORTER_NAME = '司马明远测';

  beforeAll(async () => {
    ({ system, browser, sizeReport } = stack = await startConsoleStack());
  });
  afterAll(() => stack?.stop());

  /** A fresh browser context, signed in through the sign-in page (keyboard only) as a seeded person. */
  /** The one monthly dispatch a backfill started on this file's task queue, once it has finished. */
  async function monthlyDispatchOfThisFile(): Promise<MonthlyDispatchResult> {
    const client = system.api.get(Client);
    const query = `WorkflowType = 'monthlyDispatchWorkflow' AND TaskQueue = '${process.env.TEMPORAL_TASK_QUEUE}'`;
    const ids: string[] = [];
    await eventually(async () => {
      ids.length = 0;
      for await (const run of client.workflow.list({ query })) ids.push(run.workflowId);
      expect(ids).toHaveLength(1);
    }, 60_000);
    return client.workflow.getHandle<() => Promise<MonthlyDispatchResult>>(ids[0]).result();
  }

  const signIn = (username: string) => signInThroughPage(browser, system, username);

  /**
   * Types into a select and takes the option once it is listed: the options come from the API, and
   * Enter before they arrive (a busy machine) would choose nothing.
   */
  const choose = async (page: Page, label: string, option: string) => {
    // What the select shows once the option is chosen (its search box's text is not page text).
    const held = page
      .locator('.ant-select', { has: page.getByLabel(label) })
      .getByText(option)
      .filter({ visible: true })
      .first();
    // An Enter that lands while the list still moves in chooses nothing: choose once more.
    for (let attempt = 0; attempt < 3 && !(await held.isVisible()); attempt++) {
      await page.getByLabel(label).fill(option);
      await page.locator('.ant-select-item-option', { hasText: option }).first().waitFor();
      await page.keyboard.press('Enter');
      await held.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await held.waitFor();
  };
  /** Opens a select of the page's own options (not the API's) and takes one. */
  const pick = async (page: Page, label: string, option: string) => {
    await page.getByLabel(label).click();
    await page.locator('.ant-select-item-option', { hasText: option }).first().click();
  };
  /** The case number behind a receipt (case workers find it in the list; the reporter never learns it). */
  const caseOfReceipt = async (receiptCode: string) =>
    (
      await system.api
        .get(DataSource)
        .query<Array<{ complaint_id: string }>>(
          `SELECT complaint_id FROM complaint_receipt WHERE receipt_code = $1`,
          [receiptCode],
        )
    )[0].complaint_id;

  it('keeps the sign-in page within its JS budget and shows it with labelled fields, under the strict CSP', async () => {
    expect(sizeReport).toMatch(/sign-in page initial JS [\d.]+ KB gzip \(within the 300 KB budget\)/);
    const context = await officeContext(browser, system.baseUrl);
    const page = await context.newPage();
    const errors = await collectPageErrors(page);
    const methods = page.waitForResponse((answer) => answer.url().endsWith('/auth/methods'));
    await page.goto('/');
    await page.waitForURL('**/console/sign-in');
    await page.getByLabel('用户名').waitFor();
    await page.getByLabel('密码').waitFor();
    // antd's runtime styles carry the page's nonce: the button is styled, not a bare browser button.
    const background = await page
      .getByRole('button', { name: '登 录' })
      .evaluate((button) => button.ownerDocument.defaultView!.getComputedStyle(button).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await screenshot(page, '01-sign-in');
    await page.getByLabel('用户名').fill('head.amr');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByLabel('密码').press('Enter');
    await page
      .getByRole('alert')
      .getByText('用户名或密码不正确。连续输错 5 次，账号将锁定 15 分钟')
      .waitFor();
    // Single sign-on is not configured here: the page was told so long before, and offers no button.
    expect(await (await methods).json()).toEqual({ password: true, singleSignOn: null });
    expect(await page.getByRole('link', { name: /^使用.+登录$/ }).count()).toBe(0);
    await finishPage(page, errors);
  });

  it('handler: registers a risk item (field messages from the API), then starts and submits its rectification', async () => {
    const { page, errors } = await signIn('handler.amr');
    await page.getByRole('heading', { name: /^我的待办（\d+ 项）$/ }).waitFor();
    await screenshot(page, '02-handler-my-work');

    await page.getByRole('menuitem', { name: '登记隐患' }).click();
    const body = riskItemBody();
    await page.getByLabel('发现日期').fill(body.sourceDate);
    // The plan's actions by number and name (a number box took 13 and made it 12).
    expect(body.actionNo).toBe(5);
    await choose(page, '专项行动', '5. 农村假冒伪劣食品治理行动');
    await page.getByLabel('经营主体名称').fill(body.business.name);
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y4X');
    await page.getByLabel('地址').fill(body.business.address);
    await choose(page, '所在乡镇（街道）', '示例镇一');
    await page.getByLabel('隐患描述').fill(body.description);
    await page.getByRole('button', { name: '登 记' }).click();
    // The API's problem+json names business.creditCode: its message appears under that field, in Chinese.
    await page.getByText('统一社会信用代码的校验位不正确，请核对是否抄错').waitFor();
    await screenshot(page, '03-handler-risk-item-form-problem');

    await page.getByLabel('统一社会信用代码').fill(body.business.creditCode);
    const registered = await stepAnsweredTo(page, page.getByRole('button', { name: '登 记' }), '/risk-items');
    expect(registered).toMatchObject({ status: 201 });
    await page.waitForURL(/\/console\/risk-items\/FX-\d{4}-\d{6}$/);
    caseId = page.url().split('/').pop()!;

    // The supervisor assigns it to the handler's own unit (through the API: not this journey's step).
    const assigned = await system.request('POST', `/risk-items/${caseId}/assign`, {
      token: await system.tokenFor('supervisor.fso'),
      body: { responsibleUnitId: 'amr' },
    });
    expect(assigned.status).toBe(200);
    await page.reload();
    await page.getByText('期限依据').waitFor();
    await page.getByRole('button', { name: '开始整改' }).click();
    await page.getByRole('button', { name: '提交整改' }).click();
    await page.getByLabel('整改措施').fill('已下架全部过期食品并建立进货查验台账');
    const photo = Buffer.from('整改后照片');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '整改后照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    const sha256 = createHash('sha256').update(photo).digest('hex');
    await page.getByText(`sha256: ${sha256}`).waitFor();
    const submitted = await stepAnsweredTo(page, page.getByRole('button', { name: '确 定' }), '/submit');
    expect(submitted).toMatchObject({ status: 200 });
    await page.getByText('待核查').waitFor();
    await expect(page.getByRole('button', { name: '提交整改' }).count()).resolves.toBe(0);
    await screenshot(page, '04-handler-case-submitted');

    await page.getByRole('link', { name: '打印督办通知书' }).click();
    await page.getByRole('article', { name: '督办通知书' }).getByText(caseId).first().waitFor();
    await screenshot(page, '05-handler-print-notice');

    // A street stall's notice, long enough for two sheets: the stall by its kind and its registration
    // card, the deadline as its rule says it, each sentence ended once, and every page within margins.
    const stall = await system.request<{ id: string }>('POST', '/risk-items', {
      token: await system.tokenFor('handler.amr'),
      body: riskItemBody({
        business: {
          kind: 'street-stall',
          name: '夜市烧烤摊',
          identifiers: { stallRegistration: 'WZ-XT-0042' },
          address: '示例镇夜市东口',
          townshipId: 'township-sample-1',
        },
        description: '使用来源不明的冷冻肉品加工烧烤，未能提供进货查验记录和票据。'.repeat(24),
      }),
    });
    expect(stall.status).toBe(201);
    const stallAssigned = await system.request('POST', `/risk-items/${stall.body.id}/assign`, {
      token: await system.tokenFor('supervisor.fso'),
      body: { responsibleUnitId: 'amr' },
    });
    expect(stallAssigned.status).toBe(200);
    await page.goto(`/console/print/risk-items/${stall.body.id}`);
    const sheet = page.getByRole('article', { name: '督办通知书' });
    await sheet.getByText(stall.body.id).first().waitFor();
    const printed = (await sheet.textContent()) ?? '';
    expect(printed).toContain('夜市烧烤摊（食品小摊点，备案卡号 WZ-XT-0042，地址 示例镇夜市东口）');
    expect(printed).not.toContain('统一社会信用代码');
    expect(printed).not.toContain('。。');
    expect(printed).toMatch(/请于 \d{4}\/\d{2}\/\d{2} 24:00（北京时间） 前完成整改/);
    const pages = textStartPerPage(await page.pdf({ preferCSSPageSize: true }));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // GB/T 9704's margins on every sheet (37 mm top, 28 mm left): the first line's baseline lies below.
    for (const [index, start] of pages.entries()) {
      expect({ page: index + 1, top: start.topMm > 37, left: start.leftMm > 27.5 }).toEqual({
        page: index + 1,
        top: true,
        left: true,
      });
    }
    // Its case page names the stall by its kind and registration, not by an empty credit code.
    await page.goto(`/console/risk-items/${stall.body.id}`);
    await page.getByText('主体及证照', { exact: true }).waitFor();
    await page.getByText('食品小摊点，备案卡号 WZ-XT-0042', { exact: true }).waitFor();
    // And where it is: the address and the township as registered.
    await page.getByText('示例镇夜市东口', { exact: true }).first().waitFor();
    await page.getByText('所在乡镇（街道）', { exact: true }).waitFor();
    await finishPage(page, errors);
  });

  it('handler: answers a report request from my work, each indicator beside its plan targets (the API’s field message on the value)', async () => {
    const backfill = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: await system.tokenFor('admin.fso'),
      body: {
        from: '2023-05-31T00:00:00+08:00',
        to: '2023-06-02T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    expect(backfill.status).toBe(202);
    const handlerToken = await system.tokenFor('handler.amr');
    const requestOf = async () =>
      (await system.request<ReportRequestView>('GET', `/report-requests/${A5}`, { token: handlerToken }))
        .body;
    // The dispatch opens every unit's request for May at once, each missed at once (a past period, so no
    // card: it was opened too late to be answered in time). The answer below waits until all have settled.
    const dispatched = await monthlyDispatchOfThisFile();
    await eventually(async () => {
      const missed = await system.request<{ total: number }>(
        'GET',
        '/report-requests?period=2023-05&status=missed&limit=1',
        { token: await system.tokenFor('supervisor.fso') },
      );
      expect(missed.body.total).toBe(dispatched.opened.length);
    }, 120_000);
    // Opened after its due date: missed, still the unit's to answer late.
    expect(dispatched.opened).toContain(A5);
    expect((await requestOf()).status).toBe('missed');
    const { indicators } = await requestOf();
    const percent = indicators.find((indicator) => indicator.measure === 'percent')!;

    const { page, errors } = await signIn('handler.amr');
    await page.getByRole('link', { name: A5 }).click();
    await page.getByRole('heading', { name: `报送 ${A5}` }).waitFor();
    // The plan version's targets stand beside the indicators asked for.
    await page
      .getByText(/^(达到|保持) (>=|<=) [\d.—]+%?（\d{4}-\d{2}-\d{2} 前）/)
      .first()
      .waitFor();
    for (const indicator of indicators)
      await page.getByLabel(indicator.nameZh).fill(indicator === percent ? '100.5' : '3');
    await page.getByLabel('工作进展').fill('本月完成农村食品经营店规范化改造 12 家');
    await page.getByRole('button', { name: '报 送' }).click();
    await page.getByText(`${percent.id} is a percentage: 0 to 100, got 100.5`).waitFor();
    await screenshot(page, '14-handler-report-request-problem');

    await page.getByLabel(percent.nameZh).fill('90');
    const answer = await stepAnsweredTo(page, page.getByRole('button', { name: '报 送' }), `/${A5}/submit`);
    expect(answer).toMatchObject({ status: 200, body: { status: 'submitted' } });
    await page.getByText(/^已于 .+ 报送（逾期）$/).waitFor();
    expect((await requestOf()).submission).toMatchObject({ late: true, submittedBy: 'handler.amr' });
    expect((await requestOf()).submission?.values).toContainEqual({ indicatorId: percent.id, value: 90 });
    await screenshot(page, '15-handler-report-request-submitted');

    await finishPage(page, errors);
    // Room for each of its bounded waits: the dispatch, its requests missed, the step's answer.
  }, 360_000);

  it('unit head: responds to a yellow card from my work (the API’s field message first); the supervisor then withdraws it with a reason; the inbox holds the risk item’s assignment', async () => {
    const raised = await system.request('POST', '/cards', {
      token: await system.tokenFor('supervisor.fso'),
      body: { unitId: 'amr', reason: '农村食品经营店规范化改造进度滞后' },
    });
    expect(raised.status).toBe(201);
    const cardId = raised.body.id as string;
    const issued = await system.request('POST', '/directives', {
      token: await system.tokenFor('supervisor.fso'),
      body: {
        title: '请于本周内上报快检室自查结果',
        body: '根据攻坚行动方案第七项，请组织自查。',
        assigneeUnitId: 'amr',
      },
    });
    expect(issued.status).toBe(201);
    const directiveId = issued.body.id as string;
    const head = await signIn('head.amr');
    await head.page.getByRole('link', { name: cardId }).click();
    await head.page.getByRole('heading', { name: `亮牌 ${cardId}` }).waitFor();
    await head.page.getByText('本级期限').waitFor();
    await head.page.getByLabel('回应（整改方案、进展报告或约谈记录）').fill('   ');
    await head.page.getByRole('button', { name: '提交回应' }).click();
    await head.page.getByText('请填写回应内容').waitFor();
    await head.page
      .getByLabel('回应（整改方案、进展报告或约谈记录）')
      .fill('书面整改方案：一、逐店排查；二、月底前完成改造');
    await head.page.getByRole('button', { name: '提交回应' }).click();
    await head.page.getByRole('cell', { name: '书面整改方案：一、逐店排查；二、月底前完成改造' }).waitFor();
    // The unit may not take the county's steps: the API allows it none of them.
    await expect(head.page.getByRole('button', { name: '撤销亮牌' }).count()).resolves.toBe(0);
    await screenshot(head.page, '16-unit-head-card-response');
    // The inbox: escalations first (the yellow card, its number a link); everything else (the risk item
    // assigned to the unit) under 全部, paged by the API with its total.
    await head.page.getByRole('menuitem', { name: '通知与升级' }).click();
    await head.page.getByRole('heading', { name: '通知与升级' }).waitFor();
    await head.page
      .getByRole('row')
      .filter({ hasText: '升级' })
      .getByRole('link', { name: cardId })
      .waitFor();
    await head.page.getByText(/^全部（未读 \d+）$/).click();
    const assignment = head.page
      .getByRole('row')
      .filter({ hasText: '交办' })
      .filter({ has: head.page.getByRole('link', { name: caseId }) })
      .first();
    await assignment.waitFor();
    // The engine's bilingual text read in Chinese, its deadline in Beijing time as the rule says it.
    const notice = (await assignment.textContent()) ?? '';
    expect(notice).toMatch(
      new RegExp(`隐患 ${caseId} 已交办整改期限：\\d{4}/\\d{2}/\\d{2} 24:00；期限依据：`),
    );
    expect(notice).not.toMatch(/Risk item assigned| due |\d{4}-\d{2}-\d{2}T/);
    await head.page.getByText(/^共 \d+ 条$/).waitFor();
    await screenshot(head.page, '17-unit-head-inbox');
    await head.page.getByRole('button', { name: '全部标为已读' }).click();
    await head.page.getByRole('tooltip').getByRole('button', { name: '全部标为已读' }).click();
    await head.page.getByText('全部（未读 0）').waitFor();
    // The directive to the unit waits in my work; its page offers 签收 (the API allows the unit head it).
    await head.page.getByRole('menuitem', { name: '我的待办' }).click();
    // Narrowed on the page: by a case number typed, by kind, by what is overdue.
    const work = head.page.locator('.ant-table-tbody');
    await head.page.getByLabel('查找待办').fill(directiveId);
    await expect(work.getByRole('row').count()).resolves.toBe(1);
    await work.getByRole('link', { name: directiveId }).waitFor();
    await head.page.getByLabel('查找待办').fill('');
    // antd's button-style radio: its label is what a person clicks (the input itself is hidden).
    await head.page.locator('label', { hasText: /^督办（\d+）$/ }).click();
    await expect(head.page.getByRole('radio', { name: /^督办（\d+）$/ }).isChecked()).resolves.toBe(true);
    await expect(work.getByRole('row').filter({ hasNotText: '督办' }).count()).resolves.toBe(0);
    await head.page.getByRole('checkbox', { name: /^只看已逾期（\d+）$/ }).check();
    await work.getByText('没有符合条件的待办').waitFor();
    await head.page.getByRole('checkbox', { name: /^只看已逾期/ }).uncheck();
    await head.page.getByRole('link', { name: directiveId }).click();
    await head.page.getByRole('heading', { name: `督办通知 ${directiveId}` }).waitFor();
    await head.page.getByText('根据攻坚行动方案第七项，请组织自查。').waitFor();
    await head.page.getByLabel('签收意见（可不填）').fill('已收到，本周五前上报');
    const acknowledged = await stepAnsweredTo(
      head.page,
      head.page.getByRole('button', { name: '签 收' }),
      '/acknowledge',
    );
    expect(acknowledged).toMatchObject({ status: 200 });
    await head.page.getByText(/^已于 .+ 签收$/).waitFor();
    await head.page.getByText('2. 签收').waitFor();
    await expect(head.page.getByRole('button', { name: '签 收' }).count()).resolves.toBe(0);
    await screenshot(head.page, '21-unit-head-directive-acknowledged');
    // A named report came in: the head asks, with a reason, to see who filed it.
    const filed = await system.request('POST', '/public/complaints', {
      body: {
        category: 'report',
        business: { name: '某某食品有限公司' },
        what: '生产车间卫生条件差',
        anonymous: false,
        reporter: { name: REPORTER_NAME, phone: '13800138000' },
        insider: false,
      },
    });
    expect(filed.status).toBe(201);
    [{ complaint_id: namedReportId }] = await system.api
      .get(DataSource)
      .query<Array<{ complaint_id: string }>>(
        `SELECT complaint_id FROM complaint_receipt WHERE receipt_code = $1`,
        [filed.body.receiptCode],
      );
    await head.page.goto(`/console/complaints/${namedReportId}`);
    await head.page.getByRole('button', { name: '申请揭示身份' }).click();
    await head.page.getByRole('dialog').getByLabel('理由').fill('需当面核实举报细节');
    const revealAsked = await stepAnsweredTo(
      head.page,
      head.page.getByRole('button', { name: '确 定' }),
      '/reveal-requests',
    );
    expect(revealAsked).toMatchObject({ status: 200 });
    await head.page.getByRole('cell', { name: '待批准' }).waitFor();
    // The requester may not approve its own request: the API offers head.amr no approval.
    await expect(head.page.getByRole('button', { name: '批准揭示' }).count()).resolves.toBe(0);
    await finishPage(head.page, head.errors);

    const supervisor = await signIn('supervisor.fso');
    await supervisor.page.goto(`/console/cards/${cardId}`);
    await supervisor.page.getByRole('button', { name: '撤销亮牌' }).click();
    // White space is no reason: the page refuses it before the API is asked.
    const withdrawals: string[] = [];
    supervisor.page.on('request', (r) => {
      if (r.url().endsWith(`/cards/${cardId}/withdraw`)) withdrawals.push(r.method());
    });
    await supervisor.page.getByRole('dialog').getByLabel('理由').fill('   ');
    await supervisor.page.getByRole('button', { name: '确 定' }).click();
    await supervisor.page.getByRole('dialog').getByText('请填写理由').waitFor();
    expect(withdrawals).toEqual([]);
    await supervisor.page.getByRole('dialog').getByLabel('理由').fill('系误报，撤销');
    const withdrawn = await stepAnsweredTo(
      supervisor.page,
      supervisor.page.getByRole('button', { name: '确 定' }),
      '/withdraw',
    );
    expect(withdrawn).toMatchObject({ status: 200 });
    await supervisor.page.getByRole('dialog').waitFor({ state: 'hidden' });
    const card = await system.request('GET', `/cards/${cardId}`, {
      token: await system.tokenFor('supervisor.fso'),
    });
    expect(card.body).toMatchObject({ status: 'withdrawn', closeReason: '系误报，撤销' });
    // A second person approves the head's request to see the named reporter; the reveal stays the head's.
    await supervisor.page.goto(`/console/complaints/${namedReportId}`);
    await supervisor.page.getByRole('button', { name: '批准揭示' }).click();
    // Asked first: approving is audited.
    const approval = supervisor.page.getByRole('tooltip');
    await approval.getByText(/记入审计台账/).waitFor();
    await approval.getByRole('button', { name: '批准揭示' }).click();
    await supervisor.page.getByRole('cell', { name: /^县食安办督办员（示例）（/ }).waitFor();
    await expect(
      supervisor.page.getByRole('button', { name: '揭示身份', exact: true }).count(),
    ).resolves.toBe(0);
    await finishPage(supervisor.page, supervisor.errors);
  });

  it('supervisor: sees the card board by unit and colour, opens a cell and exports the cards to Excel', async () => {
    const raised = await system.request('POST', '/cards', {
      token: await system.tokenFor('supervisor.fso'),
      body: { unitId: 'grain', reason: '粮食质量抽检整改迟缓。' },
    });
    expect(raised.status).toBe(201);
    const { page, errors } = await signIn('supervisor.fso');
    await page.getByRole('menuitem', { name: '亮牌看板' }).click();
    await page.getByRole('button', { name: '粮食物资储备中心 黄牌 1 张' }).click();
    await page.getByRole('link', { name: raised.body.id }).waitFor();
    await screenshot(page, '06-supervisor-card-board');
    // The export runs exceljs in the page (under the same CSP): the sheet holds the board's card.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const saved = await (await download).path();
    const workbook = new Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.getWorksheet('亮牌')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('编号');
    expect(sheet.getColumn(1).values).toContain(raised.body.id);
    // What the card is about, in words: a manual card's generated id is no reader's business.
    expect(sheet.getRow(1).getCell(5).value).toBe('对象');
    expect(sheet.getColumn(5).values).toContain('人工亮牌');
    await page.goto(`/console/print/cards/${raised.body.id}`);
    // The reason's own stop is not doubled, the level named once, its deadline as the ladder's rule says it.
    await page
      .getByRole('article', { name: '亮牌督办通知' })
      .getByText(
        /^因粮食质量抽检整改迟缓，现对你单位予以黄牌警示。请于 \d{4}\/\d{2}\/\d{2} 24:00（北京时间） 前按要求报送。期限依据：黄牌警示：[^。]+。$/,
      )
      .waitFor();
    await page.goBack();
    await page.getByRole('menuitem', { name: '行刑衔接' }).click();
    await page.getByRole('heading', { name: '行刑衔接跟踪' }).waitFor();
    await screenshot(page, '07-supervisor-referrals');
    await finishPage(page, errors);
  });

  it('supervisor: issues a directive (a blank title refused first) and a card, sees the verification queue and runs the cycles page', async () => {
    const supervisorToken = await system.tokenFor('supervisor.fso');
    const { page, errors } = await signIn('supervisor.fso');
    await page.getByRole('menuitem', { name: '下发督办' }).click();
    await choose(page, '承办单位', '市场监管局');
    await page.getByLabel('标题').fill('   ');
    await page.getByLabel('督办内容').fill('根据攻坚行动方案第七项，请组织自查并上报结果。');
    await page.getByRole('button', { name: '下 发' }).click();
    await page.getByText('请填写标题').waitFor();
    await page.getByLabel('标题').fill('请于本周内完成农贸市场快检室自查');
    const issuedAnswer = await stepAnsweredTo(
      page,
      page.getByRole('button', { name: '下 发' }),
      '/directives',
    );
    expect(issuedAnswer).toMatchObject({ status: 201 });
    const issued = await page.getByRole('status').filter({ hasText: '已下发督办通知' }).textContent();
    const directiveId = /DB-\d{4}-\d{6}/.exec(issued ?? '')![0];
    const directive = await system.request('GET', `/directives/${directiveId}`, { token: supervisorToken });
    expect(directive.body).toMatchObject({
      assigneeUnitId: 'amr',
      title: '请于本周内完成农贸市场快检室自查',
    });

    await choose(page, '亮牌单位', '市生态环境局武陟分局');
    await page.getByLabel('亮牌事由').fill('农村生活污水治理进度滞后');
    const raised = await stepAnsweredTo(page, page.getByRole('button', { name: '亮 牌' }), '/cards');
    expect(raised).toMatchObject({ status: 201 });
    await page
      .getByRole('status')
      .getByRole('link', { name: /^KP-\d{4}-\d{6}$/ })
      .waitFor();
    await screenshot(page, '17-supervisor-issue');

    // The handler's submitted rectification waits here for 销号 verification.
    await page.getByRole('menuitem', { name: '核查销号' }).click();
    await page.getByRole('link', { name: caseId }).click();
    await page.getByRole('button', { name: '核查通过（销号）' }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: caseId }).waitFor();
    await screenshot(page, '18-supervisor-verification-queue');

    // Run after the handler's journey read the one backfilled dispatch of this file's task queue.
    await page.getByRole('menuitem', { name: '报送周期' }).click();
    await page.getByRole('button', { name: '立即运行月调度' }).click();
    const runNow = page.getByRole('dialog', { name: '立即运行月调度' });
    // A run by hand says why, for the ledger: the page asks before the API is asked.
    await runNow.getByRole('button', { name: /^运\s?行$/ }).click();
    await runNow.getByText('请填写理由').waitFor();
    await runNow.getByLabel('理由').fill('月调度会前核对报送情况');
    await runNow.getByRole('button', { name: /^运\s?行$/ }).click();
    await page.getByText('报送期', { exact: true }).waitFor();
    await page.getByRole('cell', { name: /^\d{4}-\d{2}$/ }).waitFor();
    // What the run did, in words: no JSON of the API's answer.
    await expect(page.getByText(/"(opened|period|at)"/).count()).resolves.toBe(0);
    await screenshot(page, '19-supervisor-reporting-cycles');
    // After a reload the run is still the latest, and the ledger's record says who ran it and why.
    await page.reload();
    await page
      .getByRole('row')
      .filter({ hasText: '月调度' })
      .getByRole('cell', { name: /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（立即运行）$/ })
      .waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '月调度会前核对报送情况' })
      .filter({ hasText: '立即运行' })
      .filter({ hasText: '督办员' })
      .waitFor();

    await page.getByRole('menuitem', { name: '督办通知' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: '待签收' })
      .getByRole('link', { name: directiveId })
      .waitFor();
    await screenshot(page, '22-supervisor-directives');
    await finishPage(page, errors);
  });

  it('supervisor: re-plans a risk item’s deadline (the API’s field message under the field first) and marks it as reaching the criminal threshold', async () => {
    const registered = await system.request<{ id: string }>('POST', '/risk-items', {
      token: await system.tokenFor('handler.amr'),
      body: riskItemBody(),
    });
    expect(registered.status).toBe(201);
    const itemId = registered.body.id;
    const assigned = await system.request('POST', `/risk-items/${itemId}/assign`, {
      token: await system.tokenFor('supervisor.fso'),
      body: { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' },
    });
    expect(assigned.status).toBe(200);
    /**
     * Types a time into the deadline picker and takes it with the picker's own 确定, once the picker has
     * read the typed day (its cell selected): a 确定 before that takes the earlier choice.
     */
    const pickDeadline = async (time: string) => {
      await page.getByRole('dialog').getByLabel('新的整改期限（北京时间）').fill(time);
      const picker = page.locator('.ant-picker-dropdown:visible');
      await picker.locator(`.ant-picker-cell-selected[title="${time.split(' ')[0]}"]`).waitFor();
      await picker.locator('.ant-picker-ok button').click();
    };
    /** The Beijing day `days` from now, `YYYY-MM-DD`. */
    const beijingDay = (days: number) =>
      new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const { page, errors } = await signIn('supervisor.fso');
    await page.goto(`/console/risk-items/${itemId}`);
    // The person the item was assigned to, by name from the staff directory.
    await page.getByRole('cell', { name: '市场监管局经办人（示例）', exact: true }).waitFor();
    await page.getByRole('button', { name: '重新确定期限' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('理由').fill('实验室复检需延长期限');
    // Today's 00:00 in Beijing has passed: the API refuses it, and says so under the deadline.
    await pickDeadline(`${beijingDay(0)} 00:00`);
    await dialog.getByRole('button', { name: '确 定' }).click();
    await dialog.getByText('不能早于当前时间').waitFor();
    const newDay = beijingDay(10);
    await pickDeadline(`${newDay} 00:00`);
    const replanned = await stepAnsweredTo(page, dialog.getByRole('button', { name: '确 定' }), '/replan');
    expect(replanned).toMatchObject({ status: 200 });
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(new RegExp(`^${newDay.replaceAll('-', '/')} 00:00 `)).waitFor();
    // The rule names the new deadline in Beijing time, as the page reads every time.
    await page
      .getByText(`由supervisor.fso重新确定期限：${newDay.replaceAll('-', '/')} 00:00（实验室复检需延长期限）`)
      .waitFor();
    await page.getByText(/^\d+\. 重新确定期限$/).waitFor();

    await page.getByRole('button', { name: '达到移送标准（涉嫌犯罪）' }).click();
    await dialog.getByLabel('理由').fill('涉案货值超过五万元');
    const threshold = await stepAnsweredTo(
      page,
      dialog.getByRole('button', { name: '确 定' }),
      '/criminal-threshold',
    );
    expect(threshold).toMatchObject({ status: 200 });
    await page.getByText(/^已达到移送标准（县食安办督办员（示例），.+）：涉案货值超过五万元$/).waitFor();
    await page.getByText(/^\d+\. 达到移送标准（涉嫌犯罪）$/).waitFor();
    const item = await system.request('GET', `/risk-items/${itemId}`, {
      token: await system.tokenFor('supervisor.fso'),
    });
    expect(item.body).toMatchObject({
      deadline: { dueAt: `${newDay}T00:00:00+08:00` },
      criminalThreshold: { markedBy: 'supervisor.fso', reason: '涉案货值超过五万元' },
    });
    await screenshot(page, '23-supervisor-risk-item-replanned');
    await finishPage(page, errors);
  });

  it('leader: sees each action’s KPI charts, percentages and counts each on the axis they read on, every name whole', async () => {
    // 市场监管局's September 2022 report on action 8 (“三小”): a percentage and four counts, 120 shops
    // among them. No other file backfills that month's dispatch (its requests' ids are the month's).
    const dispatch = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: await system.tokenFor('admin.fso'),
      body: {
        from: '2022-09-30T00:00:00+08:00',
        to: '2022-10-02T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    expect(dispatch.status).toBe(202);
    const A8 = 'BS-2022-09-amr-a8';
    const handlerToken = await system.tokenFor('handler.amr');
    await eventually(async () => {
      const request = await system.request('GET', `/report-requests/${A8}`, { token: handlerToken });
      expect(request.body).toMatchObject({ status: 'missed' });
    }, 60_000);
    const reported = {
      'a8-6s-coverage': 40,
      'a8-demonstration-street': 1,
      'a8-benchmark-workshops': 2,
      'a8-benchmark-shops': 120,
      'a8-benchmark-stalls': 6,
    };
    const answer = await system.request('POST', `/report-requests/${A8}/submit`, {
      token: handlerToken,
      body: {
        values: Object.entries(reported).map(([indicatorId, value]) => ({ indicatorId, value })),
        progress: '完成标杆小经营店创建 120 家',
        problems: '无',
      },
    });
    expect(answer.status).toBe(200);
    const backfill = await system.request('POST', '/reporting/schedules/quarterly-bulletin/backfill', {
      token: await system.tokenFor('admin.fso'),
      body: {
        from: '2022-10-19T00:00:00+08:00',
        to: '2022-10-21T00:00:00+08:00',
        reason: '补录攻坚行动期间的调度',
      },
    });
    expect(backfill.status).toBe(202);
    const leaderToken = await system.tokenFor('leader.gov');
    await eventually(async () => {
      expect((await system.request('GET', '/bulletins', { token: leaderToken })).body).toHaveLength(1);
    }, 60_000);
    const { page, errors } = await signIn('leader.gov');
    await page.getByRole('heading', { name: '指标看板' }).waitFor();
    // The quarter as 季度通报 names it, whole in its box.
    const quarterShown = page.getByText(/^2022 年第三季度（TB-2022-Q3-\d+）$/);
    await quarterShown.waitFor();
    expect(await quarterShown.evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
    // Action 8's percentage against 0–100 %, its path a diamond; its counts as the share of their own
    // target path they meet, on a chart of their own, each count beside its bar: 120 shops tower over
    // nothing.
    const percents = page.getByRole('figure', {
      name: '行动8 “三小”治理提升行动：比率指标，上报值与目标进度',
    });
    const counts = page.getByRole('figure', { name: '行动8 “三小”治理提升行动：数量指标，达标率' });
    // Its unit by name: the bulletin's units have arrived, and the charts are drawn as they stay.
    await percents.locator('svg').getByText('市场监管局').waitFor();
    await expect(percents.locator('svg').getByText('目标进度').count()).resolves.toBe(1);
    await counts
      .locator('svg')
      .getByText(/^上报 120，目标进度 ≥\d+$/)
      .waitFor();
    /** The percentages a chart writes: its axis's and its bars'. */
    const percentsIn = async (figure: typeof percents) =>
      (await figure.locator('svg text').allTextContents())
        .filter((text) => /^\d+(\.\d+)?%$/.test(text))
        .map((text) => Number.parseFloat(text));
    for (const figure of [percents, counts]) {
      expect(Math.max(...(await percentsIn(figure)))).toBe(100);
    }
    expect(await percentsIn(percents)).toContain(40);
    // Every chart's texts stand apart: each row's whole name in its own room, none over the next row's,
    // none across the axis line (the leftmost vertical line); on an office screen and a wide one.
    const figures = await page.getByRole('figure').all();
    expect(figures.length).toBeGreaterThan(2);
    for (const width of [1920, 1366]) {
      await page.setViewportSize({ width, height: 768 });
      for (const figure of figures) {
        const clashes = await figure.locator('svg').evaluate((svg) => {
          const boxes = [...svg.querySelectorAll('text')].map((text) => ({
            text: text.textContent,
            box: text.getBoundingClientRect(),
          }));
          const overlapping = boxes.flatMap((a, i) =>
            boxes
              .slice(i + 1)
              .filter(
                ({ box: b }) =>
                  a.box.left < b.right &&
                  b.left < a.box.right &&
                  a.box.top < b.bottom &&
                  b.top < a.box.bottom,
              )
              .map((b) => `${a.text} / ${b.text}`),
          );
          const vertical = [...svg.querySelectorAll('path')]
            .map((path) => path.getBoundingClientRect())
            .filter((box) => box.width < 1 && box.height > 20);
          const axisX = Math.min(...vertical.map((box) => box.left));
          const [top, bottom] = [
            Math.min(...vertical.map((b) => b.top)),
            Math.max(...vertical.map((b) => b.bottom)),
          ];
          // The axis's labels: texts beside the grid that begin left of the line (not 0% beneath it).
          const crossing = boxes
            .filter(
              ({ box }) =>
                box.left < axisX && box.top + box.height / 2 > top && box.top + box.height / 2 < bottom,
            )
            .filter(({ box }) => box.right > axisX)
            .map(({ text }) => `${text} crosses the axis`);
          return [...overlapping, ...crossing];
        });
        expect(clashes).toEqual([]);
      }
    }
    // The counts' caption stands apart from the percentages' chart above it.
    const caption = await page
      .getByText(/^数量指标：/)
      .first()
      .boundingBox();
    const above = await percents.boundingBox();
    expect(caption!.y).toBeGreaterThanOrEqual(above!.y + above!.height + 16);
    await screenshot(page, '08-leader-kpi-dashboard');
    await page.getByRole('menuitem', { name: '季度通报' }).click();
    await page.getByRole('cell', { name: '2022 年第三季度', exact: true }).waitFor();
    // Leaders read it before the units do; only a supervisor publishes it.
    await page.getByRole('row').filter({ hasText: '2022 年第三季度' }).getByText('未发布').waitFor();
    // The day its records were read on, not a deadline.
    await page.getByRole('columnheader', { name: '数据截至', exact: true }).waitFor();
    // A unit that reported nothing asked of it is named apart from one behind: orange, （未报）.
    const [listed] = (await system.request('GET', '/bulletins', { token: leaderToken })).body as Array<{
      unreportedUnits: string[];
    }>;
    expect(listed.unreportedUnits.length).toBeGreaterThan(0);
    const unreported = page
      .getByRole('row')
      .filter({ hasText: '2022 年第三季度' })
      .locator('.ant-tag-orange');
    await unreported.first().waitFor();
    await expect(unreported.count()).resolves.toBe(listed.unreportedUnits.length);
    expect((await unreported.allTextContents()).every((tag) => tag.endsWith('（未报）'))).toBe(true);
    await screenshot(page, '09-leader-bulletins');
    // One sheet per table of the document, headers, units and indicators in Chinese as it prints them.
    const download = page.waitForEvent('download');
    await page
      .getByRole('row')
      .filter({ hasText: '2022 年第三季度' })
      .getByRole('button', { name: '导出 Excel' })
      .click();
    const workbook = new Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['指标进度', '单位排名', '亮牌情况']);
    const indicators = workbook.getWorksheet('指标进度')!;
    expect(indicators.getRow(1).getCell(3).value).toBe('指标');
    const indicatorNames = indicators.getColumn(3).values.slice(2);
    expect(indicatorNames.length).toBeGreaterThan(0);
    expect(indicatorNames.every((name) => typeof name === 'string' && /[\u4e00-\u9fff]/.test(name))).toBe(
      true,
    );
    const ranking = workbook.getWorksheet('单位排名')!;
    // The first is ranked 1, shared (并列) by the units equal to it on the ranking's figures.
    expect([1, '1（并列）']).toContain(ranking.getRow(2).getCell(1).value);
    expect(ranking.getColumn(2).values).toContain('市场监管局');
    // The stored tables as files: saved under the quarter's Chinese name, a byte order mark first so
    // that Excel reads their Chinese, headed in Chinese (layout 3) with each code beside its name.
    for (const [link, name, header] of [
      ['指标表', '2022年第三季度通报-指标表.csv', '行动编号,行动名称,单位编码,单位名称,'],
      ['单位表', '2022年第三季度通报-单位表.csv', '名次,单位编码,单位名称,'],
    ]) {
      const saved = page.waitForEvent('download');
      await page
        .getByRole('row')
        .filter({ hasText: '2022 年第三季度' })
        .getByRole('link', { name: link })
        .click();
      expect((await saved).suggestedFilename()).toBe(name);
      const bytes = readFileSync(await (await saved).path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8').startsWith(header)).toBe(true);
    }
    await finishPage(page, errors);
  });

  it('supervisor publishes the quarter’s bulletin; a unit head then reads the unit’s own part and the ranking', async () => {
    const headToken = await system.tokenFor('head.amr');
    // Not published: the units do not see it.
    expect((await system.request('GET', '/bulletins', { token: headToken })).body).toEqual([]);
    const supervisor = await signIn('supervisor.fso');
    await supervisor.page.getByRole('menuitem', { name: '季度通报' }).click();
    const row = supervisor.page.getByRole('row').filter({ hasText: '2022 年第三季度' });
    await row.getByRole('button', { name: '发 布' }).click();
    await supervisor.page.getByText('发布2022 年第三季度通报？').waitFor();
    await supervisor.page
      .getByRole('button', { name: /^发\s?布$/ })
      .last()
      .click();
    await row.getByText(/^已发布（\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}，县食安办督办员（示例））$/).waitFor();
    await finishPage(supervisor.page, supervisor.errors);

    const head = await signIn('head.amr');
    await head.page.getByRole('menuitem', { name: '季度通报' }).click();
    await head.page
      .getByRole('row')
      .filter({ hasText: '2022 年第三季度' })
      .getByRole('button', { name: '查看本单位情况' })
      .click();
    const drawer = head.page.getByRole('dialog', { name: '2022 年第三季度通报：本单位情况' });
    // Units tied on the ranking's figures share a rank (并列).
    await drawer.getByText(/^(并列)?第 \d+ 名（共 \d+ 个单位参与排名）$/).waitFor();
    await drawer.getByRole('heading', { name: '本单位指标' }).waitFor();
    // Missed reports as the document says them (漏报); a percentage's target path with its %.
    await drawer.getByText(/^应报 \d+，已报 \d+，漏报 \d+$/).waitFor();
    await drawer
      .getByRole('row')
      .filter({ has: head.page.getByText(/^(未)?滞后$/) })
      .getByRole('cell', { name: /^\d+(\.\d+)?%$/ })
      .first()
      .waitFor();
    // Its own row in the ranking, among every unit's.
    await drawer
      .locator('.ant-table-row-selected')
      .getByRole('cell', { name: '市场监管局', exact: true })
      .waitFor();
    // What the document's text says of the units behind and those that did not report, the unit reads too.
    const [published] = (
      await system.request<Array<{ id: string }>>('GET', '/bulletins', { token: headToken })
    ).body;
    const html = (
      await system.request<string>('GET', `/bulletins/${published.id}/bulletin.html`, {
        token: await system.tokenFor('supervisor.fso'),
      })
    ).body;
    const catchUp = /依据方案第\d+版、政策版本[^。]*。([^<]*)<\/p>/.exec(html)![1];
    expect(catchUp).toMatch(/^本季度/);
    await drawer.getByText(`通报：${catchUp}`, { exact: true }).waitFor();
    await screenshot(head.page, '09b-unit-head-bulletin');
    // The county's files stay the county's: no document or CSV links for a unit.
    await expect(head.page.getByRole('link', { name: '通报全文' }).count()).resolves.toBe(0);
    await finishPage(head.page, head.errors);
  });

  it('leader: reads the 2023 assessment, a unit’s 专项得分 breakdown, and records 食安委’s approval (the API’s field message first)', async () => {
    const { page, errors } = await signIn('leader.gov');
    await page.getByRole('menuitem', { name: '年度考核' }).click();
    await page.getByLabel('考核年度').fill('2023');
    const amr = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '市场监管局', exact: true }) });
    await amr.getByRole('button', { name: '展开行' }).click();
    const breakdown = page.getByRole('table', { name: '市场监管局 得分明细' });
    // The February report the handler answered late counts under 月调度报送.
    await breakdown.getByRole('cell', { name: '月调度报送', exact: true }).waitFor();
    // A unit to which nothing measured applied is not assessed: no score, 不参评.
    const civilAffairs = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '民政局', exact: true }) });
    await civilAffairs.getByRole('cell', { name: '不参评', exact: true }).waitFor();
    await expect(civilAffairs.getByRole('cell', { name: '—', exact: true }).count()).resolves.toBe(1);
    await screenshot(page, '20-leader-assessment');

    await page.getByLabel('食安委决定文号').fill('县食安委〔2024〕1号');
    await page.getByLabel('审定日期').fill('2023-06-01');
    await page.getByRole('button', { name: '记录审定' }).click();
    await page.getByText('2023 年的得分须在该年结束后审定，不能是 2023-06-01').waitFor();
    await page.getByLabel('审定日期').fill('2024-01-15');
    await page.getByRole('button', { name: '记录审定' }).click();
    await page.getByText('已审定').waitFor();
    await page.getByText('县食安委〔2024〕1号（2024-01-15，县领导（示例） 记录）').waitFor();
    await finishPage(page, errors);
  });

  it('auditor: opens the case’s timeline, steps through its ledger and verifies the chain', async () => {
    const { page, errors } = await signIn('auditor.discipline');
    // Notices find auditors too (an identity revealed): their inbox is in the menu.
    await page.getByRole('menuitem', { name: '通知与升级' }).waitFor();
    await page.getByLabel('案件编号').fill(caseId);
    await page.getByLabel('案件编号').press('Enter');
    await page.getByText(/^时间线（\d+ 条）$/).waitFor();
    const slider = page.getByRole('slider', { name: '台账步骤' });
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByText(/^第 1 步/).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByText(/^第 2 步/).waitFor();
    // Step 2 assigned the item: named as its button is; its fields and status in Chinese, the deadline's
    // parts as lines in Beijing time, nothing as —.
    await page.getByRole('cell', { name: '交办', exact: true }).first().waitFor();
    const status = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '状态', exact: true }) });
    await status.getByRole('cell', { name: '已交办', exact: true }).waitFor();
    await status.getByRole('cell', { name: '已登记', exact: true }).waitFor();
    const deadline = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '整改期限', exact: true }) });
    await deadline.getByRole('cell', { name: '—', exact: true }).waitFor();
    await expect(deadline.textContent()).resolves.toMatch(/截止时间: \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    await expect(deadline.textContent()).resolves.not.toContain('{');
    await expect(page.getByText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/).count()).resolves.toBe(0);
    // Recorded ids by name: the unit the item was assigned to.
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '责任单位', exact: true }) })
      .getByRole('cell', { name: '市场监管局', exact: true })
      .waitFor();
    await page.getByText(/^台账第 1 步$/).waitFor();
    await page.getByRole('button', { name: '核验台账哈希链' }).click();
    await page.getByText(/^台账完整：\d+ 条/).waitFor();
    await page.getByRole('button', { name: '重放核验' }).click();
    await page.getByText(/^重放一致：/).waitFor();
    await screenshot(page, '10-auditor-case');

    // The state at a moment picked in Beijing time: before the case, a problem in Chinese; after its last
    // step (minutes from now), the slider on that step. Then the ledger of a period around today, verified.
    const beijingMinute = (fromNowMs: number) =>
      new Date(Date.now() + fromNowMs + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const pick = async (label: string, time: string) => {
      await page.getByLabel(label).fill(time);
      await page.getByLabel(label).press('Enter');
    };
    await slider.focus();
    await page.keyboard.press('Home');
    await pick('时点（北京时间）', '2020-01-01 08:00');
    await page.getByRole('alert').getByText('该时间点案件尚未登记').waitFor();
    await pick('时点（北京时间）', beijingMinute(5 * 60_000));
    await page.getByText(/^第 (\d+) 步（共 \1 步）$/).waitFor();
    await page.getByText(/时，案件处于第 \d+ 步之后$/).waitFor();
    await pick('起（北京时间）', beijingMinute(86_400_000));
    await pick('止（北京时间）', beijingMinute(-86_400_000));
    await page.getByRole('button', { name: '核验该时段的台账' }).click();
    await page.getByRole('alert').getByText('查询的时间段有误').waitFor();
    await pick('起（北京时间）', beijingMinute(-86_400_000));
    await pick('止（北京时间）', beijingMinute(86_400_000));
    await page.getByRole('button', { name: '核验该时段的台账' }).click();
    await page.getByText(/^时段内有步骤的 \d+ 个案件，台账哈希链均完整$/).waitFor();

    // Another case, with a single step: nothing verified of the first shows under it, and its slider
    // starts on its own last step.
    const registered = await system.request<{ id: string }>('POST', '/risk-items', {
      token: await system.tokenFor('handler.amr'),
      body: riskItemBody(),
    });
    expect(registered.status).toBe(201);
    await page.getByLabel('案件编号').fill(registered.body.id);
    await page.getByLabel('案件编号').press('Enter');
    await page.getByText('时间线（', { exact: false }).waitFor();
    await page.getByText('第 1 步（共 1 步）').waitFor();
    await page.getByText('第一步：立案').waitFor();
    await expect(page.getByText(/^台账完整|^重放一致/).count()).resolves.toBe(0);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);

    // A card raised and answered: its status, level and the unit's response in Chinese (no field's
    // code), and its replay, opening included, verified.
    const raised = await system.request<{ id: string }>('POST', '/cards', {
      token: await system.tokenFor('supervisor.fso'),
      body: { unitId: 'amr', reason: '审计抽查：快检室建设滞后' },
    });
    expect(raised.status).toBe(201);
    const responded = await system.request('POST', `/cards/${raised.body.id}/respond`, {
      token: await system.tokenFor('handler.amr'),
      body: { text: '书面整改方案：月底前建成快检室' },
    });
    expect(responded.status).toBe(200);
    await page.getByLabel('案件编号').fill(raised.body.id);
    await page.getByLabel('案件编号').press('Enter');
    await page.getByText('第 2 步（共 2 步）').waitFor();
    await page.getByText('督办中', { exact: true }).waitFor();
    const response = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '单位回应 第 1 项', exact: true }) });
    await expect(response.textContent()).resolves.toMatch(/回应人: 市场监管局经办人（示例）/);
    await expect(response.textContent()).resolves.toMatch(/当前等级: \S+牌/);
    await expect(page.getByText(/respondedBy|policyVersion|reminderAt/).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '重放核验' }).click();
    await page.getByText('重放一致：2 / 2 步').waitFor();

    // The public's report: its reporter's steps are 举报人's, never an unknown person's.
    await page.getByLabel('案件编号').fill(namedReportId);
    await page.getByLabel('案件编号').press('Enter');
    await page.getByText(/^时间线（\d+ 条）$/).waitFor();
    await page
      .getByText(/· 举报人$/)
      .first()
      .waitFor();
    await expect(page.getByText(/unknown/).count()).resolves.toBe(0);
    await finishPage(page, errors);
  });

  it(
    'admin: sees the people, the units and the plan versions; 停用 and 启用 a person, adds, renames, 停用 and imports units, and tests and 停用 a webhook, each with a reason',
    async () => {
      const { page, errors } = await signIn('admin.fso');
      await page.getByRole('heading', { name: '人员管理' }).waitFor();
      await page.getByRole('cell', { name: 'handler.amr', exact: true }).waitFor();
      await screenshot(page, '11-admin-people');
      // 停用 and 启用 ask the administrator why; the reason goes on the identity chain as given.
      const person = page.getByRole('row').filter({ hasText: 'handler.agri' });
      await person.getByRole('button', { name: /^停\s?用$/ }).click();
      const deactivation = page.getByRole('dialog', { name: /^停用 .*（handler\.agri）$/ });
      await deactivation.getByLabel('理由').fill('调离农业农村局');
      await deactivation.getByRole('button', { name: /停\s?用/ }).click();
      await person.getByText('已停用').waitFor();
      await person.getByRole('button', { name: /^启\s?用$/ }).click();
      const reactivation = page.getByRole('dialog', { name: /^启用 .*（handler\.agri）$/ });
      await reactivation.getByLabel('理由').fill('借调结束返岗');
      await reactivation.getByRole('button', { name: /启\s?用/ }).click();
      await person.getByText('在用').waitFor();
      const personChain = await system.api.get(DataSource).query(
        `SELECT action, reason FROM ledger_entry
         WHERE case_type = 'identity' AND state_after->>'subject' = 'person/handler.agri'
           AND action <> 'person.created' ORDER BY occurred_at`,
      );
      expect(personChain).toEqual([
        { action: 'person.deactivated', reason: '调离农业农村局' },
        { action: 'person.reactivated', reason: '借调结束返岗' },
      ]);
      // A new official: added (the role picked by typing), moved to another unit with a reason, and a
      // forgotten password reset; the temporary one signs in, straight to 修改密码.
      await page.getByRole('button', { name: '添加人员' }).click();
      const editor = page.getByRole('dialog', { name: '添加人员' });
      await editor.getByLabel('用户名').fill('wang.ming');
      await editor.getByLabel('姓名').fill('王明');
      await editor.getByLabel('角色').fill('单位负责');
      await page.keyboard.press('Enter');
      await editor.getByLabel('单位').fill('市场监管');
      await page.locator('.ant-select-item-option', { hasText: '市场监管局' }).first().waitFor();
      await page.keyboard.press('Enter');
      await editor.getByRole('button', { name: /^添\s?加$/ }).click();
      // The first password, shown once, copied with its button: over plain HTTP on this machine (a
      // secure context, so the Clipboard API), read back as the administrator would paste it.
      const initial = page
        .getByRole('alert')
        .filter({ hasText: /^已添加 wang\.ming。初始密码（仅显示这一次，登录后须修改）：/ });
      await page
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.baseUrl });
      await expect(page.evaluate('window.isSecureContext')).resolves.toBe(true);
      await initial.getByRole('button', { name: '复制' }).click();
      await initial.getByRole('button', { name: '已复制' }).waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(
        await initial.locator('code').textContent(),
      );
      const wang = page.getByRole('row').filter({ hasText: 'wang.ming' });
      await wang.getByRole('cell', { name: '单位负责人', exact: true }).waitFor();
      await wang.getByText('待改密码').waitFor();
      await wang.getByRole('button', { name: /^修\s?改$/ }).click();
      const change = page.getByRole('dialog', { name: '修改 王明（wang.ming）' });
      await change.getByLabel('单位').fill('农业农村');
      // Enter before the filtered option is listed chooses nothing (seen under the suite's load).
      await page.locator('.ant-select-item-option', { hasText: '农业农村局' }).first().waitFor();
      await page.keyboard.press('Enter');
      // Unanchored: the dialog's button kept its loading icon's leave motion from adding the person.
      await change.getByRole('button', { name: /保\s?存/ }).click();
      await change.getByText('请填写理由').waitFor();
      await change.getByLabel('理由').fill('调任农业农村局');
      await change.getByRole('button', { name: /保\s?存/ }).click();
      await wang.getByRole('cell', { name: '农业农村局', exact: true }).waitFor();
      await wang.getByRole('button', { name: '重置密码' }).click();
      const reset = page.getByRole('dialog', { name: '重置密码 王明（wang.ming）' });
      await reset.getByLabel('理由').fill('本人忘记密码，电话核实');
      await reset.getByRole('button', { name: /^重\s?置$/ }).click();
      const temporary = await page
        .getByRole('alert')
        .filter({ hasText: /^已重置 wang\.ming 的密码。临时密码（仅显示这一次，登录后须修改）：/ })
        .locator('code')
        .textContent();
      const newcomer = await (await officeContext(browser, system.baseUrl)).newPage();
      await newcomer.goto('/console/');
      await newcomer.getByLabel('用户名').fill('wang.ming');
      await newcomer.getByLabel('密码').fill(temporary!);
      await newcomer.getByLabel('密码').press('Enter');
      await newcomer.waitForURL('**/console/password');
      await newcomer.close();
      // The administrator's three steps, each with its why; the newcomer's sign-in comes after them.
      expect(
        await system.api.get(DataSource).query(
          `SELECT action, reason FROM ledger_entry
           WHERE case_type = 'identity' AND state_after->>'subject' = 'person/wang.ming'
           ORDER BY occurred_at LIMIT 3`,
        ),
      ).toEqual([
        { action: 'person.created', reason: null },
        { action: 'person.changed', reason: '调任农业农村局' },
        { action: 'password.reset', reason: '本人忘记密码，电话核实' },
      ]);
      await page.getByRole('menuitem', { name: '单位' }).click();
      await page.getByRole('cell', { name: 'procuratorate', exact: true }).waitFor();
      // A new township: a taken code refused under its field, in Chinese; then added, renamed, deactivated.
      // Its English name is left empty: it is optional.
      await page.getByRole('button', { name: '新增单位' }).click();
      const unitEditor = page.getByRole('dialog', { name: '新增单位' });
      await unitEditor.getByLabel('代码').fill('amr');
      await unitEditor.getByLabel('中文名称').fill('小董乡');
      await pick(page, '类别', '乡镇（街道）');
      await choose(page, '上级单位', '（gov）');
      await unitEditor.getByLabel('理由').fill('县政府批复新增乡镇');
      const addUnit = unitEditor.getByRole('button', { name: /新\s?增/ });
      expect(await stepAnsweredTo(page, addUnit, '/units')).toMatchObject({
        status: 409,
        body: { code: 'identity.unit-id-taken' },
      });
      await unitEditor.getByText('已被占用').waitFor();
      // A code the rule refuses: the rule said once, in its message; the help under it keeps the rest.
      await unitEditor.getByLabel('代码').fill('-abc');
      expect(await stepAnsweredTo(page, addUnit, '/units')).toMatchObject({ status: 400 });
      await unitEditor.getByText(/^只能用小写字母/).waitFor();
      await expect(unitEditor.getByText('须以字母或数字开头和结尾').count()).resolves.toBe(1);
      await unitEditor.getByText('新增后不能更改', { exact: true }).waitFor();
      await unitEditor.getByLabel('代码').fill('township-xiaodong');
      expect(await stepAnsweredTo(page, addUnit, '/units')).toMatchObject({
        status: 201,
        body: { nameEn: null },
      });
      const township = page.getByRole('row').filter({ hasText: 'township-xiaodong' });
      await township.getByRole('cell', { name: '县人民政府', exact: true }).waitFor();
      await township.getByRole('cell', { name: '—', exact: true }).waitFor();
      await township.getByRole('button', { name: /^修\s?改$/ }).click();
      const rename = page.getByRole('dialog', { name: '修改 小董乡（township-xiaodong）' });
      await rename.getByLabel('中文名称').fill('小董镇');
      await rename.getByLabel('理由').fill('乡改镇');
      const renamed = await stepAnsweredTo(
        page,
        rename.getByRole('button', { name: /保\s?存/ }),
        '/units/township-xiaodong',
      );
      expect(renamed.status).toBe(200);
      await township.getByRole('cell', { name: '小董镇', exact: true }).waitFor();
      await township.getByRole('button', { name: /^停\s?用$/ }).click();
      const retire = page.getByRole('dialog', { name: '停用 小董镇（township-xiaodong）' });
      await retire.getByText(/不再接收新人员.*不会被删除/).waitFor();
      await retire.getByText(/此后的月调度不再向其下发报送任务/).waitFor();
      await retire.getByLabel('理由').fill('撤并入城关镇');
      // A click beside the dialog (on its mask) keeps it open with the reason typed.
      await page.mouse.click(5, 5);
      // A closing dialog (and its mask) plays its leave animation; once none plays, it is open or gone.
      await page
        .locator('.ant-modal[class*="-leave"], .ant-modal-mask[class*="-leave"]')
        .first()
        .waitFor({ state: 'detached' });
      expect(await retire.getByLabel('理由').inputValue()).toBe('撤并入城关镇');
      const retired = await stepAnsweredTo(
        page,
        retire.getByRole('button', { name: /停\s?用/ }),
        '/deactivate',
      );
      expect(retired.status).toBe(200);
      await township.getByText('已停用').waitFor();
      // When, in Beijing time (2026/12/03 10:15): its 停用时间 beside the tag.
      const beijingWall = new Date(
        Date.parse((retired.body as { retiredAt: string }).retiredAt) + 8 * 3_600_000,
      ).toISOString();
      const retiredShown = township.getByTitle('停用时间');
      expect(await retiredShown.textContent()).toBe(
        `${beijingWall.slice(0, 10).replaceAll('-', '/')} ${beijingWall.slice(11, 16)}`,
      );
      // An import: the 预检 of a file with a bad line names it by line and column; the corrected file applies.
      await page.getByRole('button', { name: /^导\s?入$/ }).click();
      const importer = page.getByRole('dialog', { name: '导入单位' });
      // The template an office fills in Excel: UTF-8 with a BOM, the Chinese header, examples.
      const template = page.waitForEvent('download');
      await importer.getByRole('button', { name: '下载模板' }).click();
      expect((await template).suggestedFilename()).toBe('单位导入模板.csv');
      const templateText = (await readFile(await (await template).path())).toString('utf8');
      expect(templateText.startsWith('\uFEFF单位编码,单位名称,英文名称,类别,上级单位编码,是否在用\r\n')).toBe(
        true,
      );
      expect(templateText).toContain(',乡镇（街道）,gov,是');
      // A name as one long word (a pasted run of letters), as administrators sometimes enter.
      const LONG_WORD = `Xicheng${'x'.repeat(153)}`;
      // The list as the office saved it from the template: Chinese column names, the BOM, CRLF lines.
      const streets = (kind: string) => ({
        name: '城区街道.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          '\uFEFF单位编码,单位名称,英文名称,类别,上级单位编码,是否在用\r\n' +
            'street-east,东城街道,,乡镇（街道）,gov,是\r\n' +
            // The parent as an office's list names it: by its Chinese name.
            `street-west,西城街道,${LONG_WORD},${kind},县人民政府,是\r\n` +
            // The retired 小董镇 as the county's list has it now: with an English name.
            'township-xiaodong,小董镇,Xiaodong Town,乡镇（街道）,gov,否\r\n',
        ),
      });
      const dryRun = importer.getByRole('button', { name: /预\s?检/ });
      await importer.locator('input[type=file]').setInputFiles(streets('village'));
      await importer.getByText('城区街道.csv').waitFor();
      expect(await stepAnsweredTo(page, dryRun, '/units/import')).toMatchObject({
        status: 200,
        body: { applied: false, problems: [{ line: 3, field: '类别' }], problemsNotListed: 0 },
      });
      await importer.getByText('文件有 1 处问题，未导入任何单位').waitFor();
      const badLine = importer.getByRole('row').filter({ hasText: '类别' });
      await badLine.getByRole('cell', { name: '3', exact: true }).waitFor();
      await badLine.getByText(/^须为以下之一：县政府、县食安办/).waitFor();
      // The kind as an office's own list says it: 街道, not the code.
      await importer.locator('input[type=file]').setInputFiles(streets('街道'));
      expect((await stepAnsweredTo(page, dryRun, '/units/import')).body).toMatchObject({
        applied: false,
        created: ['street-east', 'street-west'],
        changed: [{ id: 'township-xiaodong', fields: ['nameEn'] }],
        problems: [],
        parentsByName: [{ name: '县人民政府', id: 'gov', lines: [3] }],
        unitNames: {
          'street-east': '东城街道',
          'street-west': '西城街道',
          'township-xiaodong': '小董镇',
          gov: '县人民政府',
        },
      });
      await importer.getByText('预检通过，可以导入：新增 2，修改 1，不变 0').waitFor();
      // Each unit by the name an official knows it by, its code beside it.
      await importer
        .getByText('新增：东城街道（street-east）、西城街道（street-west）', { exact: true })
        .waitFor();
      await importer.getByText('修改：小董镇（township-xiaodong）：英文名称', { exact: true }).waitFor();
      await importer
        .getByText('上级单位按名称认定：县人民政府 → 县人民政府（gov），1 行', { exact: true })
        .waitFor();
      await importer.getByLabel('理由').fill('导入城区街道名单');
      // Unanchored: until the 预检's loading motion ends, a button's name may start with "loading".
      const imported = await stepAnsweredTo(
        page,
        importer.getByRole('button', { name: /导\s?入/ }),
        '/units/import',
      );
      expect(imported).toMatchObject({ status: 200, body: { applied: true } });
      await importer.getByText('已导入：新增 2，修改 1，不变 0').waitFor();
      await screenshot(page, '12-admin-units-import');
      // The footer's 关 闭 (antd spaces two characters), not the corner's 关闭.
      await importer.getByRole('button', { name: /^关\s闭$/ }).click();
      await page.getByRole('cell', { name: '西城街道', exact: true }).waitFor();
      // Its 160-letter English name breaks inside its cell: the row's buttons stay on the 1366-wide screen.
      const westActions = await page
        .getByRole('row')
        .filter({ hasText: 'street-west' })
        .getByRole('button', { name: /停\s?用/ })
        .boundingBox();
      expect(westActions!.x + westActions!.width).toBeLessThanOrEqual(1366);
      await screenshot(page, '12-admin-units');
      await page.getByLabel('筛选单位').fill('街道');
      await page.getByRole('cell', { name: 'procuratorate', exact: true }).waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: '东城街道', exact: true }).waitFor();
      const units = await system.request('GET', '/units', { token: await system.tokenFor('admin.fso') });
      expect(units.body.filter((u: { id: string }) => /^(township-xiaodong|street-)/.test(u.id))).toEqual([
        expect.objectContaining({ id: 'street-east', nameEn: null, parentId: 'gov', active: true }),
        expect.objectContaining({ id: 'street-west', parentId: 'gov', active: true }),
        expect.objectContaining({
          id: 'township-xiaodong',
          nameZh: '小董镇',
          nameEn: 'Xiaodong Town',
          parentId: 'gov',
          active: false,
        }),
      ]);
      // Retiring the county government says first what it leaves behind: the units in use below it
      // (the streets just imported among them), which stay in use, and what the county government carries;
      // nothing is retired until the administrator confirms.
      await page.getByLabel('筛选单位').fill('gov');
      const government = page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 'gov', exact: true }) });
      await government.getByRole('button', { name: /^停\s?用$/ }).click();
      const retireGovernment = page.getByRole('dialog', { name: '停用 县人民政府（gov）' });
      await retireGovernment
        .getByText(/^其下有 \d+ 个在用单位（.+）：停用本单位不会停用它们，它们仍在用/)
        .waitFor();
      await retireGovernment.getByText(/^县政府统筹领导专项行动。/).waitFor();
      await retireGovernment.getByRole('button', { name: /取\s?消/ }).click();
      await retireGovernment.waitFor({ state: 'hidden' });
      expect(
        await system.api.get(DataSource).query(
          `SELECT state_after->>'subject' AS subject, action, reason FROM ledger_entry
           WHERE case_type = 'identity' AND action LIKE 'unit.%' ORDER BY occurred_at, sequence`,
        ),
      ).toEqual([
        { subject: 'unit/township-xiaodong', action: 'unit.created', reason: '县政府批复新增乡镇' },
        { subject: 'unit/township-xiaodong', action: 'unit.changed', reason: '乡改镇' },
        { subject: 'unit/township-xiaodong', action: 'unit.deactivated', reason: '撤并入城关镇' },
        { subject: 'unit/street-east', action: 'unit.created', reason: '导入城区街道名单' },
        { subject: 'unit/street-west', action: 'unit.created', reason: '导入城区街道名单' },
        { subject: 'unit/township-xiaodong', action: 'unit.changed', reason: '导入城区街道名单' },
      ]);
      await page.getByRole('menuitem', { name: '工作方案版本' }).click();
      await page.getByRole('cell', { name: '武政办〔2022〕5号' }).first().waitFor();
      await screenshot(page, '13-admin-plan-versions');

      // The county platform's receiver, on this machine: it takes whatever comes (unref'd: never holds jest).
      const events: string[] = [];
      const receiver = createServer((request, response) => {
        events.push(String(request.headers['x-duban-event']));
        response.writeHead(204).end();
      }).unref();
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/duban`;
      await page.getByRole('menuitem', { name: 'Webhook 管理' }).click();
      // The township deactivated above takes no new subscription: the unit select does not offer it.
      await page.getByLabel('单位（不选为全部单位）').fill('小董');
      await page.locator('.ant-select-dropdown .ant-empty-description', { hasText: '暂无数据' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByLabel('名称').fill('县政务平台对接');
      await page.getByLabel('接收地址（URL）').fill('ftp://hooks.county.example/duban');
      await page.getByRole('button', { name: '添 加' }).click();
      await page.getByText('请填写 http 或 https 网址（不含用户名和密码）').waitFor();
      await page.getByLabel('接收地址（URL）').fill(receiverUrl);
      await page.getByRole('button', { name: '添 加' }).click();
      await page.getByText(/签名密钥仅显示这一次/).waitFor();
      const webhook = page.getByRole('row').filter({ hasText: '县政务平台对接' });
      await webhook.getByText('有效').waitFor();
      // 发送测试: what the receiver answered, then why a receiver that is gone was not reached.
      await webhook.getByRole('button', { name: '发送测试' }).click();
      await page.getByText(/^测试消息（县政务平台对接）已送达：已接收（HTTP 204），用时 \d+ 毫秒$/).waitFor();
      expect(events).toEqual(['test']);
      await screenshot(page, '23-admin-webhooks');
      // Gone at once: the API's fetch keeps its connection alive, which a plain close would wait out.
      receiver.close();
      receiver.closeAllConnections();
      await webhook.getByRole('button', { name: '发送测试' }).click();
      await page
        .getByText(
          /^测试消息（县政务平台对接）未送达：无法连接接收地址：对方拒绝连接，该地址和端口上没有服务在运行（ECONNREFUSED），用时 \d+ 毫秒$/,
        )
        .waitFor();
      // A test is not a notification: the delivery log stays empty.
      await webhook.getByRole('button', { name: '投递记录' }).click();
      await page.getByRole('dialog').getByText('尚无投递').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await webhook.getByRole('button', { name: /^停\s?用$/ }).click();
      const stop = page.getByRole('dialog', { name: '停用 县政务平台对接' });
      await stop.getByLabel('理由').fill('   ');
      await stop.getByRole('button', { name: /^停\s?用$/ }).click();
      await stop.getByText('请填写理由').waitFor();
      await stop.getByLabel('理由').fill('对接接口更换');
      // Unanchored: until its loading icon's leave motion ends, the button's name starts with "loading".
      await stop.getByRole('button', { name: /停\s?用/ }).click();
      await stop.waitFor({ state: 'hidden' });
      await webhook.getByText('已停用').waitFor();
      const chain = await system.api
        .get(DataSource)
        .query(
          `SELECT action, reason FROM ledger_entry WHERE case_type = 'identity' AND action LIKE 'webhook.%' ORDER BY occurred_at`,
        );
      expect(chain).toEqual([
        { action: 'webhook.created', reason: null },
        { action: 'webhook.deactivated', reason: '对接接口更换' },
      ]);
      await finishPage(page, errors);
    },
    LONG_JOURNEY_MS,
  );

  it('admin on the county network over plain HTTP (not a secure context): the copy button still copies a temporary password', async () => {
    const { page, errors } = await signInThroughPage(
      browser,
      {
        baseUrl: officeNetworkUrl(system.baseUrl),
        givePassword: (userId, options) => system.givePassword(userId, options),
      },
      'admin.fso',
    );
    // No Clipboard API here: antd copies with the browser's copy command.
    await expect(page.evaluate('window.isSecureContext')).resolves.toBe(false);
    await expect(page.evaluate('typeof navigator.clipboard')).resolves.toBe('undefined');
    const wang = page.getByRole('row').filter({ hasText: 'wang.ming' });
    await wang.getByRole('button', { name: '重置密码' }).click();
    const reset = page.getByRole('dialog', { name: '重置密码 王明（wang.ming）' });
    await reset.getByLabel('理由').fill('临时密码未及时转交，重新生成');
    await reset.getByRole('button', { name: /^重\s?置$/ }).click();
    const shown = page
      .getByRole('alert')
      .filter({ hasText: /^已重置 wang\.ming 的密码。临时密码（仅显示这一次，登录后须修改）：/ });
    await shown.getByRole('button', { name: '复制' }).click();
    await shown.getByRole('button', { name: '已复制' }).waitFor();
    await screenshot(page, '11b-admin-password-copied');
    // Read back where the Clipboard API is: a page of this machine's own address, in the same browser.
    await page.context().grantPermissions(['clipboard-read'], { origin: system.baseUrl });
    const reader = await page.context().newPage();
    await reader.goto(`${system.baseUrl}/console/`);
    expect(await reader.evaluate('navigator.clipboard.readText()')).toBe(
      await shown.locator('code').textContent(),
    );
    await reader.close();
    await finishPage(page, errors.filter(notCoopIgnored));
  });

  describe('the public report page (举报投诉), without an account', () => {
    /** What the visitor received once; the follow-up and the lock-out use it. */
    let receipt: { receiptCode: string; secret: string };

    /** A fresh visitor's page, and the API calls it makes (paths of fetches). */
    async function visitor(): Promise<{ page: Page; errors: string[]; calls: string[] }> {
      const context = await officeContext(browser, system.baseUrl);
      const page = await context.newPage();
      const errors = await collectPageErrors(page);
      const calls: string[] = [];
      page.on('request', (request) => {
        if (['fetch', 'xhr'].includes(request.resourceType())) calls.push(new URL(request.url()).pathname);
      });
      return { page, errors, calls };
    }

    it('files an anonymous report with evidence, shows the receipt and secret once, then follows up: answers a question, claims the reward', async () => {
      // Its own chunk, measured like the sign-in page: a visitor's phone does not download the console.
      expect(sizeReport).toMatch(/public report page initial JS [\d.]+ KB gzip \(within the 300 KB budget\)/);
      const { page, errors, calls } = await visitor();
      await page.goto('/console/public/report');
      await page.getByRole('radio', { name: '举报' }).check();
      await page.getByLabel('经营者名称').fill('城关镇路口烧烤摊');
      await page.getByLabel('经营地址').fill('木城街道建设路88号东侧');
      await page.getByLabel('发生了什么').fill('后厨使用过期食材，地面有积水和鼠迹');
      await page.getByLabel('发生日期').fill('2026-11-20');
      await page.getByLabel('发生地点').fill('店铺后厨');
      const photo = Buffer.from('后厨照片');
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '后厨照片.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText(`sha256: ${createHash('sha256').update(photo).digest('hex')}`).waitFor();
      await screenshot(page, '14-public-report-form');
      await page.getByRole('button', { name: /提\s?交/ }).press('Enter');

      await page.getByText('请立即保存受理编号和查询密码').waitFor();
      receipt = {
        receiptCode: (await page.getByTestId('receipt-code').textContent())!,
        secret: (await page.getByTestId('receipt-secret').textContent())!,
      };
      expect(receipt.receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
      expect(receipt.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await page
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.baseUrl });
      await page.getByRole('button', { name: '复制受理编号和查询密码' }).click();
      await page.getByText('已复制受理编号和查询密码').waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(
        `受理编号：${receipt.receiptCode}\n查询密码：${receipt.secret}`,
      );
      await screenshot(page, '15-public-report-receipt');

      // A case worker asks a question; the visitor answers it on the follow-up page.
      const [{ complaint_id: complaintId }] = await system.api
        .get(DataSource)
        .query<Array<{ complaint_id: string }>>(
          `SELECT complaint_id FROM complaint_receipt WHERE receipt_code = $1`,
          [receipt.receiptCode],
        );
      publicReportId = complaintId;
      const asked = await system.request('POST', `/complaints/${complaintId}/questions`, {
        token: await system.tokenFor('handler.amr'),
        body: { question: '请问一般是几点看到的？' },
      });
      expect(asked.status).toBeLessThan(300);

      await page.getByRole('link', { name: '去查询办理进度' }).click();
      await page.getByLabel('受理编号').fill(receipt.receiptCode);
      await page.getByLabel('查询密码').fill(receipt.secret);
      await page.getByLabel('查询密码').press('Enter');
      await page.getByText('已收到，等待受理或核查').waitFor();
      await page.getByText(/请问一般是几点看到的？/).waitFor();
      await page.getByLabel('回答问题 1').fill('每晚十点以后');
      await page.getByRole('button', { name: '提交回答' }).click();
      await page.getByText(/您的回答.*每晚十点以后/).waitFor();
      await screenshot(page, '16-public-follow-up');

      // Verified, it becomes a risk item and earns an approved reward (through the API: not the visitor's
      // steps); the visitor sees it on asking again and claims it.
      const handler = await system.tokenFor('handler.amr');
      const decided = await system.request('POST', `/complaints/${complaintId}/decision`, {
        token: handler,
        body: {
          outcome: 'risk-item',
          substantiated: true,
          reason: '属实',
          riskItem: { business: riskItemBody().business, grade: 'general', description: '使用过期食材' },
        },
      });
      expect(decided).toMatchObject({ status: 200 });
      const proposed = await system.request('POST', `/complaints/${complaintId}/reward`, {
        token: handler,
        body: {
          grade: 'second',
          basisFen: 20_000_000,
          reporters: 1,
          approvedAboveCap: false,
          officialOnDuty: false,
        },
      });
      expect(proposed).toMatchObject({ status: 200 });
      const approved = await system.request('POST', `/complaints/${complaintId}/reward/approve`, {
        token: await system.tokenFor('head.amr'),
      });
      expect(approved.status).toBe(200);
      await page.getByRole('button', { name: /查\s?询/ }).click();
      await page.getByText('已立为风险隐患，督促整改', { exact: false }).waitFor();
      await page.getByText('奖励已批准，可以申领 ¥6,000.00').waitFor();
      await page.getByRole('button', { name: '申领奖励' }).click();
      await page.getByText('已申领，等待发放 ¥6,000.00').waitFor();
      await expect(page.getByRole('button', { name: '申领奖励' }).count()).resolves.toBe(0);
      await screenshot(page, '17-public-follow-up-reward-claimed');

      // Only the public routes: no session read, nothing authenticated, no secret in a URL.
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((path) => !path.startsWith('/public/complaints'))).toEqual([]);
      await finishPage(page, errors);
    });

    it('on the county network over plain HTTP (no Web Crypto, no Clipboard API): fingerprints the evidence in script and still copies the receipt', async () => {
      const page = await (await officeContext(browser, officeNetworkUrl(system.baseUrl))).newPage();
      const errors = await collectPageErrors(page);
      await page.goto('/console/public/report');
      await expect(page.evaluate('typeof crypto.subtle')).resolves.toBe('undefined');
      await page.getByLabel('经营者名称').fill('城关镇夜市小吃摊');
      await page.getByLabel('发生了什么').fill('餐具未消毒，直接从泔水桶旁取用');
      // An empty file is refused on choosing it, by its name, not when the report is sent.
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '空白.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) });
      await page.getByText('“空白.jpg”是空文件（0 字节），未选用，请选择正确的文件').waitFor();
      await expect(page.getByRole('list', { name: '已选证据' }).getByRole('listitem').count()).resolves.toBe(
        0,
      );
      const photo = Buffer.from('夜市照片');
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '夜市照片.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText(`sha256: ${createHash('sha256').update(photo).digest('hex')}`).waitFor();
      await page.getByRole('button', { name: /提\s?交/ }).press('Enter');
      await page.getByText('请立即保存受理编号和查询密码').waitFor();
      const code = await page.getByTestId('receipt-code').textContent();
      const secret = await page.getByTestId('receipt-secret').textContent();
      await page.getByRole('button', { name: '复制受理编号和查询密码' }).click();
      await page.getByText('已复制受理编号和查询密码').waitFor();
      // Read back where the Clipboard API is: a page of this machine's own address, in the same browser.
      await page.context().grantPermissions(['clipboard-read'], { origin: system.baseUrl });
      const reader = await page.context().newPage();
      await reader.goto(`${system.baseUrl}/console/public/report`);
      expect(await reader.evaluate('navigator.clipboard.readText()')).toBe(
        `受理编号：${code}\n查询密码：${secret}`,
      );
      await reader.close();
      await finishPage(page, errors.filter(notCoopIgnored));
    });

    it('is linked from the sign-in page, shows the API’s field message by its field, and a lock-out in Chinese with when to retry', async () => {
      const { page, errors } = await visitor();
      await page.goto('/console/sign-in');
      await page.getByRole('link', { name: '举报投诉' }).click();
      await page.waitForURL('**/console/public/report');
      await page.getByLabel('经营者名称').fill('某某食品有限公司');
      await page.getByLabel('统一社会信用代码（可不填）').fill('91350100M000100Y4X');
      await page.getByLabel('发生了什么').fill('生产车间卫生条件差');
      await page.getByRole('radio', { name: /^实名/ }).check();
      await page.getByLabel('姓名').fill('张三');
      await page.getByLabel('手机号码').fill('13800138000');
      await page.getByRole('checkbox', { name: /内部吹哨人/ }).check();
      await page.getByLabel('所在单位').fill('某某食品有限公司');
      await page.getByRole('button', { name: /提\s?交/ }).click();
      // The API's problem+json names business.creditCode: its message appears inside that field's item.
      await page
        .locator('.ant-form-item', { has: page.getByLabel('统一社会信用代码（可不填）') })
        .getByText('统一社会信用代码的校验位不正确，请核对是否抄错')
        .waitFor();
      await screenshot(page, '18-public-report-field-problem');

      // Wrong secrets for a receipt lock it for a while: the page says so, and until when.
      await page.getByRole('link', { name: '查询办理进度' }).click();
      await page.getByLabel('受理编号').fill(receipt.receiptCode);
      await page.getByLabel('查询密码').fill('B'.repeat(43));
      const lookUp = async () => {
        const answered = page.waitForResponse((response) =>
          response.url().endsWith('/public/complaints/status'),
        );
        await page.getByRole('button', { name: /查\s?询/ }).click();
        return (await answered).status();
      };
      for (let attempt = 0; attempt < 5; attempt++) await expect(lookUp()).resolves.toBe(404);
      await page.getByRole('alert').getByText('受理编号或查询密码不正确').waitFor();
      await expect(lookUp()).resolves.toBe(429);
      await page
        .getByRole('alert')
        .getByText(/操作过于频繁，请在 \d+ 分钟后（北京时间 \d\d:\d\d 以后）再试/)
        .waitFor();
      await screenshot(page, '19-public-follow-up-locked');
      await finishPage(page, errors);
    });
  });
  it('unit head: finds the public’s report in my work and the complaints list (figures beside), records the reward’s payout (the API’s field message first), then sees the named reporter once', async () => {
    const { page, errors } = await signIn('head.amr');
    // Decided and its reward claimed: the payout is the unit's to record, so it waits in my work, found
    // by its number among the unit's missed reports of two backfilled months.
    await page.getByLabel('查找待办').fill(publicReportId);
    await page.getByRole('link', { name: publicReportId }).waitFor();
    await page.getByRole('menuitem', { name: '投诉举报' }).click();
    await page.getByRole('heading', { name: '投诉举报' }).waitFor();
    // The year's figures, per handling unit: the public's reports are counted under 市场监管局.
    await page.getByRole('cell', { name: '市场监管局', exact: true }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '城关镇路口烧烤摊' })
      .getByText(/^举报人-/)
      .waitFor();
    await screenshot(page, '40-unit-head-complaints');
    await page.getByRole('link', { name: publicReportId }).click();
    await page.getByRole('heading', { name: `举报 ${publicReportId}` }).waitFor();
    await page.getByRole('cell', { name: '核查举报线索（自收到之日起）' }).waitFor();
    await expect(page.getByRole('button', { name: /^受\s?理$/ }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '记录奖励发放' }).click();
    await page.getByRole('dialog').getByLabel('支付凭证号').fill('   ');
    await page.getByRole('button', { name: '确 定' }).click();
    await page.getByRole('dialog').getByText('不能为空').waitFor();
    await page.getByRole('dialog').getByLabel('支付凭证号').fill('CZ-2026-12-0042');
    const paid = await stepAnsweredTo(page, page.getByRole('button', { name: '确 定' }), '/reward/payout');
    expect(paid).toMatchObject({ status: 200 });
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByText('已关闭', { exact: true }).waitFor();
    await page.getByText('当前没有可由您办理的步骤').waitFor();
    await page.getByText(/^\d+\. 记录奖励发放$/).waitFor();
    // The public's own steps are the reporter's: named as such, with no unit.
    await page
      .locator('.ant-timeline')
      .getByText(/ · 举报人$/)
      .first()
      .waitFor();
    await expect(
      page
        .locator('.ant-timeline')
        .getByText(/reporter/)
        .count(),
    ).resolves.toBe(0);
    await screenshot(page, '41-unit-head-complaint-case');

    // The supervisor approved the head's request: the head sees the identity, once.
    await page.goto(`/console/complaints/${namedReportId}`);
    await page.getByRole('button', { name: '揭示身份', exact: true }).click();
    // Asked first, saying it is shown once and audited; nothing is revealed before the answer.
    const confirmation = page.getByRole('tooltip');
    await confirmation.getByText(/仅显示一次/).waitFor();
    await confirmation.getByText(/记入审计台账/).waitFor();
    await expect(page.getByText(REPORTER_NAME).count()).resolves.toBe(0);
    await confirmation.getByRole('button', { name: '揭示身份' }).click();
    await page.getByRole('region', { name: '已揭示的举报人身份' }).getByText(REPORTER_NAME).waitFor();
    await screenshot(page, '42-unit-head-complaint-reveal');
    // The test's types are Node's: the page's window is reached through its document.
    const storage = await page.locator('body').evaluate((body) => {
      const window = body.ownerDocument.defaultView!;
      return JSON.stringify({ ...window.localStorage, ...window.sessionStorage });
    });
    expect(storage).not.toContain(REPORTER_NAME);
    expect(page.url()).not.toContain(encodeURIComponent(REPORTER_NAME));
    // Left and come back: the identity is gone, and the used reveal is not offered again.
    await page.getByRole('menuitem', { name: '投诉举报' }).click();
    await page.getByRole('heading', { name: '投诉举报' }).waitFor();
    await page.goBack();
    await page.getByRole('cell', { name: /^已查看（/ }).waitFor();
    await expect(page.getByText(REPORTER_NAME).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '揭示身份', exact: true }).count()).resolves.toBe(0);
    await finishPage(page, errors);
  });

  it(
    'handler: decides a street stall’s complaint as a risk item (its kind and stall card, 属实 chosen), and records retaliation against the insider, shown with its card; unit head: a report’s reward asked in full and explained in Chinese, no reveal of the anonymous',
    async () => {
      const handlerToken = await system.tokenFor('handler.amr');
      const filed = await system.request('POST', '/public/complaints', {
        body: {
          category: 'complaint',
          business: { name: '木城街道夜市炸串摊', address: '木城街道夜市东口' },
          what: '炸串用油发黑，反复使用',
          anonymous: false,
          reporter: { name: '夜市投诉测', phone: '13800138003' },
          insider: true,
          employer: '木城街道夜市炸串摊',
        },
      });
      expect(filed.status).toBe(201);
      const stallId = await caseOfReceipt(filed.body.receiptCode);
      const { page, errors } = await signIn('handler.amr');
      await page.goto(`/console/complaints/${stallId}`);
      const facts = page.locator('.ant-card', {
        has: page.getByRole('heading', { name: `投诉 ${stallId}` }),
      });
      // A complaint's person is its 投诉人, on the page and in the pseudonym; its clock cites the rule as
      // the regulation names it.
      await facts.getByText('投诉人', { exact: true }).waitFor();
      await facts.getByText(/^投诉人-\w{6}（实名）$/).waitFor();
      await page.getByText('投诉人身份', { exact: true }).waitFor();
      await facts
        .getByRole('cell', { name: '《市场监督管理投诉举报处理暂行办法》第十四条', exact: true })
        .waitFor();
      await expect(facts.getByText(/举报人/).count()).resolves.toBe(0);
      await expect(facts.getByText(/art\./).count()).resolves.toBe(0);
      await page.getByRole('button', { name: /^受\s?理$/ }).click();
      const accepted = await stepAnsweredTo(page, page.getByRole('button', { name: '确 定' }), '/accept');
      expect(accepted).toMatchObject({ status: 200 });
      await facts.getByText('已受理', { exact: true }).waitFor();
      // Its timeline names the public filer as the page does: the 投诉人, never the shared 举报人.
      const stallTimeline = page.locator('.ant-timeline');
      await stallTimeline.getByText(/^\d+\. 受理$/).waitFor();
      await stallTimeline
        .getByText(/ · 投诉人$/)
        .first()
        .waitFor();
      await expect(stallTimeline.getByText(/举报人/).count()).resolves.toBe(0);

      // The stall has no credit code: its kind and stall card are asked instead; 属实 is a choice to make.
      const decisions: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith(`/complaints/${stallId}/decision`)) decisions.push(request.method());
      });
      await page.getByRole('button', { name: '作出处理决定' }).click();
      const dialog = page.getByRole('dialog');
      await pick(page, '处理结果', '立为风险隐患');
      await page.getByRole('button', { name: '确 定' }).click();
      await dialog.getByText('请选择是否属实').waitFor();
      await dialog.getByText('请选择经营主体类型').waitFor();
      expect(decisions).toEqual([]);
      await dialog.getByRole('radio', { name: '是', exact: true }).check();
      await pick(page, '经营主体类型', '食品小摊点');
      await dialog.getByLabel('备案卡号（可不填）').fill('WZ-MC-0107');
      await choose(page, '所在乡镇（街道）', '示例镇一');
      await dialog.getByLabel('理由').fill('现场核查属实，已立为隐患');
      await screenshot(page, '43-handler-complaint-decide-stall');
      const decided = await stepAnsweredTo(page, page.getByRole('button', { name: '确 定' }), '/decision');
      expect(decided).toMatchObject({ status: 200 });
      // The risk item is linked from the outcome, and registered for the stall as the form said.
      await facts.getByText(/（属实）：现场核查属实，已立为隐患$/).waitFor();
      const riskItemId = (await facts.getByRole('link', { name: /^FX-\d{4}-\d{6}$/ }).textContent())!;
      const item = await system.request('GET', `/risk-items/${riskItemId}`, { token: handlerToken });
      expect(item.body).toMatchObject({
        source: 'whistleblower',
        business: {
          kind: 'street-stall',
          name: '木城街道夜市炸串摊',
          identifiers: { stallRegistration: 'WZ-MC-0107' },
          townshipId: 'township-sample-1',
        },
      });
      expect(item.body.business.creditCode ?? null).toBeNull();

      // Retaliation against the insider: what was recorded stands on the case, with the card it raised.
      await page.getByRole('button', { name: '记录打击报复' }).click();
      await pick(page, '报复行为', '解聘、辞退');
      await dialog.getByLabel('经过').fill('投诉后第三天被摊主辞退');
      // The picker offers no day the API refuses: none before 2000-01-01, none after today.
      expect(await dialog.getByLabel('发生日期').getAttribute('min')).toBe('2000-01-01');
      expect(await dialog.getByLabel('发生日期').getAttribute('max')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await dialog.getByLabel('发生日期').fill('2026-11-25');
      const retaliation = await stepAnsweredTo(
        page,
        page.getByRole('button', { name: '确 定' }),
        '/retaliation',
      );
      expect(retaliation).toMatchObject({ status: 200 });
      await page
        .getByRole('table', { name: '打击报复记录' })
        .getByRole('row')
        .filter({ hasText: '解聘、辞退' })
        .filter({ hasText: '投诉后第三天被摊主辞退' })
        .filter({ hasText: '2026-11-25' })
        .waitFor();
      // The card opens in the background; once the API has it, the page links it.
      await eventually(async () => {
        const seen = await system.request('GET', `/complaints/${stallId}`, { token: handlerToken });
        expect(seen.body.retaliationCards).toHaveLength(1);
      }, 20_000);
      await page.reload();
      await page.getByRole('link', { name: /^KP-\d{4}-\d{6}$/ }).waitFor();
      await screenshot(page, '44-handler-complaint-retaliation');
      await page.getByRole('link', { name: /^KP-\d{4}-\d{6}$/ }).click();
      await page.getByRole('heading', { name: /^亮牌 KP-\d{4}-\d{6}$/ }).waitFor();
      await finishPage(page, errors);

      // An anonymous report, verified (through the API): the head proposes its reward on the page.
      const reported = await system.request('POST', '/public/complaints', {
        body: {
          category: 'report',
          business: { name: '木城街道夜市炸串摊' },
          what: '炸串摊使用来历不明的油',
          anonymous: true,
          insider: false,
        },
      });
      expect(reported.status).toBe(201);
      const reportId = await caseOfReceipt(reported.body.receiptCode);
      const verified = await system.request('POST', `/complaints/${reportId}/decision`, {
        token: handlerToken,
        body: { outcome: 'closed', substantiated: true, reason: '查证属实，已另案处罚' },
      });
      expect(verified.status).toBe(200);
      const head = await signIn('head.amr');
      await head.page.goto(`/console/complaints/${reportId}`);
      await head.page.getByRole('button', { name: '拟定举报奖励' }).click();
      // Anonymous: there is no identity, so no reveal is offered to the head (who may ask on a named one).
      await expect(head.page.getByRole('button', { name: '申请揭示身份' }).count()).resolves.toBe(0);
      await head.page.getByRole('button', { name: '确 定' }).click();
      await head.page.getByRole('dialog').getByText('请选择奖励等级').waitFor();
      await head.page.getByRole('dialog').getByText('请填写罚没款或涉案货值').waitFor();
      await pick(head.page, '奖励等级', '三级');
      await head.page.getByLabel('罚没款或涉案货值（元）').fill('0');
      const proposed = await stepAnsweredTo(
        head.page,
        head.page.getByRole('button', { name: '确 定' }),
        '/reward',
      );
      expect(proposed).toMatchObject({ status: 200 });
      await head.page
        .getByText(
          '罚没款或涉案货值 ¥0.00 的 1% = ¥0.00；低于奖励下限，按下限 ¥1,000.00 计（《市场监管领域重大违法行为举报奖励暂行办法》第十四条至第十六条）',
          { exact: false },
        )
        .waitFor();
      await screenshot(head.page, '45-unit-head-report-reward');
      await finishPage(head.page, head.errors);
    },
    LONG_JOURNEY_MS,
  );

  // Last: its 101 waiting items would fill the other journeys' lists (my work sorts the undated by number).
  it(
    'supervisor: exports every risk item the ledger finds to Excel, past the API’s page of 100',
    async () => {
      const handlerToken = await system.tokenFor('handler.amr');
      const batch = '导出测试批次';
      // 101 items, ten at a time: one more than a page of the API.
      for (let first = 0; first < 101; first += 10) {
        const registered = await Promise.all(
          Array.from({ length: Math.min(10, 101 - first) }, (_, i) =>
            system.request('POST', '/risk-items', {
              token: handlerToken,
              body: riskItemBody({ description: `${batch}第${first + i + 1}项` }),
            }),
          ),
        );
        expect(registered.map((answer) => answer.status)).toEqual(registered.map(() => 201));
      }
      const { page, errors } = await signIn('supervisor.fso');
      await page.getByRole('menuitem', { name: '隐患台账' }).click();
      await page.getByLabel('搜索编号、主体或描述').fill(batch);
      await page.getByLabel('搜索编号、主体或描述').press('Enter');
      await page.getByText('共 101 条').waitFor();
      // Narrowed by the API's filters: the unit's (registered by 市场监管局, not yet assigned), none overdue.
      await choose(page, '责任单位', '市场监管局');
      await page.getByText('共 101 条').waitFor();
      await page.getByRole('checkbox', { name: '只看已超期' }).check();
      await page.locator('.ant-table-placeholder .ant-empty-description', { hasText: '暂无数据' }).waitFor();
      await page.getByRole('checkbox', { name: '只看已超期' }).uncheck();
      await page.getByText('共 101 条').waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      const workbook = new Workbook();
      await workbook.xlsx.readFile(await (await download).path());
      const sheet = workbook.getWorksheet('隐患台账')!;
      const described = sheet.getColumn(6).values.slice(2);
      expect(described).toHaveLength(101);
      expect(new Set(described).size).toBe(101);
      // Where each subject is, and where the item came from, as the register records them.
      expect(sheet.getRow(1).values).toEqual(
        expect.arrayContaining(['地址', '所在乡镇（街道）', '来源', '来源日期']),
      );
      await finishPage(page, errors);
    },
    LONG_JOURNEY_MS,
  );
});
