import { inflateSync } from 'node:zlib';

const MM_PER_POINT = 25.4 / 72;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** `m` applied after `ctm`, as PDF's `cm` concatenates. */
const times = (m: Matrix, ctm: Matrix): Matrix => [
  m[0] * ctm[0] + m[1] * ctm[2],
  m[0] * ctm[1] + m[1] * ctm[3],
  m[2] * ctm[0] + m[3] * ctm[2],
  m[2] * ctm[1] + m[3] * ctm[3],
  m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
  m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
];

/**
 * Where the text of each page of a PDF that Chromium printed begins, in millimetres from the paper's
 * top edge (the highest line's baseline) and its left edge. Reads what Chromium's Skia writes: page
 * objects in the order of their tree, each with one Flate content stream, text placed by `Tm` under
 * the `cm` transforms that `q`/`Q` save and restore.
 */
export function textStartPerPage(pdf: Buffer): Array<{ topMm: number; leftMm: number }> {
  const source = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const [, id, body] of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)\bendobj/g)) objects.set(id, body);
  const pagesOf = (id: string): string[] => {
    const body = objects.get(id) ?? '';
    if (!/\/Type\s*\/Pages\b/.test(body)) return [id];
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
    return [...kids.matchAll(/(\d+) 0 R/g)].flatMap(([, kid]) => pagesOf(kid));
  };
  const root = /\/Pages\s+(\d+) 0 R/.exec(objects.get(/\/Root\s+(\d+) 0 R/.exec(source)![1])!)![1];
  return pagesOf(root).map((pageId) => {
    const page = objects.get(pageId)!;
    const height = Number(/\/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s*\]/.exec(page)![1]);
    const contents = objects.get(/\/Contents\s+(\d+) 0 R/.exec(page)![1])!;
    const start = contents.indexOf('stream') + 'stream'.length;
    const raw = contents.slice(start, contents.lastIndexOf('endstream')).replace(/^\r?\n/, '');
    const operators = inflateSync(Buffer.from(raw, 'latin1')).toString('latin1');
    const saved: Matrix[] = [];
    let ctm = IDENTITY;
    let highest = -Infinity;
    let leftmost = Infinity;
    for (const [, plain, numbers, operator] of operators.matchAll(
      /(?:^|\s)([qQ])(?=\s|$)|((?:-?[\d.]+\s+){6})(cm|Tm)\b/g,
    )) {
      if (plain === 'q') saved.push(ctm);
      else if (plain === 'Q') ctm = saved.pop() ?? IDENTITY;
      else {
        const m = numbers.trim().split(/\s+/).map(Number) as Matrix;
        if (operator === 'cm') ctm = times(m, ctm);
        else {
          const [x, y] = [m[4] * ctm[0] + m[5] * ctm[2] + ctm[4], m[4] * ctm[1] + m[5] * ctm[3] + ctm[5]];
          highest = Math.max(highest, y);
          leftmost = Math.min(leftmost, x);
        }
      }
    }
    return { topMm: (height - highest) * MM_PER_POINT, leftMm: leftmost * MM_PER_POINT };
  });
}
