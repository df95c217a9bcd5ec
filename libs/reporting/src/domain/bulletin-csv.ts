import { colourName } from './bulletin-charts.js';
import { type Bulletin, type IndicatorRow, type UnitRow } from './bulletin.js';
import { baselineSourceZh, rounded, unitNamer } from './bulletin-tables.js';

/**
 * A bulletin's CSV tables (indicators.csv, units.csv) in document layout 3 (decision 0012): Chinese
 * headers, a code's name beside it (单位编码, 单位名称), Chinese words for coded values. The codes stay for
 * programs that join the tables with other data. Pure and imported by the console (指标看板 reads indicators.csv).
 */

type Cell = string | number | null;
type Column<Row> = readonly [header: string, cell: (row: Row) => Cell];

/**
 * A text that Excel would read as a formula (=HYPERLINK(…), @SUM(…), +1-1), after any quotes already put
 * before it: names come from an administrator or a plan file, and a leader opens the table in Excel.
 */
const FORMULA_START = /^'*(?:[=+\-@\t\r]|\s+[=+\-@])/;

/**
 * A text cell Excel would read as a formula, kept as text (OWASP): a single quote before it. A text that
 * already began with quotes and then a formula gets one more, so `textCell` reads every text back as it
 * was. Numbers are never text cells: a negative gap stays a number.
 */
const neutralised = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** A text cell of a layout 3 table as it was before `neutralised`. */
const textCell = (cell: string): string =>
  cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled; lines end in CRLF. */
