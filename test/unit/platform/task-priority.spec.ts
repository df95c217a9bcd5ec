import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { caseRunOptions, WORKFLOW_PRIORITY } from '../../../libs/platform/src/temporal/case-run-options.js';
import { REPO_ROOT } from '../../helpers/repo-root.js';
import { RUN_PATHS, RUN_PATHS_MEMO } from '../../../libs/contracts/src/run-paths.js';

/** Where a `taskQueue:` option may be written out: caseRunOptions itself, and the worker's own queue. */
const PLACES_THAT_NAME_A_QUEUE = [
  'libs/platform/src/temporal/case-run-options.ts',
  'apps/worker/src/temporal-worker.service.ts',
];
/** Temporal's default number of priority levels (`matching.priorityLevels`). */
const PRIORITY_LEVELS = 5;

function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'console' ? [] : serverSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('decision 0026: every workflow starts with its type priority', () => {
  it('has a priority for every workflow type the worker registers', () => {
    const index = readFileSync(join(REPO_ROOT, 'workflows/index.ts'), 'utf8');
    const registered = [...index.matchAll(/export \{([^}]+)\}/g)].flatMap((m) =>
      m[1].split(',').map((name) => name.trim()),
    );
    expect(registered.length).toBeGreaterThan(5);
    expect(Object.keys(WORKFLOW_PRIORITY).sort()).toEqual(registered.sort());
  });

  it('keeps every priority within the levels the server has', () => {
    for (const key of Object.values(WORKFLOW_PRIORITY)) {
      expect(key).toBeGreaterThanOrEqual(1);
      expect(key).toBeLessThanOrEqual(PRIORITY_LEVELS);
    }
  });

  it("starts a run on the given queue with its type's priority and this code's run-paths stamp", () => {
    expect(caseRunOptions('duban', 'directiveWorkflow')).toEqual({
      taskQueue: 'duban',
      priority: { priorityKey: WORKFLOW_PRIORITY.directiveWorkflow },
      memo: { [RUN_PATHS_MEMO]: RUN_PATHS },
    });
  });

  it('starts workflows only through caseRunOptions, so none falls back to the defaults', () => {
    const bypassing = ['apps', 'libs']
      .flatMap((dir) => serverSources(join(REPO_ROOT, dir)))
      .filter((path) => /\btaskQueue:/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(REPO_ROOT, path))
      .filter((path) => !PLACES_THAT_NAME_A_QUEUE.includes(path));
    expect(bypassing).toEqual([]);
  });
});
