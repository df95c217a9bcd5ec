import { expect } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Request,
} from 'playwright-core';
import { createOwnDatabase } from './own-database.js';
import { REPO_ROOT } from './repo-root.js';
import { TestSystem } from './test-system.js';

/** Screenshots of the console's pages, kept with the test output (git-ignored). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'console');

/** The Chromium that scripts/setup-browser.mjs provided (npm test runs it first). */
function chromiumPath(): string {
  if (process.env.DUBAN_CHROMIUM_PATH) return process.env.DUBAN_CHROMIUM_PATH;
  const recorded = join(REPO_ROOT, '.tools', 'browser.json');
  if (existsSync(recorded)) return (JSON.parse(readFileSync(recorded, 'utf8')) as { path: string }).path;
  return '/usr/bin/chromium';
}

/**
 * Builds the console into `outDir` as `npm run build` does, and measures its sign-in page against the
 * budget (the measuring script exits non-zero over it). Returns the measurement's report.
 */
export function buildConsole(outDir: string): string {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = join(REPO_ROOT, 'apps', 'console', 'vite.config.ts');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', config, '--outDir', outDir, '--logLevel', 'warn'],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'console-size.mjs'), outDir], {
    encoding: 'utf8',
  });
}

/**
 * The console as an office PC reaches it across the county's network: plain HTTP on a name that is not
 * this machine's loopback, so the page is not a secure context (no Clipboard API). Chromium resolves it
 * to 127.0.0.1.
 */
const OFFICE_NETWORK_HOST = 'duban.county.test';

/** The address of `baseUrl` (http://127.0.0.1:port) by the office network's name, same port. */
export const officeNetworkUrl = (baseUrl: string) => {
  const url = new URL(baseUrl);
  url.hostname = OFFICE_NETWORK_HOST;
  return url.origin;
};

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath}: run \`node scripts/setup-browser.mjs\``);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      `--host-resolver-rules=MAP ${OFFICE_NETWORK_HOST} 127.0.0.1`,
      // Chromium's sandbox refuses to start as root (containers, CI); elsewhere it stays on.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
}

/** A console test's system and browser, and the measurement of the console build it serves. */
export interface ConsoleStack {
  system: TestSystem;
  browser: Browser;
  sizeReport: string;
  /** Closes both and puts back the environment the stack changed. */
  stop: () => Promise<void>;
}

/**
 * The console on the real path for one test file: its own database, cookies over plain HTTP (Chromium
 * drops Secure cookies on http://127.0.0.1), a fresh console build, the API with its worker (unless
 * `worker: false`) and Chromium. `env` sets more of the environment for the file; `port` fixes the
 * API's port (see TestSystem.start).
 */