const csvCell = (value: Cell) => {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : neutralised(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvTable = <Row>(columns: ReadonlyArray<Column<Row>>, rows: Row[]) =>
  [columns.map(([header]) => header), ...rows.map((row) => columns.map(([, cell]) => cell(row)))]
    .map((line) => line.map(csvCell).join(','))
    .join('\r\n') + '\r\n';

/** Fixed formatting, so the same bulletin always renders to the same bytes; a figure is a number cell. */
const num = (n: number | null) => rounded(n);

/** Headers of indicators.csv's columns that programs read by name (the console's 指标看板). */
const INDICATORS_HEADER = {
  actionNo: '行动编号',
  unitId: '单位编码',
  indicatorId: '指标编码',
  indicatorName: '指标名称',
  measure: '计量单位',
  comparator: '达标方向',
  targetPath: '目标进度',
  actual: '上报值',
  lagging: '是否滞后',
} as const;
const LAGGING_CELL = { yes: '是', no: '否' } as const;

/** The same columns as layout 2 named them: its stored tables keep their English header and true/false. */
const LAYOUT_2_INDICATORS_HEADER: Record<keyof typeof INDICATORS_HEADER, string> = {
  actionNo: 'action',
  unitId: 'unit',
  indicatorId: 'indicator',
  indicatorName: 'name',
  measure: 'measure',
  comparator: 'comparator',
  targetPath: 'target_path',
  actual: 'actual',
  lagging: 'lagging',
};

/** Units as the console's report form asks for them. */
const MEASURE_ZH: Record<IndicatorRow['measure'], string> = { percent: '%', count: '项' };
const COMPARATOR_ZH: Record<IndicatorRow['comparator'], string> = { '>=': '不低于', '<=': '不高于' };

/** A coded value from its cell: layout 3's word for it, or layout 2's code as written. */
const codeOf =
  <Code extends string>(words: Record<Code, string> | null, codes: readonly Code[]) =>
  (cell: string): Code | undefined =>
    codes.find((code) => (words ? words[code] : code) === cell);
const MEASURES = Object.keys(MEASURE_ZH) as Array<IndicatorRow['measure']>;
const COMPARATORS = Object.keys(COMPARATOR_ZH) as Array<IndicatorRow['comparator']>;

/**
 * How to read a stored indicators.csv by its header: each read column's header, the lagging cell's
 * "yes", a text cell's reading (layout 3 quotes a formula-like text; layout 2 wrote texts as they
 * were) and a measure's or comparator's cell as its code (undefined: no such word). A table without
 * layout 3's 行动编号 was written in layout 2.
 */
export function indicatorsCsvColumns(header: readonly string[]): {
  headers: Record<keyof typeof INDICATORS_HEADER, string>;
  laggingYes: string;
  text: (cell: string) => string;
  measure: (cell: string) => IndicatorRow['measure'] | undefined;
  comparator: (cell: string) => IndicatorRow['comparator'] | undefined;
} {
  return header.includes(INDICATORS_HEADER.actionNo)
    ? {
        headers: INDICATORS_HEADER,
        laggingYes: LAGGING_CELL.yes,
        text: textCell,
        measure: codeOf(MEASURE_ZH, MEASURES),
        comparator: codeOf(COMPARATOR_ZH, COMPARATORS),
      }
    : {
        headers: LAYOUT_2_INDICATORS_HEADER,
        laggingYes: 'true',
        text: (cell) => cell,
        measure: codeOf(null, MEASURES),
        comparator: codeOf(null, COMPARATORS),
      };
}
const MODE_ZH: Record<IndicatorRow['mode'], string> = { reach: '达到', keep: '保持' };

export function renderIndicatorsCsv(bulletin: Bulletin): string {
  const actionNames = new Map(bulletin.actions.map((a) => [a.number, a.nameZh]));
  const unitName = unitNamer(bulletin);
  const h = INDICATORS_HEADER;
  const columns: Array<Column<IndicatorRow>> = [
    [h.actionNo, (r) => r.actionNo],
    ['行动名称', (r) => actionNames.get(r.actionNo) ?? ''],
    [h.unitId, (r) => r.unitId],
    ['单位名称', (r) => unitName(r.unitId)],
    [h.indicatorId, (r) => r.indicatorId],
    [h.indicatorName, (r) => r.nameZh],
    [h.measure, (r) => MEASURE_ZH[r.measure]],
    [h.comparator, (r) => COMPARATOR_ZH[r.comparator]],
    ['目标类型', (r) => MODE_ZH[r.mode]],
    ['基线', (r) => num(r.baseline.value)],
    ['基线来源', (r) => baselineSourceZh(bulletin.layout, r.baseline.source)],
    [h.targetPath, (r) => num(r.path)],
    [h.actual, (r) => num(r.actual)],
    ['差距', (r) => num(r.gap)],
    [h.lagging, (r) => (r.lagging ? LAGGING_CELL.yes : LAGGING_CELL.no)],
    ['目标年份推定说明', (r) => r.yearAssumed],
  ];
  return csvTable(columns, bulletin.indicators);
}

export function renderUnitsCsv(bulletin: Bulletin): string {
  const columns: Array<Column<UnitRow>> = [
    ['名次', (u) => u.rank],
    ['单位编码', (u) => u.unitId],
    ['单位名称', (u) => u.nameZh],
    ['达标率（%）', (u) => num(u.attainment)],
    ['滞后指标数', (u) => u.laggingIndicators],
    ['应报', (u) => u.reports.requested],
    ['已报', (u) => u.reports.submitted],
    ['漏报', (u) => u.reports.missed],
    ['新增隐患', (u) => u.riskItems.opened],
    ['销号隐患', (u) => u.riskItems.closed],
    ['逾期隐患', (u) => u.riskItems.overdue],
    ...bulletin.colours.flatMap((c): Array<Column<UnitRow>> => [
      [`${colourName(c)}亮牌`, (u) => u.cards[c].raised],
      [`${colourName(c)}摘牌`, (u) => u.cards[c].lifted],
    ]),
    ['达到移送标准', (u) => u.referrals.leadsMeetingThreshold],
    ['已移送', (u) => u.referrals.referred],
    ['移送率（%）', (u) => num(u.referrals.rate)],
  ];
  return csvTable(columns, bulletin.units);
}
