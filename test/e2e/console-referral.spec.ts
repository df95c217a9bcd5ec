import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Locator, type Page } from 'playwright-core';
import {
  screenshot,
  signInThroughPage,
  finishPage,
  startConsoleStack,
  stepAnsweredTo,
  type ConsoleStack,
} from '../helpers/browser.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * A referral (行刑衔接) taken through the console on the real path: the lead recorded through the API,
 * then the referring unit's head forms the team, reports, approves and transfers the dossier (files
 * hashed in the browser), and the police liaison receives it, files it and sends the written notice,
 * each on the case page with only the steps the API allows. Its own database.
 */
describe('a referral taken step by step on its case page', () => {
  let system: TestSystem;
  let browser: Browser;
  let stack: ConsoleStack | undefined;

  beforeAll(async () => {
    ({ system, browser } = stack = await startConsoleStack());
  });
  afterAll(() => stack?.stop());

  const signIn = (username: string) => signInThroughPage(browser, system, username);
  const status = (page: Page) => page.getByTestId('referral-status');
  const modal = (page: Page) => page.locator('.ant-modal');
  const fieldItem = (page: Page, label: string) =>
    modal(page).locator('.ant-form-item', { has: page.getByLabel(label) });
  /** Opens a step's modal by its button. */
  const openStep = async (page: Page, name: string) => {
    await page.getByLabel('可办理的步骤').getByRole('button', { name }).click();
    await modal(page).waitFor();
  };
  /** Confirms the open modal and returns the API's answer to the step it sent. */
  const confirm = (page: Page, pathEnd: string) =>
    stepAnsweredTo(page, modal(page).getByRole('button', { name: '确 定' }), pathEnd);
  /** Chooses a file in a picker, waits for its sha256 computed in the page and returns it. */
  const chooseFile = async (scope: Locator, name: string) => {
    const buffer = Buffer.from(`${name} 的内容`);
    await scope.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer });
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    await scope.getByText(`sha256: ${sha256}`).waitFor();
    return sha256;
  };
  /** Picks an option (by its whole text) of a select in the modal. */
  const choose = async (page: Page, label: string, option: string) => {
    await modal(page).getByLabel(label).click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: new RegExp(`^${option}$`),
      })
      .click();
  };

  it('the head of amr takes the unit’s steps, the police liaison the police’s; the page and the API agree', async () => {
    const handler = await system.tokenFor('handler.amr');
    const head = await system.tokenFor('head.amr');
    const lead = await system.request('POST', '/referrals', {
      token: handler,
      body: {
        source: 'inspection',
        sourceRef: 'JC-2026-0301',
        actionNo: 6,
        category: 'food-drug',
        summary: '无证生产含违禁添加剂的卤制品',
      },
    });
    expect(lead.status).toBe(201);
    const id: string = lead.body.id;
    const apiView = async () => (await system.request('GET', `/referrals/${id}`, { token: head })).body;

    // The unit head: from the tracker's row to the case page.
    const { page, errors } = await signIn('head.amr');
    await page.getByRole('menuitem', { name: '行刑衔接' }).click();
    await page.getByRole('link', { name: id }).click();
    await page.waitForURL(`**/console/referrals/${id}`);
    await status(page).getByText('已登记线索').waitFor();
    await page.getByText('市场监管局').first().waitFor();
    await page.getByText('食品药品案件').waitFor();
    await page.getByRole('cell', { name: '组成专案组', exact: true }).waitFor();
    const timeline = page.locator('.ant-timeline');
    await timeline.getByText('1. 登记线索').waitFor();

    // 组成专案组: an officer of another unit is refused under the field, in Chinese; then two of amr.
    await openStep(page, '组成专案组');
    const officers = '专案组成员账号（每行一个，至少两人）';
    await modal(page).getByLabel(officers).fill('head.amr\nhandler.agri');
    expect((await confirm(page, '/team')).status).toBe(400);
    await fieldItem(page, officers).getByText('handler.agri 不是本单位在岗的执法人员').waitFor();
    await screenshot(page, 'referral-01-team-field-message');
    await modal(page).getByLabel(officers).fill('handler.amr\nhead.amr');
    expect((await confirm(page, '/team')).status).toBe(200);
    await status(page).getByText('已组成专案组').waitFor();
    await timeline.getByText('2. 组成专案组').waitFor();

    // 提交书面报告: the file's sha256 is computed in the page and recorded.
    await openStep(page, '提交书面报告');
    const reportHash = await chooseFile(modal(page), '书面报告.pdf');
    expect((await confirm(page, '/report')).status).toBe(200);
    await status(page).getByText('待负责人审批').waitFor();
    await page.getByRole('cell', { name: '书面报告', exact: true }).waitFor();

    // 负责人审批: a refusal needs its reason and the threshold (the page asks), then the approval.
    await openStep(page, '负责人审批');
    await choose(page, '审批意见', '不予移送');
    await modal(page).getByRole('button', { name: '确 定' }).click();
    await fieldItem(page, '理由（不予移送时必填）').getByText('不予移送时请填写理由').waitFor();
    await choose(page, '审批意见', '同意移送公安机关');
    expect((await confirm(page, '/decision')).status).toBe(200);
    await status(page).getByText('已批准移送').waitFor();
    await timeline.getByText(/^\d+\. 负责人审批$/).waitFor();

    // 移送公安机关: the view's checklist, each a file hashed here, the test report left out with a reason.
    await openStep(page, '移送公安机关');
    const view = await apiView();
    const kinds: string[] = view.requiredDossier;
    expect(kinds).toContain('test-reports');
    const hashes: Record<string, string> = {};
    for (const kind of kinds.filter((k) => k !== 'test-reports'))
      hashes[kind] = await chooseFile(
        modal(page).locator(`.dossier-row[data-kind="${kind}"]`),
        `${kind}.pdf`,
      );
    await modal(page).getByLabel('检验报告或鉴定意见不适用的理由').fill('现场查获，事实清楚，无需检验');
    await screenshot(page, 'referral-02-transfer-dossier');
    expect((await confirm(page, '/transfer')).status).toBe(200);
    await status(page).getByText('已移送公安机关').waitFor();
    await page.getByText('现场查获，事实清楚，无需检验').waitFor();
    const transferred = await apiView();
    expect(transferred).toMatchObject({
      status: 'transferred',
      report: { document: { kind: 'written-report', sha256: reportHash } },
      transfer: { notApplicable: [{ kind: 'test-reports', reason: '现场查获，事实清楚，无需检验' }] },
    });
    expect(
      Object.fromEntries(
        (transferred.transfer.dossier as Array<{ kind: string; sha256: string }>).map((d) => [
          d.kind,
          d.sha256,
        ]),
      ),
    ).toEqual(hashes);
    await finishPage(page, errors);

    // The police liaison: home is the tracker; the case page without the ledger (internal records).
    const police = await signIn('liaison.police');
    await police.page.getByRole('link', { name: id }).click();
    await status(police.page).getByText('已移送公安机关').waitFor();
    await police.page.getByText('仅移送单位和县级部门可查看').waitFor();
    await expect(police.page.getByText('专案组', { exact: true }).count()).resolves.toBe(0);

    await openStep(police.page, '公安机关接受');
    expect((await confirm(police.page, '/receipt')).status).toBe(200);
    await status(police.page).getByText('公安机关已接受').waitFor();

    await openStep(police.page, '作出是否立案决定');
    await choose(police.page, '决定', '立案');
    expect((await confirm(police.page, '/filing-decision')).status).toBe(200);
    await status(police.page).getByText('公安机关已决定，待书面通知').waitFor();

    await openStep(police.page, '书面通知移送机关');
    const noticeHash = await chooseFile(modal(police.page), '立案决定书.pdf');
    expect((await confirm(police.page, '/notice')).status).toBe(200);
    await status(police.page).getByText('已立案').waitFor();
    await screenshot(police.page, 'referral-03-police-filed');
    await finishPage(police.page, police.errors);

    // Back with the head: the police's steps on the timeline by their Chinese names, the handover next.
    const again = await signIn('head.amr');
    await again.page.goto(`/console/referrals/${id}`);
    await status(again.page).getByText('已立案').waitFor();
    const ledger = again.page.locator('.ant-timeline');
    for (const name of ['公安机关接受', '作出是否立案决定', '书面通知移送机关'])
      await ledger.getByText(name, { exact: false }).first().waitFor();
    await again.page.getByLabel('可办理的步骤').getByRole('button', { name: '移交涉案物品' }).waitFor();
    await screenshot(again.page, 'referral-04-head-after-filing');
    expect(await apiView()).toMatchObject({
      status: 'filed',
      filing: { filed: true },
      notices: [{ filed: true, document: { kind: 'notice', sha256: noticeHash } }],
      allowedSteps: expect.arrayContaining(['hand-over']),
    });
    await finishPage(again.page, again.errors);
  });
  it('the head records a lead on the tracker (登记线索); its case page opens with the team to form', async () => {
    const { page, errors } = await signIn('head.amr');
    await page.getByRole('menuitem', { name: '行刑衔接' }).click();
    await page.getByRole('button', { name: '登记线索' }).click();
    await choose(page, '线索来源', '监督检查');
    await modal(page).getByLabel('隐患编号或检查、举报记录编号').fill('JC-2026-0302');
    await modal(page).getByLabel('专项行动（1–12）').fill('6');
    await choose(page, '案件类别', '一般案件');
    await modal(page).getByLabel('案情摘要').fill('销售假冒酒类产品，涉案金额较大');
    const answer = await stepAnsweredTo(
      page,
      modal(page).getByRole('button', { name: '登 记' }),
      '/referrals',
    );
    expect(answer.status).toBe(201);
    const id = (answer.body as { id: string }).id;
    await page.waitForURL(`**/console/referrals/${id}`);
    await status(page).getByText('已登记线索').waitFor();
    await page.getByText('一般案件').waitFor();
    await page.getByLabel('可办理的步骤').getByRole('button', { name: '组成专案组' }).waitFor();
    const head = await system.tokenFor('head.amr');
    expect((await system.request('GET', `/referrals/${id}`, { token: head })).body).toMatchObject({
      source: 'inspection',
      sourceRef: 'JC-2026-0302',
      category: 'general',
      unitId: 'amr',
      recordedBy: 'head.amr',
    });
    await finishPage(page, errors);
  });
});
