// Pieces of a local Duban stack shared by `npm start` and `npm run drill:faults`: child processes with
// their output in log files, embedded PostgreSQL in a process of its own, waiting for the API.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts `node <args>` in its own process group (so Ctrl-C reaches only the starter, which stops
 * children in order), stderr (and stdout unless it is the caller's to read) appended to `<name>.log`.
 */
export function spawnLogged(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logDir: string,
  stdoutToLog = true,
): ChildProcess {
  const out = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (stdoutToLog) child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  process.once('exit', () => child.kill('SIGKILL'));
  return child;
}

/** Embedded PostgreSQL in a child process; resolves once it answers, with its URL. */
export async function startPostgresProcess(
  dataDir: string,
  port: number,
  logDir: string,
): Promise<{ child: ChildProcess; databaseUrl: string }> {
  const script = join(REPO_ROOT, 'dist/libs/platform/src/embedded/postgres-process.js');
  const child = spawnLogged('postgres', [script, dataDir, String(port), 'duban'], process.env, logDir, false);
  const [line] = await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line') as Promise<[string]>,
    once(child, 'exit').then(() => ['{"ready":false,"error":"exited during start"}']),
  ]);
  const answer = JSON.parse(line) as { ready: boolean; databaseUrl?: string; error?: string };
  if (!answer.ready || !answer.databaseUrl) throw new Error(`PostgreSQL did not start: ${answer.error}`);
  return { child, databaseUrl: answer.databaseUrl };
}

export async function waitForApi(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`the API did not become ready within ${timeoutMs / 1000} s`);
}
