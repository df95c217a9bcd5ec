import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { ReferralDocumentKind as D } from '../../libs/contracts/src/referral.contracts.js';
import {
  screenshot,
  signInThroughPage,
  finishPage,
  startConsoleStack,
  stepAnsweredTo,
  type ConsoleStack,
} from '../helpers/browser.js';
import { FULL_DOSSIER, referralDoc } from '../helpers/referral-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * A walk of a dozen steps between two sides' pages can take most of jest's default minute on a busy
 * machine, and over 150 s while console.spec registers its hundred items on the shared server.
 */
const WALK_TIMEOUT_MS = 240_000;

/** A step taken through the API to set a referral up: its route under the referral, who, the body. */
type ApiStep = [path: string, by: 'head.amr' | 'liaison.police', body: object];
const TO_RECEIVED: ApiStep[] = [
  ['team', 'head.amr', { officers: ['handler.amr', 'head.amr'] }],
  ['report', 'head.amr', { document: referralDoc(D.WrittenReport) }],
  ['decision', 'head.amr', { approved: true }],
  ['transfer', 'head.amr', { documents: FULL_DOSSIER }],
  ['receipt', 'liaison.police', {}],
];
const NOTICE: ApiStep = ['notice', 'liaison.police', { document: referralDoc(D.Notice) }];
const NOT_FILED: ApiStep[] = [
  ...TO_RECEIVED,
  ['filing-decision', 'liaison.police', { filed: false, reason: '现有证据不足以认定犯罪事实' }],
  NOTICE,
];
const HANDED_OVER: ApiStep[] = [
  ...TO_RECEIVED,
  ['filing-decision', 'liaison.police', { filed: true }],
  NOTICE,
  ['handover', 'head.amr', { documents: [referralDoc(D.HandoverList)] }],
];
/** The head refuses although the facts meet the criminal threshold (以罚代刑). */
const REFUSE: ApiStep = [
  'decision',
  'head.amr',
  { approved: false, thresholdMet: true, reason: '已作行政处罚，不再移送' },
];
/** The team and the report, then the refusal. */
const REFUSED: ApiStep[] = [...TO_RECEIVED.slice(0, 2), REFUSE];

