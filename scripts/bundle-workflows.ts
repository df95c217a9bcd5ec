import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

/** Where the workflow sources live, from the repository root. */
export const WORKFLOWS_ENTRY = 'workflows/index.ts';
/** Workflow interceptors bundled with the code (a prebuilt bundle ignores the worker's own list). */
export const WORKFLOW_INTERCEPTORS = ['workflows/shared/replay-capture.interceptor.ts'];

/**
 * Frames in a stack trace taken in the workflows' context. The SDK captures one for every promise a
 * workflow creates (for its stack-trace query): at V8's default of 10 frames that was a sixth of every
 * step's workflow task. Two still show where an error in workflow code was thrown and from where
 * (decision 0025).
 */
export const WORKFLOW_STACK_FRAMES = 2;

/**
 * Set by the bundle's first line, which the worker runs once per workflow context before it freezes
 * the context's globals and loads any workflow module (a module cannot set it later). Webpack maps
 * nothing on that line, so the source map still places every frame.
 */
const STACK_FRAMES_PRELUDE = `Error.stackTraceLimit = ${WORKFLOW_STACK_FRAMES};`;

/** Bundles workflow code once, so no worker start (or test) pays for webpack. */
export async function bundleWorkflows(root: string, outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(root, WORKFLOWS_ENTRY),
    workflowInterceptorModules: WORKFLOW_INTERCEPTORS.map((file) => resolve(root, file)),
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, STACK_FRAMES_PRELUDE + code);
  return outFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const out = resolve(root, process.argv[2] ?? 'dist/workflow-bundle.js');
  bundleWorkflows(root, out)
    .then((file) => process.stdout.write(`workflow bundle written to ${file}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`bundling failed: ${String(err)}\n`);
      process.exit(1);
    });
}
