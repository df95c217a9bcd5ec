import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TemporalBinaries {
  cli: string;
  testServer: string;
}

/** Reads what scripts/setup-temporal.mjs resolved; tells the user how to fix a missing setup. */
export function temporalBinaries(root: string): TemporalBinaries {
  const file = join(root, '.tools', 'temporal.json');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: run \`node scripts/setup-temporal.mjs\` (npm start and npm test do it for you)`,
    );
  }
  const resolved = JSON.parse(readFileSync(file, 'utf8')) as Record<keyof TemporalBinaries, { path: string }>;
  return { cli: resolved.cli.path, testServer: resolved.testServer.path };
}