export async function startConsoleStack(
  options: { env?: Record<string, string>; worker?: boolean; port?: number } = {},
): Promise<ConsoleStack> {
  const env: Record<string, string> = {
    DATABASE_URL: await createOwnDatabase(),
    COOKIE_SECURE: 'false',
    CONSOLE_DIR: mkdtempSync(join(process.env.DUBAN_E2E_DIR ?? '/tmp', 'console-build-')),
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const restore = () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  Object.assign(process.env, env);
  try {
    const sizeReport = buildConsole(env.CONSOLE_DIR);
    const [system, browser] = await Promise.all([
      TestSystem.start({ worker: options.worker, port: options.port }),
      launchChromium(),
    ]);
    return {
      system,
      browser,
      sizeReport,
      stop: async () => {
        await browser.close();
        await system.stop();
        restore();
      },
    };
  } catch (err) {
    restore();
    throw err;
  }
}

/** Ends a page's journey: its browser context closes, and nothing may have gone wrong in it. */
export async function finishPage(page: Page, errors: string[]): Promise<void> {
  await page.context().close();
  expect(errors).toEqual([]);
}

/** An office PC: 1366×768, Chinese, Beijing time. */
export function officeContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/**
 * The two <style> tags antd's helpers insert without the nonce (decision 0021), refused at no real cost:
 * @rc-component/util measures a custom scrollbar inside a try ("to handle CSP case") and falls back to
 * the default width; a dialog's scroll lock on <body> is skipped, so the page behind it can scroll.
 */
const HARMLESS_REFUSALS = [/^#rc-scrollbar-measure-/, /^html body \{\s*overflow-y: hidden;/];

/**
 * What went wrong in the page: uncaught errors, console errors, and every Content-Security-Policy
 * refusal (from the page's own securitypolicyviolation events, with a sample of what was refused).
 * Answers with an error status are the API's business (a 401 before sign-in).
 */
export async function collectPageErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  // A string: this runs in the page, whose DOM types the test program does not load.
  await page.addInitScript(
    `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP refused (' + event.violatedDirective + '): ' + event.sample))`,
  );
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error' || text.startsWith('Failed to load resource')) return;
    // Chromium's own report of a refusal: the event above reports it with its sample.
    if (text.includes('violates the following Content Security Policy directive')) return;
    const sample = /^CSP refused \([^)]*\): (.*)$/s.exec(text)?.[1];
    if (sample !== undefined && HARMLESS_REFUSALS.some((harmless) => harmless.test(sample.trim()))) return;
    errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * A fresh office context signed in through the sign-in page (keyboard only) as a seeded person, with
 * the page's errors collected from the first page on.
 */
export async function signInThroughPage(
  browser: Browser,
  system: Pick<TestSystem, 'baseUrl' | 'givePassword'>,
  username: string,
  options: { mustChange?: boolean } = {},
): Promise<{ page: Page; errors: string[]; password: string }> {
  const page = await (await officeContext(browser, system.baseUrl)).newPage();
  const errors = await collectPageErrors(page);
  const password = await system.givePassword(username, options);
  await page.goto('/console/');
  await page.waitForURL('**/console/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  return { page, errors, password };
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

/** What the API answered to a step the page sent. */
export interface StepAnswer {
  status: number;
  body: unknown;
}

/**
 * Longer than the console waits for a step: four attempts of up to ENGINE_WAIT_SECONDS (30 s) each,
 * with 14 s of pauses between them (apps/console/src/api/client.ts).
 */
const STEP_ANSWER_WAIT_MS = 150_000;

/** The dialogs, alerts, toasts and field messages a page shows: what a person would read there. */
async function shownMessages(page: Page): Promise<string[]> {
  const shown = page.locator(
    '.ant-modal-content, .ant-alert, .ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error',
  );
  return shown.allInnerTexts().catch((error: unknown) => [`(not read: ${String(error)})`]);
}

/**
 * Clicks `button` and returns the API's answer to the step it sends (a POST or PATCH to a path ending in
 * `pathEnd`), past the `engine.busy` answers the console sends it again after. A test that expects the step taken then
 * fails with the status and problem the page got, instead of only a page text that never appeared.
 */
export async function stepAnsweredTo(page: Page, button: Locator, pathEnd: string): Promise<StepAnswer> {
  const isTheStep = (request: Request) =>
    ['POST', 'PATCH'].includes(request.method()) && new URL(request.url()).pathname.endsWith(pathEnd);
  // What went by while waiting, so a timeout says whether the step was never sent or never answered.
  const seen = { clicked: false, sent: 0, busy: 0 };
  const countSent = (request: Request) => void (isTheStep(request) && seen.sent++);
  page.on('request', countSent);
  try {
    const [response] = await Promise.all([
      page.waitForResponse(
        async (answer) => {
          if (!isTheStep(answer.request())) return false;
          const busy = answer.status() === 503 && (await answer.text()).includes('"engine.busy"');
          if (busy) seen.busy++;
          return !busy;
        },
        { timeout: STEP_ANSWER_WAIT_MS },
      ),
      button.click().then(() => (seen.clicked = true)),
    ]);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the text itself says what came back.
    }
    return { status: response.status(), body };
  } catch (error) {
    throw new Error(
      `no answer to the step ${pathEnd} within ${STEP_ANSWER_WAIT_MS} ms: ` +
        `${seen.clicked ? 'clicked' : 'not clicked'}, ${seen.sent} request(s) sent, ` +
        `${seen.busy} answered engine.busy; the page showed ${JSON.stringify(await shownMessages(page))}: ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  } finally {
    page.off('request', countSent);
  }
}
