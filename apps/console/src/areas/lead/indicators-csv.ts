import { type Comparator, type MeasureUnit } from '../../../../../libs/contracts/src/plan.contracts.js';
import { indicatorsCsvColumns } from '../../../../../libs/reporting/src/domain/bulletin-csv.js';

/** One row of a bulletin's indicators.csv: an action's indicator for a unit against its target path. */
export interface IndicatorProgress {
  actionNo: number;
  unitId: string;
  indicatorId: string;
  nameZh: string;
  /** What the values count: a percentage, or a number of things (shops, streets). */
  measure: MeasureUnit;
  /** Whether the path is a floor (>=) or a ceiling (<=). */
  comparator: Comparator;
  targetPath: number;
  actual: number | null;
  lagging: boolean;
}

/** RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      field += c;
    } else if (c === ',') {
      endField();
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const numberOrNull = (text: string | undefined) => (text === undefined || text === '' ? null : Number(text));

/**
 * Columns are found by their header, in the layout the bulletin was stored in: layout 3's Chinese one
 * or layout 2's English one (decision 0012); a stored table is served as it was rendered.
 */
export function parseIndicatorsCsv(text: string): IndicatorProgress[] {
  // The API sends the table after a byte order mark, for Excel; fetch's text() drops it, not every reader.
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const { headers, laggingYes, text: textOf, measure, comparator } = indicatorsCsvColumns(header);
  const at = (column: keyof typeof headers) => header.indexOf(headers[column]);
  return rows.map((row) => ({
    actionNo: Number(row[at('actionNo')]),
    unitId: textOf(row[at('unitId')] ?? ''),
    indicatorId: textOf(row[at('indicatorId')] ?? ''),
    nameZh: textOf(row[at('indicatorName')] ?? ''),
    // Every layout wrote both. A word this reader does not know is drawn as a count, against its own
    // path: a reading that holds on any scale, where the percentage axis would not.
    measure: measure(row[at('measure')] ?? '') ?? 'count',
    comparator: comparator(row[at('comparator')] ?? '') ?? '>=',
    // A path on every row: the bulletin computes one for each indicator it lists.
    targetPath: Number(row[at('targetPath')]),
    actual: numberOrNull(row[at('actual')]),
    lagging: row[at('lagging')] === laggingYes,
  }));
}
