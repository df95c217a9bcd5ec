import { createHash } from 'node:crypto';
import { type CaseDocument } from '../../../contracts/src/audit.contracts.js';
import { isWorkflowRun } from '../../../contracts/src/ledger.js';
import { canonicalJson } from '../../../platform/src/json/canonical-json.js';
import { verifyChain, type ChainedEntry } from '../../../ledger/src/domain/ledger-chain.js';
import { type HistoryJson } from './history-events.js';

export const DOSSIER_FORMAT = 'duban.audit.dossier/1';

/** One recorded run of a case's workflow, with where its history came from. */
export interface RecordedRun {
  workflowId: string;
  runId: string;
  source: 'temporal' | 'archive';
  /** sha256 of the canonical JSON of `history`. */
  sha256: string;
  history: HistoryJson;
}

/** Everything an auditor needs to check one case offline. */
export interface Dossier {
  format: typeof DOSSIER_FORMAT;
  caseId: string;
  caseType: string;
  exportedAt: string;
  chainHead: { sequence: number; hash: string };
  ledger: ChainedEntry[];
  histories: RecordedRun[];
  documents: CaseDocument[];
}

export const historyDigest = (history: HistoryJson): string =>
  createHash('sha256').update(canonicalJson(history)).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Documents the case's own steps declare: any object in a recorded state with a file name and a
 * sha256 (risk-item evidence, for one). Listed once, at the step that first recorded it.
 */
export function documentsOnLedger(entries: readonly ChainedEntry[]): CaseDocument[] {
  const found = new Map<string, CaseDocument>();
  const visit = (value: unknown, sequence: number, origin: string): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, sequence, origin));
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const name = record.fileName ?? record.name;
    if (typeof record.sha256 === 'string' && SHA256.test(record.sha256) && typeof name === 'string') {
      const key = `${record.sha256}/${name}`;
      if (!found.has(key)) {
        found.set(key, {
          origin,
          name,
          mediaType: typeof record.mediaType === 'string' ? record.mediaType : null,
          size: typeof record.size === 'number' ? record.size : null,
          sha256: record.sha256,
          sequence,
        });
      }
      return;
    }
    Object.values(record).forEach((v) => visit(v, sequence, origin));
  };
  for (const entry of entries) visit(entry.stateAfter, entry.sequence, `ledger:${entry.caseType}`);
  return [...found.values()];
}

export interface DossierCheck {
  ok: boolean;
  /** Each failed check, as a sentence that says exactly what is wrong. */
  problems: string[];
  dossier: Dossier | null;
}

/**
 * Checks a dossier file's text without replaying: that it is complete JSON of the dossier format, that
 * its ledger chain recomputes, that the chain ends at the stated head and that every history is intact
 * and belongs to a run on the ledger (and vice versa). Replay is the caller's next step.
 */
