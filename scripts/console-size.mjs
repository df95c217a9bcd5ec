#!/usr/bin/env node
// Measures what a browser downloads to show the sign-in page: the entry chunk, the sign-in page's own
// chunk and every chunk they import statically (lazy areas excluded), gzipped. Fails over the budget.
// Reads Vite's manifest of the last build (npm run build runs this right after building the console).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const SIGN_IN_PAGE = 'src/pages/sign-in.tsx';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(root, process.argv[2] ?? 'dist/console');
const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit('index.html');
visit(SIGN_IN_PAGE);
if (!manifest[SIGN_IN_PAGE]) throw new Error(`${SIGN_IN_PAGE} is not a chunk of its own: is it still lazy?`);

let total = 0;
for (const file of [...files].filter((f) => f.endsWith('.js'))) {
  const size = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  total += size;
  process.stdout.write(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${file}\n`);
}
const verdict = total / 1024 <= BUDGET_KB ? 'within' : 'OVER';
process.stdout.write(
  `console: sign-in page initial JS ${(total / 1024).toFixed(1)} KB gzip (${verdict} the ${BUDGET_KB} KB budget)\n`,
);
if (verdict === 'OVER') process.exit(1);
