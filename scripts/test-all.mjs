#!/usr/bin/env node
// `npm test` after the setup steps: two lanes at once, because one jest process keeps only one of two
// cores busy. The e2e tier (most of the time, mostly waiting on the real stack) runs alone in one lane;
// lint, typecheck, then the unit and workflow tiers run in the other. Each line is prefixed with its
// lane; the exit code is non-zero when either lane fails. Both lanes always run to the end, so one run
// reports every failure.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const JEST = 'NODE_OPTIONS=--experimental-vm-modules npx jest';
const lanes = [
  { name: 'e2e', command: `${JEST} --selectProjects e2e` },
  {
    name: 'checks+unit',
    command: `npm run -s lint && npm run -s typecheck && ${JEST} --selectProjects unit workflows`,
  },
];

function run({ name, command }) {
  const started = Date.now();
  const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const outcome = code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`;
      process.stdout.write(`[${name}] ${outcome} in ${seconds} s\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(lanes.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
