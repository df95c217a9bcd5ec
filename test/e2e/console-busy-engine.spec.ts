import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser } from 'playwright-core';
import { startConsoleStack, type ConsoleStack, screenshot, signInThroughPage } from '../helpers/browser.js';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * A person's step while the engine cannot answer it (its worker is down, as in a burst that holds every
 * slot): the API answers 503 `engine.busy` after ENGINE_WAIT_SECONDS, and the console sends the same
 * step again under the same Idempotency-Key, announcing each retry, until the step's own answer comes.
 */
describe('the console, when the engine has not answered a step yet', () => {
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
});
