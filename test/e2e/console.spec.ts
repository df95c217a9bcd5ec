import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
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
  screenshot,
  signInThroughPage,
  stepAnsweredTo,
} from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';
import {
  type MonthlyDispatchResult,
  type ReportRequestView,
} from '../../libs/contracts/src/reporting.contracts.js';

const { Workbook } = ExcelJS;

/**
 * The web console in a real browser (Chromium through playwright-core) against the real API, worker,
 * Temporal and PostgreSQL: one journey per role, a screenshot of each main page in test-output/console.
 * Its own database, because the leader's bulletin raises cards that other files count.
 */
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
    await page.getByLabel(label).fill(option);
    await page.locator('.ant-select-item-option', { hasText: option }).first().waitFor();
    await page.keyboard.press('Enter');
  };

  it('keeps the sign-in page within its JS budget and shows it with labelled fields, under the strict CSP', async () => {
    expect(sizeReport).toMatch(/sign-in page initial JS [\d.]+ KB gzip \(within the 300 KB budget\)/);
    const context = await officeContext(browser, system.baseUrl);
    const page = await context.newPage();
    const errors = await collectPageErrors(page);
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
    await page.getByRole('alert').getByText('用户名或密码不正确').waitFor();
    await finishPage(page, errors);
  });

  it('handler: registers a risk item (field messages from the API), then starts and submits its rectification', async () => {
    const { page, errors } = await signIn('handler.amr');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await screenshot(page, '02-handler-my-work');

    await page.getByRole('menuitem', { name: '登记隐患' }).click();
    const body = riskItemBody();
    await page.getByLabel('发现日期').fill(body.sourceDate);
    await page.getByLabel('专项行动（1–12）').fill(String(body.actionNo));
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
    await page.getByRole('button', { name: '登 记' }).click();
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
    await page.getByRole('button', { name: '确 定' }).click();
    await page.getByText('待核查').waitFor();
    await expect(page.getByRole('button', { name: '提交整改' }).count()).resolves.toBe(0);
    await screenshot(page, '04-handler-case-submitted');

    await page.getByRole('link', { name: '打印督办通知书' }).click();
    await page.getByRole('article', { name: '督办通知书' }).getByText(caseId).first().waitFor();
    await screenshot(page, '05-handler-print-notice');
    await finishPage(page, errors);
  });

  it('handler: answers a report request from my work, each indicator beside its plan targets (the API’s field message on the value)', async () => {
    const backfill = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
      token: await system.tokenFor('admin.fso'),
      body: { from: '2023-05-31T00:00:00+08:00', to: '2023-06-02T00:00:00+08:00' },
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
    // The inbox: escalations first; everything else (the risk item assigned to the unit) under 全部.
    await head.page.getByRole('menuitem', { name: '通知与升级' }).click();
    await head.page.getByRole('heading', { name: '通知与升级' }).waitFor();
    await head.page.getByText(/^全部（未读 \d+）$/).click();
    await head.page
      .getByRole('row')
      .filter({ hasText: '交办' })
      .getByRole('link', { name: caseId })
      .first()
      .waitFor();
    // The directive to the unit waits in my work; its page offers 签收 (the API allows the unit head it).
    await head.page.getByRole('menuitem', { name: '我的待办' }).click();
    await head.page.getByRole('link', { name: directiveId }).click();
    await head.page.getByRole('heading', { name: `督办通知 ${directiveId}` }).waitFor();
    await head.page.getByText('根据攻坚行动方案第七项，请组织自查。').waitFor();
    await head.page.getByLabel('签收意见（可不填）').fill('已收到，本周五前上报');
    await head.page.getByRole('button', { name: '签 收' }).click();
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
    await head.page.getByRole('button', { name: '确 定' }).click();
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
    await supervisor.page.getByRole('button', { name: '确 定' }).click();
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
    await supervisor.page.getByRole('cell', { name: /^supervisor\.fso（/ }).waitFor();
    await expect(
      supervisor.page.getByRole('button', { name: '揭示身份', exact: true }).count(),
    ).resolves.toBe(0);
    await finishPage(supervisor.page, supervisor.errors);
  });

  it('supervisor: sees the card board by unit and colour, opens a cell and exports the cards to Excel', async () => {
    const raised = await system.request('POST', '/cards', {
      token: await system.tokenFor('supervisor.fso'),
      body: { unitId: 'grain', reason: '粮食质量抽检整改迟缓' },
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
    await page
      .getByRole('article', { name: '亮牌督办通知' })
      .getByText(/^因粮食质量抽检整改迟缓，现对你单位/)
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
    await page.getByRole('button', { name: '下 发' }).click();
    const issued = await page.getByRole('status').filter({ hasText: '已下发督办通知' }).textContent();
    const directiveId = /DB-\d{4}-\d{6}/.exec(issued ?? '')![0];
    const directive = await system.request('GET', `/directives/${directiveId}`, { token: supervisorToken });
    expect(directive.body).toMatchObject({
      assigneeUnitId: 'amr',
      title: '请于本周内完成农贸市场快检室自查',
    });

    await choose(page, '亮牌单位', '市生态环境局武陟分局');
    await page.getByLabel('亮牌事由').fill('农村生活污水治理进度滞后');
    await page.getByRole('button', { name: '亮 牌' }).click();
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
    await page.getByText('立即运行月调度？').waitFor();
    await page.getByRole('button', { name: /^运\s?行$/ }).click();
    await page.getByText('报送期', { exact: true }).waitFor();
    await page.getByRole('cell', { name: /^\d{4}-\d{2}$/ }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '月调度' })
      .getByRole('cell', { name: /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（立即运行）$/ })
      .waitFor();
    // What the run did, in words: no JSON of the API's answer.
    await expect(page.getByText(/"(opened|period|at)"/).count()).resolves.toBe(0);
    await screenshot(page, '19-supervisor-reporting-cycles');

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
      body: { responsibleUnitId: 'amr' },
    });
    expect(assigned.status).toBe(200);
    /** The Beijing day `days` from now, `YYYY-MM-DD`. */
    /** Types a time into the deadline picker and takes it with the picker's own 确定. */
    const pickDeadline = async (time: string) => {
      await page.getByRole('dialog').getByLabel('新的整改期限（北京时间）').fill(time);
      await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    };
    const beijingDay = (days: number) =>
      new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const { page, errors } = await signIn('supervisor.fso');
    await page.goto(`/console/risk-items/${itemId}`);
    await page.getByRole('button', { name: '重新确定期限' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('理由').fill('实验室复检需延长期限');
    // Today's 00:00 in Beijing has passed: the API refuses it, and says so under the deadline.
    await pickDeadline(`${beijingDay(0)} 00:00`);
    await dialog.getByRole('button', { name: '确 定' }).click();
    await dialog.getByText('不能早于当前时间').waitFor();
    const newDay = beijingDay(10);
    await pickDeadline(`${newDay} 00:00`);
    await dialog.getByRole('button', { name: '确 定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(new RegExp(`^${newDay.replaceAll('-', '/')} 00:00 `)).waitFor();
    // The rule names the new deadline in Beijing time, as the page reads every time.
    await page
      .getByText(`由supervisor.fso重新确定期限：${newDay.replaceAll('-', '/')} 00:00（实验室复检需延长期限）`)
      .waitFor();
    await page.getByText(/^\d+\. 重新确定期限$/).waitFor();

    await page.getByRole('button', { name: '达到移送标准（涉嫌犯罪）' }).click();
    await dialog.getByLabel('理由').fill('涉案货值超过五万元');
    await dialog.getByRole('button', { name: '确 定' }).click();
    await page.getByText(/^已达到移送标准（supervisor\.fso，.+）：涉案货值超过五万元$/).waitFor();
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

  it('leader: sees each action’s KPI chart, reported values against the target path', async () => {
    const backfill = await system.request('POST', '/reporting/schedules/quarterly-bulletin/backfill', {
      token: await system.tokenFor('admin.fso'),
      body: { from: '2022-10-19T00:00:00+08:00', to: '2022-10-21T00:00:00+08:00' },
    });
    expect(backfill.status).toBe(202);
    const leaderToken = await system.tokenFor('leader.gov');
    await eventually(async () => {
      expect((await system.request('GET', '/bulletins', { token: leaderToken })).body).toHaveLength(1);
    }, 60_000);
    const { page, errors } = await signIn('leader.gov');
    await page.getByRole('heading', { name: '指标看板' }).waitFor();
    const chart = page.getByRole('figure', { name: /^行动\d+ .*：各单位上报值与目标进度$/ }).first();
    await chart.locator('svg').waitFor();
    await expect(chart.getByText('目标进度').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, '08-leader-kpi-dashboard');
    await page.getByRole('menuitem', { name: '季度通报' }).click();
    await page.getByRole('cell', { name: '2022-Q3', exact: true }).waitFor();
    await screenshot(page, '09-leader-bulletins');
    // One sheet per table of the document, headers, units and indicators in Chinese as it prints them.
    const download = page.waitForEvent('download');
    await page
      .getByRole('row')
      .filter({ hasText: '2022-Q3' })
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
    expect(ranking.getRow(2).getCell(1).value).toBe(1);
    expect(ranking.getColumn(2).values).toContain('市场监管局');
    await finishPage(page, errors);
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
    await page.getByText("the committee approves 2023's score after the year, not on 2023-06-01").waitFor();
    await page.getByLabel('审定日期').fill('2024-01-15');
    await page.getByRole('button', { name: '记录审定' }).click();
    await page.getByText('已审定').waitFor();
    await page.getByText('县食安委〔2024〕1号（2024-01-15，leader.gov 记录）').waitFor();
    await finishPage(page, errors);
  });

  it('auditor: opens the case’s timeline, steps through its ledger and verifies the chain', async () => {
    const { page, errors } = await signIn('auditor.discipline');
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
    await page.getByText(/^台账第 1 步$/).waitFor();
    await page.getByRole('button', { name: '核验台账哈希链' }).click();
    await page.getByText(/^台账完整：\d+ 条/).waitFor();
    await page.getByRole('button', { name: '重放核验' }).click();
    await page.getByText(/^重放一致：/).waitFor();
    await screenshot(page, '10-auditor-case');

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
    await finishPage(page, errors);
  });

  it('admin: sees the people, the units and the plan versions; 停用 and 启用 a person and 停用 a webhook, each with a reason', async () => {
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
    await page.getByRole('menuitem', { name: '单位' }).click();
    await page.getByRole('cell', { name: 'procuratorate', exact: true }).waitFor();
    await screenshot(page, '12-admin-units');
    await page.getByRole('menuitem', { name: '工作方案版本' }).click();
    await page.getByRole('cell', { name: '武政办〔2022〕5号' }).first().waitFor();
    await screenshot(page, '13-admin-plan-versions');

    await page.getByRole('menuitem', { name: 'Webhook 管理' }).click();
    await page.getByLabel('名称').fill('县政务平台对接');
    await page.getByLabel('接收地址（URL）').fill('ftp://hooks.county.example/duban');
    await page.getByRole('button', { name: '添 加' }).click();
    await page.getByText('请填写 http 或 https 网址（不含用户名和密码）').waitFor();
    await page.getByLabel('接收地址（URL）').fill('https://hooks.county.example/duban');
    await page.getByRole('button', { name: '添 加' }).click();
    await page.getByText(/签名密钥仅显示这一次/).waitFor();
    const webhook = page.getByRole('row').filter({ hasText: '县政务平台对接' });
    await webhook.getByText('有效').waitFor();
    await screenshot(page, '23-admin-webhooks');
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
      await page.getByRole('button', { name: '复制受理编号和查询密码' }).waitFor();
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
      expect(decided.status).toBe(200);
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
      expect(proposed.status).toBe(200);
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
    // Decided and its reward claimed: the payout is the unit's to record, so it waits in my work.
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
    await page.getByRole('button', { name: '确 定' }).click();
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
});
