#!/usr/bin/env node
// Provides the Chromium that the console's browser tests drive, in this order:
//   1. DUBAN_CHROMIUM_PATH, or /usr/bin/chromium (Debian's package);
//   2. as root on a Debian-like machine: `apt-get install -y chromium fonts-noto-cjk` (CJK fonts so that
//      screenshots of the Chinese pages show text, not boxes);
//   3. Playwright's own download (needs internet), into the git-ignored .tools/ folder.
// The result is written to .tools/browser.json, which the browser tests read.
// Plain JavaScript so that it runs before anything is compiled, like setup-temporal.mjs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const log = (msg) => process.stderr.write(`[setup-browser] ${msg}\n`);

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function fromApt() {
  if (process.getuid?.() !== 0) throw new Error('not root, so apt-get cannot install chromium');
  if (!isExecutable('/usr/bin/apt-get')) throw new Error('no apt-get on this machine');
  log('installing chromium and fonts-noto-cjk with apt-get ...');
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], {
      encoding: 'utf8',
      env,
    });
  let result = install();
  if (result.status !== 0) {
    // A fresh image has no package lists yet.
    spawnSync('apt-get', ['update'], { encoding: 'utf8', env });
    result = install();
  }
  if (result.status !== 0)
    throw new Error(
      `apt-get failed: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`,
    );
  if (!isExecutable(DEBIAN_CHROMIUM)) throw new Error(`${DEBIAN_CHROMIUM} missing after apt-get install`);
  log(`installed chromium in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return DEBIAN_CHROMIUM;
}

function fromPlaywrightDownload() {
  const browsersPath = join(toolsDir, 'playwright');
  log('asking Playwright to download Chromium ...');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'playwright-core', 'cli.js'), 'install', 'chromium'],
    { encoding: 'utf8', env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: browsersPath } },
  );
  if (result.status !== 0)
    throw new Error(
      `download failed: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`,
    );
  const found = spawnSync(
    process.execPath,
    ['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"],
    { encoding: 'utf8', cwd: root, env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: browsersPath } },
  );
  const path = found.stdout.trim();
  if (!isExecutable(path)) throw new Error('download finished but no chromium executable was found');
  return path;
}

function resolveBrowser() {
  const fromEnv = process.env.DUBAN_CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`DUBAN_CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: 'DUBAN_CHROMIUM_PATH' };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'installed' };
  const errors = [];
  try {
    return { path: fromApt(), source: 'apt-get chromium' };
  } catch (err) {
    errors.push(`apt-get: ${err.message}`);
  }
  if (process.env.DUBAN_NO_DOWNLOAD !== '1') {
    try {
      return { path: fromPlaywrightDownload(), source: 'Playwright download' };
    } catch (err) {
      errors.push(`Playwright download: ${err.message}`);
    }
  }
  throw new Error(
    [
      'Could not provide Chromium for the console browser tests.',
      ...errors.map((e) => `  - ${e}`),
      'Fix it in one of three ways:',
      '  1. point DUBAN_CHROMIUM_PATH at a Chromium executable;',
      '  2. run this step as root on Debian/Ubuntu: `apt-get install -y chromium fonts-noto-cjk`;',
      '  3. give this machine internet access so that Playwright can download Chromium.',
    ].join('\n'),
  );
}

try {
  mkdirSync(toolsDir, { recursive: true });
  const browser = resolveBrowser();
  writeFileSync(join(toolsDir, 'browser.json'), JSON.stringify(browser, null, 2) + '\n');
  log(`chromium: ${browser.path} (${browser.source})`);
} catch (err) {
  process.stderr.write(`\n${err.message}\n\n`);
  process.exit(1);
}
