import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import {
  collectPageErrors,
  officeContext,
  finishPage,
  startConsoleStack,
  type ConsoleStack,
  screenshot,
  signInThroughPage,
} from '../helpers/browser.js';
import { EVIDENCE, riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * What the console says is Chinese on the real path (browser, API, worker, Temporal, PostgreSQL): the
 * API's refusals and field messages, the steps of a timeline and their units, the referral tracker.
 * Its own database, so the tracker lists only this file's referral.
 */
describe('the console says it in Chinese', () => {
  let system: TestSystem;
  let browser: Browser;
  let stack: ConsoleStack | undefined;

  beforeAll(async () => {
    ({ system, browser } = stack = await startConsoleStack());
  });
  afterAll(() => stack?.stop());

  const signIn = (username: string) => signInThroughPage(browser, system, username);
  /** The form item of a labelled field, where its messages appear. */
  const fieldItem = (page: Page, label: string) =>
    page.locator('.ant-form-item', { has: page.getByLabel(label) });

  it('registration: the page refuses a future day and one before 2000 itself, the API a blank description, both in Chinese; the timeline says 登记, who by name and the unit', async () => {
    const { page, errors } = await signIn('handler.amr');
    // The staff directory is asked once for the session (perhaps still after sign-in), not by each page.
    const directoryRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/staff') directoryRequests.push(r.url());
    });
    await page.getByRole('menuitem', { name: '登记隐患' }).click();
    const body = riskItemBody();
    // A day no test run reaches: the page's own rule, before the API is asked.
    await page.getByLabel('发现日期').fill('2999-01-01');
    await page.getByLabel('专项行动').fill(`${body.actionNo}. `);
    await page
      .locator('.ant-select-item-option', { hasText: `${body.actionNo}. ` })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('经营主体名称').fill(body.business.name);
    await page.getByLabel('统一社会信用代码').fill(body.business.creditCode);
    await page.getByLabel('地址').fill(body.business.address);
    await page.getByLabel('所在乡镇（街道）').fill('示例镇一');
    await page.locator('.ant-select-item-option', { hasText: '示例镇一' }).first().waitFor();
    await page.keyboard.press('Enter');
    // White space passes the page's rule; the API refuses it (`description must not be blank`).
    await page.getByLabel('隐患描述').fill('   ');
    await page.getByRole('button', { name: '登 记' }).click();
    await fieldItem(page, '发现日期').getByText('发现日期不能晚于今天').waitFor();
    // Nor before the floor of case dates (Excel's day zero is a typo); the picker starts there too.
    expect(await page.getByLabel('发现日期').getAttribute('min')).toBe('2000-01-01');
    await page.getByLabel('发现日期').fill('1900-01-01');
    await page.getByRole('button', { name: '登 记' }).click();
    await fieldItem(page, '发现日期').getByText('发现日期不能早于 2000-01-01，请核对年份').waitFor();

    await page.getByLabel('发现日期').fill(body.sourceDate);
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/risk-items') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '登 记' }).click();
    expect((await answered).status()).toBe(400);
    await fieldItem(page, '隐患描述').getByText('不能为空').waitFor();
    await expect(page.getByText('must not be blank').count()).resolves.toBe(0);
    await screenshot(page, 'zh-01-registration-field-messages');

    await page.getByLabel('隐患描述').fill(body.description);
    await page.getByRole('button', { name: '登 记' }).click();
    await page.waitForURL(/\/console\/risk-items\/FX-\d{4}-\d{6}$/);
    const timeline = page.locator('.ant-timeline');
    await timeline.getByText('1. 登记').waitFor();
    // Who registered it: role, name from the staff directory (not the login), unit.
    await timeline.getByText('经办人 市场监管局经办人（示例）（市场监管局）').waitFor();
    await expect(timeline.getByText('handler.amr').count()).resolves.toBe(0);
    expect(directoryRequests.length).toBeLessThanOrEqual(1);
    await expect(timeline.getByText('register').count()).resolves.toBe(0);
    await screenshot(page, 'zh-02-timeline');
    await finishPage(page, errors);
  });

  it('a field the API named once, and the page has no rule for, loses its message when the next answer does not name it; the 补跑 pickers offer the campaign’s days', async () => {
    const { page, errors } = await signIn('supervisor.fso');
    await page.getByRole('menuitem', { name: '报送周期' }).click();
    /**
     * The form reads in order on an office screen and a wide one, its messages shown or not: each field
     * after the one before it on its line (or first on the next), 理由 beside the days it is for.
     */
    const readsInOrder = async () => {
      for (const width of [1920, 1366]) {
        await page.setViewportSize({ width, height: 768 });
        const boxes = await Promise.all(
          ['周期', '起始日期', '截止日期（不含）', '理由'].map(
            async (label) => (await fieldItem(page, label).boundingBox())!,
          ),
        );
        const sameLine = (a: { y: number }, b: { y: number }) => Math.abs(a.y - b.y) < 2;
        for (const [i, box] of boxes.entries()) {
          const before = boxes[i - 1];
          if (!before) continue;
          if (sameLine(box, before)) expect(box.x).toBeGreaterThanOrEqual(before.x + before.width);
          else expect([box.y > before.y, Math.round(box.x)]).toEqual([true, Math.round(boxes[0].x)]);
        }
        expect(sameLine(boxes[3], boxes[0])).toBe(true);
      }
    };
    await readsInOrder();
    await page.getByLabel('理由').fill('补录历史调度');
    /** Types a day into a picker and takes it with Enter once the picker has read it (its cell selected). */
    const pickDay = async (label: string, day: string) => {
      await page.getByLabel(label).fill(day);
      await page
        .locator('.ant-picker-dropdown:visible')
        .locator(`.ant-picker-cell-selected[title="${day}"]`)
        .waitFor();
      await page.getByLabel(label).press('Enter');
      await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    };
    const backfill = () => {
      const answered = page.waitForResponse(
        (r) => r.url().endsWith('/backfill') && r.request().method() === 'POST',
      );
      return page
        .getByRole('button', { name: '补 跑' })
        .click()
        .then(() => answered);
    };
    // No days: the API names both.
    expect((await backfill()).status()).toBe(400);
    await fieldItem(page, '起始日期').locator('.ant-form-item-explain-error').first().waitFor();
    await fieldItem(page, '截止日期（不含）').locator('.ant-form-item-explain-error').first().waitFor();
    // The days the wrong way round: only the end is wrong now, and only it says so.
    await pickDay('起始日期', '2023-03-02');
    await pickDay('截止日期（不含）', '2023-02-28');
    expect((await backfill()).status()).toBe(400);
    await fieldItem(page, '截止日期（不含）').locator('.ant-form-item-explain-error').first().waitFor();
    // Gone, not merely fading out (antd animates a message's leaving).
    await fieldItem(page, '起始日期').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await screenshot(page, 'zh-02-backfill-field-messages');
    // Two days between which 月调度 (on the 1st) has no run: the end says which run it must pass.
    await pickDay('起始日期', '2023-03-03');
    await pickDay('截止日期（不含）', '2023-03-06');
    expect((await backfill()).status()).toBe(400);
    await fieldItem(page, '截止日期（不含）')
      .getByText(
        '所选时间段内没有计划运行：起始日期之后的首次计划运行在北京时间 2023/04/01 08:00，截止日期（不含）须选 2023/04/02 或更晚',
      )
      .waitFor();
    await readsInOrder();
    await screenshot(page, 'zh-02-backfill-empty-window');
    // The campaign starts on 2022-07-07: its month's first day is the first a backfill takes, the day
    // before it is not offered. In Chinese, weeks from Monday.
    await page.getByLabel('起始日期').fill('2022-07-01');
    const days = page.locator('.ant-picker-dropdown:visible');
    await days.locator('.ant-picker-cell-disabled[title="2022-06-30"]').waitFor();
    await expect(days.locator('.ant-picker-cell-disabled[title="2022-07-01"]').count()).resolves.toBe(0);
    await days.getByText('2022年', { exact: true }).waitFor();
    await expect(days.locator('thead th').first().textContent()).resolves.toBe('一');
    await screenshot(page, 'zh-02-backfill-days');
    await page.getByLabel('起始日期').press('Escape');
    // A day 月调度 takes but 季度通报 does not (its first run on the campaign is 2022-10-01) is taken back
    // when the cycle changes; one both take stays.
    await pickDay('起始日期', '2022-08-01');
    await pickDay('截止日期（不含）', '2022-12-01');
    await page.getByLabel('周期').click();
    await page.locator('.ant-select-item-option', { hasText: '季度通报' }).click();
    await expect(page.getByLabel('起始日期').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('截止日期（不含）').inputValue()).resolves.toBe('2022-12-01');
    await finishPage(page, errors);
  });

  it('a first sign-in sets a new password: a mistyped repeat refused by the page, a weak one by the API, both in Chinese', async () => {
    const { page, errors, password } = await signInThroughPage(browser, system, 'leader.gov', {
      mustChange: true,
    });
    await page.waitForURL('**/console/password');
    const newPassword = page.getByLabel('新密码（至少 12 位）');
    await page.getByLabel('当前密码').fill(password);
    await newPassword.fill('Leader.gov-2026');
    await page.getByLabel('再次输入新密码').fill('Leader.gov-2027');
    await page.getByRole('button', { name: '修 改' }).click();
    await fieldItem(page, '再次输入新密码').getByText('两次输入的新密码不一致').waitFor();

    // Consistent, but the API refuses it: it holds the username, and is short.
    await newPassword.fill('leader.gov1');
    await page.getByLabel('再次输入新密码').fill('leader.gov1');
    const answered = page.waitForResponse((r) => r.url().endsWith('/auth/password'));
    await page.getByRole('button', { name: '修 改' }).click();
    expect((await answered).status()).toBe(400);
    await fieldItem(page, '新密码（至少 12 位）').getByText('至少 12 个字符').waitFor();
    await fieldItem(page, '新密码（至少 12 位）').getByText('不能包含用户名').waitFor();
    await expect(page.getByText(/must|password/).count()).resolves.toBe(0);
    await screenshot(page, 'zh-03-change-password');

    await newPassword.fill('县领导督办工作-稳妥的口令');
    await page.getByLabel('再次输入新密码').fill('县领导督办工作-稳妥的口令');
    const changed = page.waitForResponse((r) => r.url().endsWith('/auth/password'));
    await page.getByRole('button', { name: '修 改' }).click();
    expect((await changed).ok()).toBe(true);
    await page.getByText('密码已修改').waitFor();
    await page.getByRole('menuitem', { name: '指标看板' }).waitFor();
    await finishPage(page, errors);
  });

  it('a case that does not exist, or a number mistyped in the address: the problem box says which in Chinese, its code small beneath', async () => {
    const { page, errors } = await signIn('handler.amr');
    await page.goto('/console/risk-items/FX-2099-999999');
    const alert = page.getByRole('alert');
    await alert.getByText('隐患不存在或不在您的查看范围内').waitFor();
    await alert.getByText('错误代码：risk-item.not-found').waitFor();
    await expect(alert.getByText('No risk item').count()).resolves.toBe(0);
    await screenshot(page, 'zh-03-problem-box');
    // A digit short: not "what you filled in is wrong", but the address's number, and its shape.
    await page.goto('/console/risk-items/FX-2099-99999');
    await alert.getByText('页面地址中的编号或查询条件格式不正确').waitFor();
    await alert.getByText('编号：格式应如 FX-2024-000123').waitFor();
    await alert.getByText('错误代码：request.invalid').waitFor();
    await finishPage(page, errors);
  });

  it('the public report page: a mistyped ID number is refused in Chinese, without giving away its check character', async () => {
    const page = await (await officeContext(browser, system.baseUrl)).newPage();
    const errors = await collectPageErrors(page);
    await page.goto('/console/public/report');
    await page.getByRole('radio', { name: '举报' }).check();
    await page.getByLabel('经营者名称').fill('城关镇某小吃店');
    await page.getByLabel('经营地址').fill('木城街道建设路1号');
    await page.getByLabel('发生了什么').fill('使用过期食材');
    await page.getByRole('radio', { name: /^实名/ }).check();
    await page.getByLabel('姓名').fill('王五');
    await page.getByLabel('手机号码').fill('13800138001');
    // The check character of 11010519491231002 is X: a 3 is a mistyped character.
    await page.getByLabel('身份证号码（可不填）').fill('110105194912310023');
    // 发生日期 is bounded as the API bounds it, and a day typed past the picker is said before asking.
    const occurredOn = page.getByLabel('发生日期');
    expect(await occurredOn.getAttribute('min')).toBe('2000-01-01');
    expect(await occurredOn.getAttribute('max')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const asked: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && asked.push(r.url())));
    await occurredOn.fill('1900-01-01');
    await page.getByRole('button', { name: /提\s?交/ }).click();
    await fieldItem(page, '发生日期').getByText('发生日期不能早于 2000-01-01，请核对年份').waitFor();
    expect(asked).toEqual([]);
    await occurredOn.fill('');
    const answered = page.waitForResponse((r) => r.url().endsWith('/public/complaints'));
    await page.getByRole('button', { name: /提\s?交/ }).click();
    expect((await answered).status()).toBe(400);
    await fieldItem(page, '身份证号码（可不填）')
      .getByText('身份证号码校验位不正确，请核对是否抄错')
      .waitFor();
    await expect(page.getByText(/expected|check character/).count()).resolves.toBe(0);
    await finishPage(page, errors);
  });

  it('the referral tracker: status and clocks in Chinese, on the page and in its Excel', async () => {
    const handler = await system.tokenFor('handler.amr');
    const post = async (path: string, token: string, body: unknown = {}) => {
      const answer = await system.request('POST', path, { token, body });
      expect(answer.status).toBeLessThan(300);
      return answer.body;
    };
    const item = await post('/risk-items', handler, riskItemBody());
    await post(`/risk-items/${item.id}/assign`, await system.tokenFor('head.amr'), {
      responsibleUnitId: 'amr',
    });
    await post(`/risk-items/${item.id}/start`, handler);
    await post(`/risk-items/${item.id}/submit`, handler, { measures: '查封涉案产品', evidence: EVIDENCE });
    await post(`/risk-items/${item.id}/criminal-threshold`, handler, { reason: '检出非食用物质，涉嫌犯罪' });
    const lead = await post('/referrals', handler, {
      source: 'risk-item',
      sourceRef: item.id,
      actionNo: 5,
      category: 'food-drug',
      summary: '疑似生产销售有毒有害食品',
    });

    const { page, errors } = await signIn('supervisor.fso');
    await page.getByRole('menuitem', { name: '行刑衔接' }).click();
    const row = page.getByRole('row').filter({ hasText: lead.id });
    await row.getByText('已登记线索').waitFor();
    await row.getByRole('button', { name: /展开/ }).click();
    await page.getByRole('cell', { name: '组成专案组', exact: true }).waitFor();
    await expect(page.getByText('lead-recorded').count()).resolves.toBe(0);
    await screenshot(page, 'zh-04-referral-tracker');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    const sheet = workbook.getWorksheet('移送案件')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('状态');
    expect(sheet.getColumn(2).values).toContain('已登记线索');
    await finishPage(page, errors);
  });
});
