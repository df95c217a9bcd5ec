import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import { registerAuditCommand } from '../../../libs/audit/src/cli/audit-verify.command.js';
import { DOSSIER_FORMAT, documentsOnLedger, historyDigest } from '../../../libs/audit/src/domain/dossier.js';
import { Role } from '../../../libs/contracts/src/identity.js';
import { chain } from '../../helpers/audit-fixtures.js';

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

  it('verifies a chain no workflow wrote (reporting-cycles) by its hashes, with nothing to replay', async () => {
    const ledger = chain(
      [1, 2].map((sequence) => ({
        caseType: 'reporting-cycle-run',
        caseId: 'reporting-cycles',
        sequence,
        actor: { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' },
        action: 'trigger-cycle',
        reason: '季度通报会前重新生成',
        stateBefore: null,
        stateAfter: { kind: 'trigger', cycle: 'quarterly-bulletin', workflowId: `w-${sequence}` },
        occurredAt: `2026-05-20T04:00:0${sequence}.000Z`,
        workflowId: 'reporting-cycles',
        runId: '-',
        requestId: `r-${sequence}`,
      })),
    );
    const file = join(dir, 'reporting-cycles.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: DOSSIER_FORMAT,
        caseId: 'reporting-cycles',
        caseType: 'reporting-cycle-run',
        exportedAt: '2026-05-20T05:00:00.000Z',
        chainHead: { sequence: 2, hash: ledger[1].hash },
        ledger,
        histories: [],
        documents: [],
      }),
    );
    // No bundle is needed: there is no history to replay.
    expect(await run(file, '--bundle', join(dir, 'none.js'))).toBe(0);
    expect(stdout).toContain('✓ ledger chain of reporting-cycles intact: 2 entries');
    expect(stdout).toContain(
      '✓ no workflow ran reporting-cycles: its steps were recorded directly, there is nothing to replay\ndossier verified\n',
    );
    expect(stderr).toBe('');
  });

  it('exits 1 when a document’s sha256 differs from the digest its ledger step recorded, naming it', async () => {
    const sha256 = 'ab'.repeat(32);
    const ledger = chain([
      {
        caseType: 'risk-item',
        caseId: 'FX-2026-000001',
        sequence: 1,
        actor: { userId: 'u', role: Role.Handler, unitId: 'amr' },
        action: 'submit',
        reason: null,
        stateBefore: null,
        stateAfter: { evidence: [{ fileName: '整改照片.jpg', mediaType: 'image/jpeg', size: 3, sha256 }] },
        occurredAt: '2026-11-28T02:00:00.000Z',
        workflowId: 'risk-item/FX-2026-000001',
        runId: 'run-1',
        requestId: 'r-1',
      },
    ]);
    const history = {
      events: [
        {
          eventId: '1',
          eventTime: '2026-11-28T02:00:00Z',
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
        },
      ],
    };
    const documents = documentsOnLedger(ledger).map((doc) => ({ ...doc, sha256: '0'.repeat(64) }));
    const file = join(dir, 'zeroed-document.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: DOSSIER_FORMAT,
        caseId: 'FX-2026-000001',
        caseType: 'risk-item',
        exportedAt: '2026-11-28T03:00:00.000Z',
        chainHead: { sequence: 1, hash: ledger[0].hash },
        ledger,
        histories: [
          {
            workflowId: 'risk-item/FX-2026-000001',
            runId: 'run-1',
            source: 'archive',
            sha256: historyDigest(history),
            history,
          },
        ],
        documents,
      }),
    );
    expect(await run(file, '--bundle', join(dir, 'none.js'))).toBe(1);
    expect(stderr.split('\n').filter((line) => line.includes('整改照片.jpg'))).toEqual([
      `✗ document 整改照片.jpg does not match ledger step 1: its sha256 is ${'0'.repeat(64)}, the ledger records ${sha256}`,
    ]);
    expect(stderr).toMatch(/dossier NOT verified\n$/);
  });
});
