import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import {
  finishPage,
  startConsoleStack,
  type ConsoleStack,
  screenshot,
  signInThroughPage,
  stepAnsweredTo,
} from '../helpers/browser.js';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * A person's step that cannot be answered at once. The engine has not answered it (its worker is down,
 * as in a burst that holds every slot): the API answers 503 `engine.busy` after ENGINE_WAIT_SECONDS, and
 * the console sends the same step again under the same Idempotency-Key, announcing each retry, until the
 * step's own answer comes. Or the person's session ended while the form was open: the page stays, with
 * what was typed, until the same person signs in again.
 */
describe('the console, when a step cannot be answered at once', () => {
  let system: TestSystem;
  let browser: Browser;
  let stack: ConsoleStack | undefined;

  beforeAll(async () => {
    // ENGINE_WAIT_SECONDS short, so the first attempt is answered engine.busy while the worker is down.
    ({ system, browser } = stack = await startConsoleStack({ env: { ENGINE_WAIT_SECONDS: '2' } }));
  });
  afterAll(() => stack?.stop());

  it('sends the step again under its key while the engine is busy, then shows its answer; the step is taken once', async () => {
    const registered = await system.request('POST', '/risk-items', {
      token: await system.tokenFor('handler.amr'),
      body: riskItemBody(),
    });
    expect(registered.status).toBe(201);
    const caseId = registered.body.id as string;
    const assigned = await system.request('POST', `/risk-items/${caseId}/assign`, {
      token: await system.tokenFor('supervisor.fso'),
      body: { responsibleUnitId: 'amr' },
    });
    expect(assigned.status).toBe(200);

    const { page, errors } = await signInThroughPage(browser, system, 'handler.amr');
    await page.goto(`/console/risk-items/${caseId}`);
    await page.getByText('期限依据').waitFor();
    const sent: Array<{ key: string | undefined; status: number }> = [];
    page.on('response', (response) => {
      const request = response.request();
      if (request.method() === 'POST' && new URL(request.url()).pathname === `/risk-items/${caseId}/start`)
        sent.push({ key: request.headers()['idempotency-key'], status: response.status() });
    });

    await system.stopWorker();
    await page.getByRole('button', { name: '开始整改' }).click();
    await page.getByText('系统繁忙，正在等待办理结果（第 1/3 次重新查询）…').waitFor();
    await screenshot(page, '30-handler-step-waits-for-the-engine');
    await system.startWorker();

    // The answer of the step itself: the next step is offered.
    await page.getByRole('button', { name: '提交整改' }).waitFor();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent[0]).toMatchObject({ status: 503, key: expect.stringMatching(/^console-[0-9a-f]{32}$/) });
    expect(new Set(sent.map((attempt) => attempt.key)).size).toBe(1);
    expect(sent.at(-1)?.status).toBe(200);

    const timeline = await system.request<Array<{ action: string }>>(
      'GET',
      `/risk-items/${caseId}/timeline`,
      {
        token: await system.tokenFor('handler.amr'),
      },
    );
    expect(timeline.body.filter((entry) => entry.action === 'start-rectification')).toHaveLength(1);
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('keeps the open form when the session ends: the same person signs in again over it and sends the step; another account starts afresh', async () => {
    const handlerToken = await system.tokenFor('handler.amr');
    const registered = await system.request('POST', '/risk-items', {
      token: handlerToken,
      body: riskItemBody(),
    });
    const caseId = registered.body.id as string;
    for (const [path, token] of [
      ['assign', await system.tokenFor('supervisor.fso')],
      ['start', handlerToken],
    ] as const) {
      const body = path === 'assign' ? { responsibleUnitId: 'amr' } : {};
      expect((await system.request('POST', `/risk-items/${caseId}/${path}`, { token, body })).status).toBe(
        200,
      );
    }
    // The handler's sessions go idle past SESSION_IDLE_TIMEOUT, as over a long lunch.
    const idle = () =>
      system.api
        .get(DataSource)
        .query(
          `UPDATE auth_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = 'handler.amr' AND ended_at IS NULL`,
        );

    const { page, errors, password } = await signInThroughPage(browser, system, 'handler.amr');
    await page.goto(`/console/risk-items/${caseId}`);
    await page.getByRole('button', { name: '提交整改' }).click();
    const measures = '已下架全部过期食品，建立进货查验台账，并对从业人员开展培训';
    await page.getByLabel('整改措施').fill(measures);
    await idle();
    const refused = await stepAnsweredTo(page, page.getByRole('button', { name: '确 定' }), '/submit');
    expect(refused).toMatchObject({ status: 401, body: { code: 'auth.session-expired', why: 'idle' } });

    // Asked over the page, which keeps what was typed; a wrong password is said so in the dialog.
    const ended = page.getByRole('dialog', { name: '请重新登录' });
    await ended.getByText(/^您已较长时间未操作，登录已超时。本页已填写的内容仍然保留/).waitFor();
    await ended.getByText('市场监管局经办人（示例）（handler.amr）').waitFor();
    await expect(page.getByLabel('整改措施').inputValue()).resolves.toBe(measures);
    await screenshot(page, '31-handler-session-ended-over-form');
    await ended.getByLabel('密码').fill('not the password');
    await ended.getByRole('button', { name: '重新登录' }).click();
    await ended.getByRole('alert').getByText('密码不正确').waitFor();
    // Not signed in elsewhere either: said so, and why the session ended still reads as it did.
    await ended.getByRole('button', { name: '已在其他窗口登录，继续' }).click();
    await ended.getByRole('alert').getByText('尚未重新登录：请输入密码，或先在其他窗口登录').waitFor();
    await ended.getByText(/^您已较长时间未操作，登录已超时。/).waitFor();
    await ended.getByLabel('密码').fill(password);
    await ended.getByRole('button', { name: '重新登录' }).click();
    await ended.waitFor({ state: 'hidden' });
    const sent = await stepAnsweredTo(page, page.getByRole('button', { name: '确 定' }), '/submit');
    expect(sent).toMatchObject({ status: 200, body: { status: 'submitted' } });
    await page.getByText('待核查').waitFor();

    // Ended again, and met on the way to another page: leaving for another account drops this page.
    await idle();
    await page.getByRole('menuitem', { name: '我的待办' }).click();
    await ended.getByRole('button', { name: '换用其他账号登录（放弃本页内容）' }).click();
    await page.waitForURL('**/console/sign-in');
    // The session-expired answers are the API's; the page itself logged no error.
    await finishPage(
      page,
      errors.filter((error) => !/status of 401/.test(error)),
    );

    const timeline = await system.request<Array<{ action: string; payload: unknown }>>(
      'GET',
      `/risk-items/${caseId}/timeline`,
      { token: handlerToken },
    );
    const submissions = timeline.body.filter((entry) => entry.action === 'submit-rectification');
    expect(submissions).toHaveLength(1);
    expect(JSON.stringify(submissions[0])).toContain(measures);
  });
});
