import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start` writes the addresses and the signing secret of the local stack to
 * `<data dir>/runtime.env`; reading it lets CLI commands talk to that stack without extra setup.
 * Variables already set in the environment win.
 */
export function loadRuntimeEnv(dataDir = process.env.DUBAN_DATA_DIR ?? '.duban'): void {
  const file = join(dataDir, 'runtime.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
