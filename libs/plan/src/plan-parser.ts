import { createHash } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { type CampaignPlan } from '../../contracts/src/plan.contracts.js';
import { type FieldProblem } from '../../platform/src/errors/duban-error.js';
import { fieldProblems } from '../../platform/src/errors/validation.js';
import {
  checkPlan,
  formatPath,
  legacyProblems,
  toCampaignPlan,
  type KnownUnits,
  type PathProblem,
  type PlanPath,
} from './domain/plan-rules.js';
import { PlanFile } from './plan-file.schema.js';

/** A problem in a plan file, located: `line` and `column` are 1-based, as editors show them. */
export interface PlanProblem extends FieldProblem {
  line: number;
  column: number;
}

export type PlanParseResult =
  { ok: true; plan: CampaignPlan; sha256: string } | { ok: false; problems: PlanProblem[] };

export function sha256Of(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

/**
 * Parses and validates a plan file in three stages, each reporting every problem it finds with its
 * path and line: YAML syntax, then the shape (types, required and unknown properties), then the
 * plan's own rules (units, numbers, dates). A later stage runs only on what the earlier one accepted.
 */
export function parsePlanSource(source: string, knownUnits: KnownUnits): PlanParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { path: '', message: `YAML: ${e.message}`, line, column: col };
      }),
    };
  }
  const locate = (problem: PathProblem): PlanProblem => {
    const { offset } = find(doc, problem.path);
    const { line, col } = lineCounter.linePos(offset);
    return { path: formatPath(problem.path), message: problem.message, line, column: col };
  };
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    // The YAML library refuses aliases that expand past its limit (a billion-laughs file) only here.
    return {
      ok: false,
      problems: [{ path: '', message: `YAML: ${(err as Error).message}`, line: 1, column: 1 }],
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [locate({ path: [], message: 'a plan file is a YAML mapping' })] };
  }
  const legacy = legacyProblems(raw);
  if (legacy.length > 0) return { ok: false, problems: inFileOrder(legacy.map(locate)) };
  const file = plainToInstance(PlanFile, raw);
  const shapeProblems = fieldProblems(
    validateSync(file, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }),
  );
  if (shapeProblems.length > 0) {
    return {
      ok: false,
      problems: inFileOrder(
        shapeProblems.map((p) => {
          const path = parsePath(p.path);
          // A property the file lacks fails its type check; say what it is.
          const message = find(doc, path).found ? p.message : `${String(path[path.length - 1])} is required`;
          return locate({ path, message });
        }),
      ),
    };
  }
  const ruleProblems = checkPlan(file, knownUnits);
  if (ruleProblems.length > 0) return { ok: false, problems: inFileOrder(ruleProblems.map(locate)) };
  return { ok: true, plan: toCampaignPlan(file), sha256: sha256Of(source) };
}

/** As an editor would list them: by line, then column (the sort is stable for problems at one place). */
function inFileOrder(problems: PlanProblem[]): PlanProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `actions[4].leadUnit` → ['actions', 4, 'leadUnit']. */
function parsePath(path: string): PlanPath {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
}

/**
 * Where a path points in the source: the node itself, or for a missing property the mapping that
 * lacks it (the deepest node that exists).
 */
function find(doc: Document, path: PlanPath): { offset: number; found: boolean } {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const part of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === part);
      if (!pair) return { offset, found: false };
      if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      next = pair.value;
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      next = node.items[part];
    } else {
      return { offset, found: false };
    }
    const range = (next as Node | null | undefined)?.range;
    if (range) offset = range[0];
    node = next;
  }
  return { offset, found: true };
}