/**
 * A referral (行刑衔接) taken through the console on the real path: the lead recorded through the API,
 * then the referring unit's head forms the team, reports, approves and transfers the dossier (files
 * hashed in the browser), and the police liaison receives it, files it and sends the written notice,
 * each on the case page with only the steps the API allows. Then every other step form, by the side
 * that takes it, on referrals set up through the API and walked through the branches: what the page
 * asks of an empty form, what it offers, what it says after the step, and what the API then holds.
 * Its own database.
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
  /** Opens a step's modal by its button and waits until it has appeared. */
  const openStep = async (page: Page, name: string) => {
    await page.getByLabel('可办理的步骤').getByRole('button', { name }).click();
    await modal(page).waitFor();
    // Once it has zoomed in: on a busy machine a click during the zoom can land on the mask, closing it.
    await modal(page).evaluate((dialog) =>
      Promise.all(
        dialog
          .getAnimations({ subtree: true })
          .map((animation: { finished: Promise<unknown> }) => animation.finished),
      ),
    );
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
  /** Picks an option (by its whole text) of a select in the modal; returns every option it offered. */
  const choose = async (page: Page, label: string, option: string) => {
    await modal(page).getByLabel(label).click();
    const item = page.locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
      {
        hasText: new RegExp(`^${option}$`),
      },
    );
    await item.waitFor();
    const offered = await item.locator('xpath=..').locator('.ant-select-item-option').allTextContents();
    await item.click();
    const held = modal(page)
      .locator('.ant-form-item', { has: page.getByLabel(label) })
      .getByText(option, { exact: true })
      .filter({ visible: true })
      .first();
    // A click that lands while the list still moves in is not a choice: choose once more.
    if (
      !(await held.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      ))
    ) {
      if (!(await item.isVisible())) await modal(page).getByLabel(label).click();
      await item.click();
      await held.waitFor();
    }
    return offered;
  };
  /** The step buttons the page offers. */
  const stepButtons = (page: Page) => page.getByLabel('可办理的步骤').getByRole('button').allTextContents();
  /**
   * Takes a step on the case page: opens its modal, confirms it empty and sees each field message of
   * `missing` (the page asks, nothing is sent), fills it and confirms; the API must take it.
   */
  const take = async (
    page: Page,
    step: { name: string; path: string; missing?: string[]; fill?: () => Promise<unknown> },
  ) => {
    await openStep(page, step.name);
    if (step.missing) {
      await modal(page).getByRole('button', { name: '确 定' }).click();
      for (const message of step.missing)
        await modal(page).locator('.ant-form-item-explain-error', { hasText: message }).waitFor();
    }
    await step.fill?.();
    expect(await confirm(page, `/${step.path}`)).toMatchObject({ status: 200 });
  };
  /** A referral of amr recorded and taken through `steps` by the API; its id. */
  const referralThrough = async (steps: ApiStep[], summary: string) => {
    const head = await system.tokenFor('head.amr');
    const lead = await system.request('POST', '/referrals', {
      token: head,
      body: { source: 'inspection', sourceRef: 'JC-2026-0310', actionNo: 6, category: 'general', summary },
    });
    expect(lead.status).toBe(201);
    const id: string = lead.body.id;
    await takeThroughApi(id, steps);
    return id;
  };
  /** Takes `steps` on a referral through the API, each by its side. */
  const takeThroughApi = async (id: string, steps: ApiStep[]) => {
    for (const [path, by, body] of steps) {
      const answer = await system.request('POST', `/referrals/${id}/${path}`, {
        token: await system.tokenFor(by),
        body,
      });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
  };
  const apiView = async (id: string) =>
    (await system.request('GET', `/referrals/${id}`, { token: await system.tokenFor('head.amr') })).body;
  /**
   * Opens a referral's case page from the tracker, as a person would, and waits for its status: the page
   * reads the referral afresh after the other side's step, without loading the console again.
   */
  const openCase = async (page: Page, id: string, statusZh: string) => {
    await page.getByRole('menuitem', { name: '行刑衔接' }).click();
    await page.getByRole('link', { name: id }).click();
    await status(page).getByText(statusZh, { exact: true }).waitFor();
  };
  /** What the case page says under `label` (a step's answer), once it holds `text`. */
  const answer = (page: Page, label: string, text: string | RegExp) =>
    page
      .locator('th.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::td[1]')
      .filter({ hasText: text })
      .waitFor();
  /** A row of the materials table: the step that recorded it, the document's kind. */
  const material = (page: Page, step: string, kind: string) =>
    page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: step, exact: true }) })
      .filter({
        has: page.getByRole('cell', { name: kind, exact: true }),
      });

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
    // Its officers by name, as the staff directory has them.
    await page.getByText(/^市场监管局经办人（示例）、市场监管局负责人（示例）（/).waitFor();

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
    await choose(page, '专项行动', '6. 餐饮质量安全提升行动');
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

  it(
    'the police refuse to file: reconsideration, then the procuratorate’s supervision; filed on its order, handed over, withdrawn and returned for a penalty',
    async () => {
      const id = await referralThrough(NOT_FILED, '销售病死猪肉，货值约 3 万元');
      const head = await signIn('head.amr');
      const police = await signIn('liaison.police');
      await openCase(head.page, id, '不予立案');
      await answer(head.page, '公安机关决定', '现有证据不足以认定犯罪事实');

      // 提请复议 (the head): the request letter is kept, on the page and in the referral.
      let letter = '';
      await take(head.page, {
        name: '提请复议',
        path: 'reconsideration-request',
        missing: ['请选择复议申请书'],
        fill: async () => (letter = await chooseFile(modal(head.page), '复议申请书.pdf')),
      });
      await status(head.page).getByText('复议中').waitFor();
      await material(head.page, '提请复议', '复议或立案监督申请书').waitFor();

      // 作出复议决定 (the police): they see the letter; they maintain the refusal, with a reason.
      await openCase(police.page, id, '复议中');
      await material(police.page, '提请复议', '复议或立案监督申请书').waitFor();
      await take(police.page, {
        name: '作出复议决定',
        path: 'reconsideration-decision',
        missing: ['请选择复议决定'],
        fill: async () => {
          expect(await choose(police.page, '复议决定', '维持不予立案')).toEqual([
            '撤销原决定，立案',
            '维持不予立案',
          ]);
          await modal(police.page).getByLabel('理由或说明（选填）').fill('经复核，证据仍不足');
        },
      });
      await status(police.page).getByText('复议维持不立案').waitFor();
      await answer(police.page, '复议', /^提请复议（.+）；维持不予立案（.+）$/);

      // 建请立案监督 and the procuratorate's first act (the head records it): only an explanation asked.
      await openCase(head.page, id, '复议维持不立案');
      await take(head.page, {
        name: '建请立案监督',
        path: 'supervision-request',
        missing: ['请选择立案监督建议书'],
        fill: () => chooseFile(modal(head.page), '立案监督建议书.pdf'),
      });
      await status(head.page).getByText('立案监督中').waitFor();
      await answer(head.page, '立案监督', /^因复议维持不予立案建请立案监督（.+）$/);
      await take(head.page, {
        name: '记录检察院意见',
        path: 'procuratorate',
        missing: ['请选择检察院文书'],
        fill: async () => {
          expect(await choose(head.page, '检察院意见', '要求公安机关说明不立案理由')).toEqual([
            '要求公安机关说明不立案理由',
          ]);
          await chooseFile(modal(head.page), '要求说明不立案理由通知书.pdf');
        },
      });
      await status(head.page).getByText('待公安机关说明理由').waitFor();

      // 说明不立案理由 (the police), then the procuratorate orders the filing (the head records it).
      await openCase(police.page, id, '待公安机关说明理由');
      let explanation = '';
      await take(police.page, {
        name: '说明不立案理由',
        path: 'explanation',
        missing: ['请选择不立案理由说明书'],
        fill: async () => (explanation = await chooseFile(modal(police.page), '不立案理由说明书.pdf')),
      });
      await status(police.page).getByText('公安机关已说明理由').waitFor();
      await material(police.page, '说明不立案理由', '不立案理由说明书').waitFor();
      await openCase(head.page, id, '公安机关已说明理由');
      await take(head.page, {
        name: '记录检察院意见',
        path: 'procuratorate',
        fill: async () => {
          expect(await choose(head.page, '检察院意见', '通知公安机关立案')).toEqual([
            '通知公安机关立案',
            '认为不立案理由成立',
          ]);
          await chooseFile(modal(head.page), '通知立案书.pdf');
        },
      });
      await status(head.page).getByText('检察院已通知立案').waitFor();
      await answer(
        head.page,
        '立案监督',
        /；检察院要求公安机关说明不立案理由（.+）；公安机关已说明不立案理由（.+）；检察院通知公安机关立案（.+）$/,
      );

      // Ordered to file, the police can only file.
      await openCase(police.page, id, '检察院已通知立案');
      await take(police.page, {
        name: '作出是否立案决定',
        path: 'filing-decision',
        fill: async () => expect(await choose(police.page, '决定', '立案')).toEqual(['立案']),
      });
      await status(police.page).getByText('公安机关已决定，待书面通知').waitFor();
      await takeThroughApi(id, [NOTICE]);

      // 移交涉案物品 (the head), 撤销案件 (the police), 作出行政处罚决定 (the head).
      await openCase(head.page, id, '已立案');
      await take(head.page, {
        name: '移交涉案物品',
        path: 'handover',
        missing: ['请选择移交清单'],
        fill: () => chooseFile(modal(head.page), '移交清单.pdf'),
      });
      await status(head.page).getByText('已移交涉案物品').waitFor();
      await openCase(police.page, id, '已移交涉案物品');
      await take(police.page, {
        name: '撤销案件',
        path: 'withdrawal',
        missing: ['请选择撤销案件决定书', '请填写理由'],
        fill: async () => {
          await modal(police.page).getByText('案件退回移送机关').waitFor();
          await chooseFile(modal(police.page), '撤销案件决定书.pdf');
          await modal(police.page).getByLabel('理由').fill('涉案金额未达追诉标准');
        },
      });
      await status(police.page).getByText('退回行政处罚').waitFor();
      await answer(police.page, '刑事案件', /^公安机关撤销案件（.+）：涉案金额未达追诉标准$/);
      await material(police.page, '撤销案件', '书面通知').waitFor();
      await finishPage(police.page, police.errors);

      await openCase(head.page, id, '退回行政处罚');
      let penalty = '';
      await take(head.page, {
        name: '作出行政处罚决定',
        path: 'penalty-decision',
        missing: ['未选择处罚决定书时请填写理由'],
        fill: async () => {
          await modal(head.page).getByText('记录后本案办结').waitFor();
          penalty = await chooseFile(modal(head.page), '行政处罚决定书.pdf');
        },
      });
      await status(head.page).getByText('已办结').waitFor();
      await answer(head.page, '退回后的行政处罚', '已作出行政处罚决定（');
      await answer(head.page, '办结方式', '退回后行政处理完毕');
      const timeline = head.page.locator('.ant-timeline');
      for (const step of ['提请复议', '作出复议决定', '建请立案监督', '说明不立案理由', '撤销案件'])
        await timeline.getByText(new RegExp(`^\\d+\\. ${step}$`)).waitFor();
      await screenshot(head.page, 'referral-05-withdrawn-penalty-decided');
      expect(await stepButtons(head.page)).toEqual([]);
      expect(await apiView(id)).toMatchObject({
        status: 'closed',
        outcome: 'returned-penalty-decided',
        reconsideration: { decision: 'maintain', document: { kind: 'request-letter', sha256: letter } },
        supervision: {
          ground: 'reconsideration-maintained',
          document: { kind: 'request-letter' },
          explanation: { kind: 'explanation', sha256: explanation },
          events: [{ event: 'explanation-requested' }, { event: 'filing-ordered' }],
        },
        filing: { filed: true },
        criminalOutcome: {
          outcome: 'withdrawn',
          reason: '涉案金额未达追诉标准',
          document: { kind: 'notice' },
        },
        penaltyAfterReturn: { document: { kind: 'penalty-decision', sha256: penalty } },
      });
      await finishPage(head.page, head.errors);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'the police ask for missing materials (a handler supplies them), extend their review twice and refuse to file; the head transfers duty-crime clues and accepts the refusal',
    async () => {
      const id = await referralThrough(TO_RECEIVED, '餐馆使用地沟油，涉案人员含一名公职人员');
      const head = await signIn('head.amr');
      const police = await signIn('liaison.police');

      // While the police's filing period runs, supervision is not offered; duty-crime clues go at any time.
      await openCase(head.page, id, '公安机关已接受');
      const offered = await stepButtons(head.page);
      expect(offered).toContain('移送职务犯罪线索');
      expect(offered).not.toContain('建请立案监督');
      await take(head.page, {
        name: '移送职务犯罪线索',
        path: 'duty-crime-clues',
        missing: ['请选择移送监察机关函', '请填写理由'],
        fill: async () => {
          await chooseFile(modal(head.page), '移送监察机关函.pdf');
          await modal(head.page).getByLabel('理由').fill('乡镇食品安全监管员涉嫌玩忽职守');
        },
      });
      await answer(head.page, '移送监察机关（第 1 次）', /（.+）：乡镇食品安全监管员涉嫌玩忽职守$/);

      // 通知材料不全 (the police) within the 24 hours; a handler of the unit, from the tracker, sees what
      // is missing and supplies it.
      await openCase(police.page, id, '公安机关已接受');
      await take(police.page, {
        name: '通知材料不全',
        path: 'incomplete',
        missing: ['请写明缺少的材料'],
        fill: () => modal(police.page).getByLabel('缺少的材料').fill('检验报告原件'),
      });
      await status(police.page).getByText('材料待补正').waitFor();
      const handler = await signIn('handler.amr');
      await openCase(handler.page, id, '材料待补正');
      await answer(handler.page, '材料不全（第 1 次）', /^缺少：检验报告原件；待移送机关补正$/);
      let supplement = '';
      await take(handler.page, {
        name: '补正材料',
        path: 'completion',
        missing: ['请选择补正材料'],
        fill: async () => (supplement = await chooseFile(modal(handler.page), '检验报告原件.pdf')),
      });
      await status(handler.page).getByText('公安机关已接受').waitFor();
      await answer(handler.page, '材料不全（第 1 次）', /^缺少：检验报告原件；已于 .+ 补正$/);
      await finishPage(handler.page, handler.errors);

      // 延长立案审查期限 twice (the police): each time only the approval now due; then no more.
      await openCase(police.page, id, '公安机关已接受');
      await take(police.page, {
        name: '延长立案审查期限',
        path: 'extension',
        missing: ['请填写批准人', '请选择延长审批文书'],
        fill: async () => {
          expect(await choose(police.page, '批准层级', '县级公安机关负责人批准（延长至 30 日）')).toEqual([
            '县级公安机关负责人批准（延长至 30 日）',
          ]);
          await modal(police.page).getByLabel('批准人（职务或姓名）').fill('县公安局局长');
          await chooseFile(modal(police.page), '延长审批表.pdf');
        },
      });
      await answer(
        police.page,
        '延长立案审查期限（第 1 次）',
        '县级公安机关负责人批准，批准人：县公安局局长（',
      );
      await take(police.page, {
        name: '延长立案审查期限',
        path: 'extension',
        fill: async () => {
          expect(await choose(police.page, '批准层级', '上一级公安机关批准（再延长 30 日）')).toEqual([
            '上一级公安机关批准（再延长 30 日）',
          ]);
          await modal(police.page).getByLabel('批准人（职务或姓名）').fill('市公安局副局长');
          await chooseFile(modal(police.page), '再延长审批表.pdf');
        },
      });
      await answer(
        police.page,
        '延长立案审查期限（第 2 次）',
        '上一级公安机关批准，批准人：市公安局副局长（',
      );
      expect(await stepButtons(police.page)).not.toContain('延长立案审查期限');

      // 不予立案 needs its reason on the page.
      await take(police.page, {
        name: '作出是否立案决定',
        path: 'filing-decision',
        fill: async () => {
          await choose(police.page, '决定', '不予立案');
          await modal(police.page).getByRole('button', { name: '确 定' }).click();
          await modal(police.page)
            .locator('.ant-form-item-explain-error', { hasText: '不予立案时请填写理由' })
            .waitFor();
          await modal(police.page).getByLabel('理由（不予立案时必填）').fill('不构成犯罪');
        },
      });
      await status(police.page).getByText('公安机关已决定，待书面通知').waitFor();
      await finishPage(police.page, police.errors);
      await takeThroughApi(id, [NOTICE]);

      // 接受不立案决定 (the head) closes the referral, as the modal says first.
      await openCase(head.page, id, '不予立案');
      await take(head.page, {
        name: '接受不立案决定',
        path: 'acceptance',
        missing: ['请填写理由'],
        fill: async () => {
          await modal(head.page).getByText('接受后本案办结').waitFor();
          await modal(head.page).getByLabel('理由').fill('同意公安机关意见，依法作出行政处罚');
        },
      });
      await status(head.page).getByText('已办结').waitFor();
      await answer(head.page, '办结方式', '移送机关接受不立案决定');
      await head.page
        .locator('.ant-timeline')
        .getByText(/^\d+\. 通知材料不全$/)
        .waitFor();
      await screenshot(head.page, 'referral-06-incomplete-extended-accepted');
      expect(await apiView(id)).toMatchObject({
        status: 'closed',
        outcome: 'non-filing-accepted',
        incompleteRounds: [
          { missing: '检验报告原件', documents: [{ kind: 'supplement', sha256: supplement }] },
        ],
        approvals: [
          { level: 'county-police-head', approver: '县公安局局长', document: { kind: 'approval' } },
          { level: 'higher-police', approver: '市公安局副局长' },
        ],
        dutyCrimeTransfers: [{ reason: '乡镇食品安全监管员涉嫌玩忽职守' }],
        filing: { filed: false, reason: '不构成犯罪' },
      });
      await finishPage(head.page, head.errors);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'the police reconsider and file; one handed-over case is not prosecuted, another ends in court',
    async () => {
      const [reconsidered, notProsecuted, judged] = await Promise.all([
        referralThrough(
          [...NOT_FILED, ['reconsideration-request', 'head.amr', { document: referralDoc(D.RequestLetter) }]],
          '生产销售不符合安全标准的婴幼儿辅食',
        ),
        referralThrough(HANDED_OVER, '超范围使用食品添加剂'),
        referralThrough(HANDED_OVER, '生产销售有毒有害食品'),
      ]);

      const police = await signIn('liaison.police');
      await openCase(police.page, reconsidered, '复议中');
      await take(police.page, {
        name: '作出复议决定',
        path: 'reconsideration-decision',
        fill: () => choose(police.page, '复议决定', '撤销原决定，立案'),
      });
      await status(police.page).getByText('已立案').waitFor();
      await answer(police.page, '复议', /；撤销原决定，立案（.+）$/);
      await finishPage(police.page, police.errors);

      const head = await signIn('head.amr');
      await openCase(head.page, notProsecuted, '已移交涉案物品');
      await take(head.page, {
        name: '记录不起诉决定',
        path: 'non-prosecution',
        missing: ['请选择不起诉决定书'],
        fill: async () => {
          await modal(head.page).getByText('案件退回移送机关').waitFor();
          await chooseFile(modal(head.page), '不起诉决定书.pdf');
        },
      });
      await status(head.page).getByText('退回行政处罚').waitFor();
      await answer(head.page, '刑事案件', /^检察院决定不起诉（.+）$/);
      await material(head.page, '记录不起诉决定', '检察院（法院）文书').waitFor();
      await take(head.page, {
        name: '作出行政处罚决定',
        path: 'penalty-decision',
        fill: () => modal(head.page).getByLabel('理由（未作行政处罚时必填）').fill('当事人已注销，无从处罚'),
      });
      await status(head.page).getByText('已办结').waitFor();
      await answer(head.page, '退回后的行政处罚', /^未作行政处罚（.+）：当事人已注销，无从处罚$/);

      await openCase(head.page, judged, '已移交涉案物品');
      await take(head.page, {
        name: '记录刑事案件结果',
        path: 'criminal-conclusion',
        missing: ['请选择起诉书或判决书'],
        fill: async () => {
          await modal(head.page).getByText('记录后本案办结').waitFor();
          await chooseFile(modal(head.page), '刑事判决书.pdf');
        },
      });
      await status(head.page).getByText('已办结').waitFor();
      await answer(head.page, '刑事案件', /^刑事案件审结（.+）$/);
      await answer(head.page, '办结方式', '刑事案件已审结');
      await material(head.page, '记录刑事案件结果', '检察院（法院）文书').waitFor();
      await finishPage(head.page, head.errors);

      const views = await Promise.all([reconsidered, notProsecuted, judged].map(apiView));
      expect(views).toMatchObject([
        { status: 'filed', reconsideration: { decision: 'file' }, filing: { filed: true } },
        {
          outcome: 'returned-penalty-decided',
          criminalOutcome: { outcome: 'not-prosecuted' },
          penaltyAfterReturn: { document: null, reason: '当事人已注销，无从处罚' },
        },
        { outcome: 'criminal-case-concluded', criminalOutcome: { outcome: 'concluded' } },
      ]);
    },
    WALK_TIMEOUT_MS,
  );

  it('a refusal over the threshold: the auditor finds it unfounded from the tracker, a supervisor records the procuratorate’s finding', async () => {
    const id = await referralThrough(REFUSED, '小作坊生产假冒调味品');
    const finding = (page: Page, foundBy: string, reason: string) =>
      take(page, {
        name: '记录不予移送的审查意见',
        path: 'refusal-findings',
        missing: ['请选择审查意见', '请填写理由'],
        fill: async () => {
          expect(await choose(page, '审查意见来源', foundBy)).toEqual([foundBy]);
          await chooseFile(modal(page), `${foundBy}.pdf`);
          await modal(page).getByLabel('理由').fill(reason);
        },
      });

    const auditor = await signIn('auditor.discipline');
    await openCase(auditor.page, id, '不予移送');
    await auditor.page.getByText('以罚代刑', { exact: true }).waitFor();
    await finding(auditor.page, '审计发现', '涉案金额已达立案追诉标准');
    await status(auditor.page).getByText('待负责人审批').waitFor();
    await answer(auditor.page, '审查意见（第 1 次）', /^审计发现（.+）：涉案金额已达立案追诉标准$/);
    await finishPage(auditor.page, auditor.errors);

    await takeThroughApi(id, [REFUSE]);
    const supervisor = await signIn('supervisor.fso');
    await openCase(supervisor.page, id, '不予移送');
    await finding(supervisor.page, '检察院认定', '检察院认为应当移送');
    await status(supervisor.page).getByText('待负责人审批').waitFor();
    await finishPage(supervisor.page, supervisor.errors);
    expect(await apiView(id)).toMatchObject({
      status: 'awaiting-decision',
      administrativeOnly: true,
      refusalFindings: [
        { foundBy: 'auditor', recordedBy: 'auditor.discipline', document: { kind: 'finding' } },
        { foundBy: 'procuratorate', recordedBy: 'supervisor.fso', reason: '检察院认为应当移送' },
      ],
    });
  });
});