export function checkDossier(text: string): DossierCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return fail(`the file is not complete JSON (truncated or corrupted): ${(err as Error).message}`);
  }
  const d = parsed as Partial<Dossier> | null;
  if (typeof d !== 'object' || d === null || d.format !== DOSSIER_FORMAT) {
    return fail(`the file is not a Duban dossier (format must be '${DOSSIER_FORMAT}')`);
  }
  const missing = (['caseId', 'chainHead', 'ledger', 'histories', 'documents'] as const).filter(
    (key) => d[key] === undefined,
  );
  if (missing.length) return fail(`the dossier lacks ${missing.join(', ')}`);
  const dossier = d as Dossier;
  const problems: string[] = [];
  if (!Array.isArray(dossier.ledger) || dossier.ledger.length === 0) {
    return fail('the dossier has no ledger entries', dossier);
  }
  const foreign = dossier.ledger.find((e) => e.caseId !== dossier.caseId);
  if (foreign)
    problems.push(`ledger entry ${foreign.sequence} belongs to ${foreign.caseId}, not ${dossier.caseId}`);

  const verdict = verifyChain(dossier.ledger);
  if (!verdict.intact) {
    problems.push(`ledger chain broken at sequence ${verdict.brokenAt}: ${verdict.reason}`);
  } else if (verdict.entries !== dossier.chainHead.sequence || verdict.head !== dossier.chainHead.hash) {
    problems.push(
      `the ledger ends at sequence ${verdict.entries} (hash ${verdict.head.slice(0, 12)}…) but the chain head ` +
        `is sequence ${dossier.chainHead.sequence} (hash ${String(dossier.chainHead.hash).slice(0, 12)}…): ` +
        'entries are missing or were replaced',
    );
  }

  // Steps the API recorded outside any workflow have no history to carry.
  const runsOnLedger = new Set(dossier.ledger.filter(isWorkflowRun).map((e) => `${e.workflowId} ${e.runId}`));
  const runsWithHistory = new Set<string>();
  for (const run of dossier.histories) {
    const key = `${run.workflowId} ${run.runId}`;
    runsWithHistory.add(key);
    if (!Array.isArray(run.history?.events) || run.history.events.length === 0) {
      problems.push(`the history of run ${run.runId} has no events`);
    } else if (historyDigest(run.history) !== run.sha256) {
      problems.push(`the history of run ${run.runId} does not match its sha256 (it was altered)`);
    }
    if (!runsOnLedger.has(key))
      problems.push(`run ${run.runId} of ${run.workflowId} wrote nothing to the ledger`);
  }
  for (const key of runsOnLedger) {
    if (!runsWithHistory.has(key))
      problems.push(`no history for run ${key.split(' ')[1]} of ${key.split(' ')[0]}`);
  }
  const badDocument = dossier.documents.find((doc) => !SHA256.test(String(doc.sha256)));
  if (badDocument) problems.push(`document ${badDocument.name} has no valid sha256`);
  // Against a broken chain the documents' own lines would only repeat that entries are wrong.
  if (verdict.intact) problems.push(...documentProblems(dossier));
  return { ok: problems.length === 0, problems, dossier };
}

const DOCUMENT_FIELDS = ['origin', 'name', 'mediaType', 'size', 'sha256'] as const;

/**
 * Each document the dossier attributes to a ledger step must be the one that step recorded (its digest,
 * name and metadata as in the entry's state), and every document the ledger records must be listed.
 * Documents kept outside the ledger (no step) have nothing on the ledger to be checked against.
 */
function documentProblems(dossier: Dossier): string[] {
  const recorded = documentsOnLedger(dossier.ledger);
  const listed = dossier.documents.filter((doc) => doc.sequence !== null);
  const problems: string[] = [];
  const matched = new Set<CaseDocument>();
  for (const doc of listed) {
    const atStep = recorded.filter((r) => r.sequence === doc.sequence && r.name === doc.name);
    const same = atStep.find((r) => DOCUMENT_FIELDS.every((field) => r[field] === doc[field]));
    if (same) {
      matched.add(same);
    } else if (atStep.length === 0) {
      problems.push(`document ${doc.name}: ledger step ${doc.sequence} records no document of that name`);
    } else {
      const field = DOCUMENT_FIELDS.find((f) => atStep[0][f] !== doc[f])!;
      problems.push(
        `document ${doc.name} does not match ledger step ${doc.sequence}: ` +
          `its ${field} is ${String(doc[field])}, the ledger records ${String(atStep[0][field])}`,
      );
      atStep.forEach((r) => matched.add(r));
    }
  }
  for (const doc of recorded) {
    if (!matched.has(doc))
      problems.push(
        `document ${doc.name} recorded at ledger step ${doc.sequence} is missing from the dossier`,
      );
  }
  return problems;
}

function fail(problem: string, dossier: Dossier | null = null): DossierCheck {
  return { ok: false, problems: [problem], dossier };
}
