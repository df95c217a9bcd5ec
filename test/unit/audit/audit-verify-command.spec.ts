import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import { registerAuditCommand } from '../../../libs/audit/src/cli/audit-verify.command.js';

const dir = mkdtempSync(join(tmpdir(), 'duban-audit-cli-'));
let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  process.exitCode = undefined;
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<number> {
  const program = new Command('duban').exitOverride();
  registerAuditCommand(program);
  await program.parseAsync(['node', 'duban', 'audit', 'verify', ...args]);
  return Number(process.exitCode ?? 0);
}

describe('duban audit verify FILE (the checks that need no replay; e2e covers the replay)', () => {
  it('exits 1 on a truncated file, saying so', async () => {
    const file = join(dir, 'cut.json');
    writeFileSync(file, '{"format":"duban.audit.dossier/1","caseId":"FX-2026-0');
    expect(await run(file)).toBe(1);
    expect(stderr).toMatch(
      /^✗ the file is not complete JSON \(truncated or corrupted\): .*\ndossier NOT verified\n$/,
    );
    expect(stdout).toBe('');
  });

  it('exits 1 on a file that is not there', async () => {
    expect(await run(join(dir, 'missing.json'))).toBe(1);
    expect(stderr).toContain(`✗ cannot read ${join(dir, 'missing.json')}: ENOENT`);
  });

  it('exits 1 on an empty ledger, and says when the bundle to replay with is missing', async () => {
    const file = join(dir, 'empty-ledger.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'duban.audit.dossier/1',
        caseId: 'x',
        chainHead: {},
        ledger: [],
        histories: [],
        documents: [],
      }),
    );
    expect(await run(file, '--bundle', join(dir, 'none.js'))).toBe(1);
    expect(stderr).toContain('✗ the dossier has no ledger entries\n');
    expect(stderr).toContain(
      `✗ workflow bundle ${join(dir, 'none.js')} not found: run npm run build, or pass --bundle`,
    );
  });
});
