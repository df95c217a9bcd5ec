import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Client, Connection, WorkflowClient } from '@temporalio/client';
import { TemporalWorkerService } from '../../../apps/worker/src/temporal-worker.service.js';
import { AppConfig } from '../../../libs/platform/src/config/app-config.js';
import { CaseSignals } from '../../../libs/platform/src/temporal/case-signals.service.js';
import { REPO_ROOT } from '../../helpers/repo-root.js';

type Class = abstract new (...args: never[]) => unknown;

/** Reviewed holders of a Temporal client that activities may reach (decision 0015). */
const ALLOWED_CLIENT_HOLDERS: ReadonlyMap<Class, string> = new Map([
  [CaseSignals, 'libs/platform/src/temporal/case-signals.service.ts'],
]);
const TEMPORAL_CLIENTS: readonly unknown[] = [Client, WorkflowClient, Connection];

const dependenciesOf = (cls: Class): Class[] =>
  ((Reflect.getMetadata('design:paramtypes', cls) as unknown[] | undefined) ?? []).filter(
    (dep): dep is Class => typeof dep === 'function' && dep !== Object,
  );

/** Every class an activity class injects, directly or through what it injects, with the path to it. */
function reachableFrom(roots: Class[]): Map<Class, string> {
  const paths = new Map<Class, string>();
  const visit = (cls: Class, path: string) => {
    if (paths.has(cls)) return;
    paths.set(cls, path);
    if (TEMPORAL_CLIENTS.includes(cls) || ALLOWED_CLIENT_HOLDERS.has(cls)) return;
    for (const dep of dependenciesOf(cls)) visit(dep, `${path} → ${dep.name}`);
  };
  for (const root of roots) visit(root, root.name);
  return paths;
}

describe('decision 0015: no activity waits on another workflow', () => {
  const activityClasses = dependenciesOf(TemporalWorkerService).filter((dep) => dep !== AppConfig);

  it('finds the activity classes the worker binds', () => {
    expect(activityClasses.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'RiskItemActivitiesService',
        'CardActivitiesService',
        'ReferralActivitiesService',
      ]),
    );
  });

  it('lets activities reach a Temporal client only through the reviewed, non-blocking signal sender', () => {
    const reachable = reachableFrom(activityClasses);
    const direct = [...reachable.entries()]
      .filter(([cls]) => !ALLOWED_CLIENT_HOLDERS.has(cls))
      .filter(([cls]) => dependenciesOf(cls).some((dep) => TEMPORAL_CLIENTS.includes(dep)))
      .map(([, path]) => path);
    expect(direct).toEqual([]);
    expect(reachable.has(CaseSignals)).toBe(true);
  });

  it('keeps the allowed holders to calls that return once Temporal has stored the signal', () => {
    for (const file of ALLOWED_CLIENT_HOLDERS.values()) {
      const source = readFileSync(join(REPO_ROOT, file), 'utf8');
      const calls = [...source.matchAll(/\.(\w+)\(/g)].map((m) => m[1]);
      const waiting = calls.filter((call) =>
        // A plain `start` returns once Temporal has stored the new workflow (decision 0017); every other
        // start… (startUpdate, startChild…) and execute… waits for a workflow to run.
        /^(execute\w*|start\w+|result|query|executeUpdate\w*|startUpdate\w*)$/.test(call),
      );
      expect(waiting).toEqual([]);
      expect(calls).toEqual(expect.arrayContaining(['signalWithStart', 'signal']));
    }
  });
});
