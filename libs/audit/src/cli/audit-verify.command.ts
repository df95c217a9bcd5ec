import { existsSync, readFileSync } from 'node:fs';
import { IllegalStateError } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { type Command } from 'commander';
import { isWorkflowRun } from '../../../contracts/src/ledger.js';
import { replayCase } from '../case-replay.js';
import { checkDossier } from '../domain/dossier.js';

/** What `duban audit verify` found: one line per check, each saying exactly what passed or failed. */
export interface DossierVerification {
  ok: boolean;
  lines: string[];
}

/**
 * Verifies a dossier with no server: its structure, hash chain and chain head, the histories' digests,
 * the documents against the ledger's records, then replays the histories on the built workflow bundle and compares the replayed steps with the ledger.
 */
export async function verifyDossierFile(file: string, bundlePath: string): Promise<DossierVerification> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, lines: [`✗ cannot read ${file}: ${(err as Error).message}`] };
  }
  const check = checkDossier(text);
  const lines = check.problems.map((p) => `✗ ${p}`);
  const dossier = check.dossier;
  if (!dossier) return { ok: false, lines };
  if (check.ok) {
    const head = dossier.chainHead;
    lines.push(`✓ ledger chain of ${dossier.caseId} intact: ${head.sequence} entries, head ${head.hash}`);
    const runs = dossier.histories.length;
    lines.push(`✓ ${runs} workflow ${runs === 1 ? 'history matches its' : 'histories match their'} sha256`);
    const documents = dossier.documents.filter((doc) => doc.sequence !== null).length;
    lines.push(
      `✓ ${documents} ${documents === 1 ? 'document matches' : 'documents match'} what the ledger recorded`,
    );
  }
  // A chain the API wrote alone (reporting-cycles, a publication) has no history: its hashes are its proof.
  const ledgerOnly =
    dossier.ledger.length > 0 && !dossier.ledger.some(isWorkflowRun) && dossier.histories.length === 0;
  if (ledgerOnly) {
    lines.push(
      `✓ no workflow ran ${dossier.caseId}: its steps were recorded directly, there is nothing to replay`,
    );
    return { ok: check.ok, lines };
  }
  if (!existsSync(bundlePath)) {
    lines.push(`✗ workflow bundle ${bundlePath} not found: run npm run build, or pass --bundle`);
    return { ok: false, lines };
  }
  const verdict = await replayCase(bundlePath, dossier.histories, dossier.ledger);
  for (const run of verdict.runs) {
    lines.push(
      run.deterministic ? `✓ run ${run.runId} replays deterministically` : `✗ run ${run.runId}: ${run.error}`,
    );
  }
  if (verdict.firstMismatch) {
    lines.push(
      `✗ replayed code disagrees with ledger step ${verdict.firstMismatch.sequence}: ${verdict.firstMismatch.reason}`,
    );
  } else if (verdict.deterministic) {
    lines.push(`✓ the replayed code writes the same ${verdict.replayedSteps} ledger steps`);
  }
  lines.push(
    verdict.finalStateMatches
      ? '✓ the replayed final state matches the ledger’s final state'
      : '✗ the replayed final state does not match the ledger’s final state',
  );
  return { ok: check.ok && verdict.reproduced, lines };
}

/** The command prints its own findings; the replay worker's state changes would bury them. */
function quietTemporalLogs(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (err) {
    if (!(err instanceof IllegalStateError)) throw err; // a runtime is in place already (tests)
  }
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('Audit tools (审计)')
    .command('verify')
    .description(
      'verify a case dossier offline: hash chain, chain head, history digests, documents, deterministic replay',
    )
    .argument('<file>', 'a dossier exported from GET /audit/cases/{caseId}/dossier')
    .option(
      '--bundle <path>',
      'workflow bundle to replay with (default: $WORKFLOW_BUNDLE_PATH or dist/workflow-bundle.js)',
    )
    .action(async (file: string, options: { bundle?: string }) => {
      quietTemporalLogs();
      const bundle = options.bundle ?? process.env.WORKFLOW_BUNDLE_PATH ?? 'dist/workflow-bundle.js';
      const { ok, lines } = await verifyDossierFile(file, bundle);
      (ok ? process.stdout : process.stderr).write(
        `${lines.join('\n')}\n${ok ? 'dossier verified' : 'dossier NOT verified'}\n`,
      );
      if (!ok) process.exitCode = 1;
    });
}
