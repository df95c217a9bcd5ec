import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { casePlacement, WORKFLOW_PRIORITY } from '../../../libs/platform/src/temporal/task-priority.js';
import { REPO_ROOT } from '../../helpers/repo-root.js';

/** Where a `taskQueue:` option may be written out: the placement itself, and the worker's own queue. */
const PLACES_THAT_NAME_A_QUEUE = [
  'libs/platform/src/temporal/task-priority.ts',
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

  it("places a start on the given queue with its type's priority", () => {
    expect(casePlacement('duban', 'directiveWorkflow')).toEqual({
      taskQueue: 'duban',
      priority: { priorityKey: WORKFLOW_PRIORITY.directiveWorkflow },
    });
  });

  it('starts workflows only through the placement, so none falls back to the default', () => {
    const bypassing = ['apps', 'libs']
      .flatMap((dir) => serverSources(join(REPO_ROOT, dir)))
      .filter((path) => /\btaskQueue:/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(REPO_ROOT, path))
      .filter((path) => !PLACES_THAT_NAME_A_QUEUE.includes(path));
    expect(bypassing).toEqual([]);
  });
});
