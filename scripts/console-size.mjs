#!/usr/bin/env node
// Measures what a browser downloads to show each page reachable without the shell (sign-in, the public
// report page): the entry chunk, the page's own chunk and every chunk they import statically (lazy areas
// excluded), gzipped. Fails over the budget.
// Reads Vite's manifest of the last build (npm run build runs this right after building the console).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
/** The pages a visitor reaches without the shell: each is measured on its own against the budget. */
const PAGES = [
  ['sign-in page', 'src/pages/sign-in.tsx'],
  ['public report page', 'src/pages/public/report.tsx'],
];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(root, process.argv[2] ?? 'dist/console');
const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));

/** The JS files a page needs first: the entry chunk, the page's chunk and what they import statically. */
function initialFiles(page) {
  if (!manifest[page]) throw new Error(`${page} is not a chunk of its own: is it still lazy?`);
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  visit(page);
  return [...files].filter((f) => f.endsWith('.js'));
}

let over = false;
for (const [name, page] of PAGES) {
  let total = 0;
  for (const file of initialFiles(page)) {
    const size = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
    total += size;
    process.stdout.write(`  ${(size / 1024).toFixed(1).padStart(7)} KB  ${file}\n`);
  }
  const verdict = total / 1024 <= BUDGET_KB ? 'within' : 'OVER';
  over ||= verdict === 'OVER';
  process.stdout.write(
    `console: ${name} initial JS ${(total / 1024).toFixed(1)} KB gzip (${verdict} the ${BUDGET_KB} KB budget)\n`,
  );
}
if (over) process.exit(1);
