// Must come first: lets Node's CommonJS loader resolve `./x.js` to the TypeScript source.
import './ts-resolution.cjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflows } from '../../scripts/bundle-workflows.js';
import { REPO_ROOT } from './repo-root.js';

/** Bundles workflow code once per test run; test files load it through WORKFLOW_BUNDLE_PATH. */
export default async function workflowGlobalSetup(): Promise<void> {
  if (process.env.DUBAN_TEST_BUNDLE) return;
  const file = join(mkdtempSync(join(tmpdir(), 'duban-bundle-')), 'workflow-bundle.js');
  await bundleWorkflows(REPO_ROOT, file);
  process.env.DUBAN_TEST_BUNDLE = file;
}
