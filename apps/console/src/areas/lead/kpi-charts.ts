import { type Comparator, type MeasureUnit } from '../../../../../libs/contracts/src/plan.contracts.js';
import {
  CHART_FONT,
  LAGGING,
  NOT_REPORTED,
  ON_TRACK,
  REPORTED_SERIES,
  TARGET_PATH_SERIES,
  targetPathSeries,
  type BulletinChartOption,
} from '../../../../../libs/reporting/src/domain/bulletin-charts.js';
import { attainment } from '../../../../../libs/reporting/src/domain/target-path.js';

/** A unit's indicator on 指标看板: its reported value against the target path of the quarter's last day. */
export interface KpiRow {
  unitName: string;
  indicatorName: string;
  measure: MeasureUnit;
  comparator: Comparator;
  actual: number | null;
  targetPath: number;
  lagging: boolean;
}

/** One chart of an action: the rows of one measure, on the axis that measure reads on. */
export interface KpiChart {
  measure: MeasureUnit;
  height: number;
  option: BulletinChartOption;
}

export const ATTAINMENT_SERIES = '达标率';
const COMPARATOR_SIGN: Record<Comparator, string> = { '>=': '≥', '<=': '≤' };

const FONT_SIZE = 12;
/** 1.5 em: a Chinese font's line box (about 1.45 em) within it, so a name's lines do not touch. */
const LINE_HEIGHT = 18;
/** Room for a row's name beside its bar; names wider than it go on to further lines. */
const LABEL_WIDTH = 240;
/** Between a name and the axis line. */
const LABEL_MARGIN = 16;
/** Space between the names of two rows, and the least room a row has (a bar and its label). */
const ROW_GAP = 16;
const MIN_ROW_HEIGHT = 44;
/** The legend above and the value axis below. */
const CHROME_HEIGHT = 80;

/**
 * A name's width in pixels, more rather than less: a character outside ASCII (Chinese, full-width
 * punctuation, curly quotes) a full em, any other 0.7 em.
 */
const textWidth = (text: string) =>
  [...text].reduce((width, c) => width + (c.charCodeAt(0) < 0x80 ? 0.7 : 1) * FONT_SIZE, 0);
/** Punctuation that closes what came before: a line does not begin with it. */
const CLOSING = new Set([...'）)】」』》〉，。、；：！？”’%']);

/**
 * A name broken into lines of at most LABEL_WIDTH by the estimate above, a closing mark taken down
 * with the character before it. Broken here, not by ECharts: its breaks follow the font it measures,
 * which may not be the one drawn, and a line wider than its measure would run into the axis.
 */
export function labelLines(text: string): string[] {
  const lines: string[][] = [[]];
  for (const c of text) {
    const line = lines[lines.length - 1];
    if (line.length === 0 || textWidth([...line, c].join('')) <= LABEL_WIDTH) {
      line.push(c);
    } else {
      lines.push(CLOSING.has(c) && line.length > 1 ? [line.pop()!, c] : [c]);
    }
  }
  return lines.map((line) => line.join(''));
}
const linesOf = (text: string) => labelLines(text).length;

/**
 * The height each row needs for its whole name (the unit on a line of its own, the indicator beneath
 * it), the same for every row as a category axis gives it, so no name runs into the next row's.
 */
function rowHeight(rows: KpiRow[]): number {
  const lines = Math.max(...rows.map((r) => linesOf(r.unitName) + linesOf(r.indicatorName)));
  return Math.max(MIN_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_GAP);
}

/** Horizontal bars, one row per unit's indicator named in full, on a 0–100 % axis. */
function barsOn100(rows: KpiRow[], legend: string[]): BulletinChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    tooltip: { trigger: 'axis', valueFormatter: (value) => `${String(value)}%` },
    legend: { data: legend, top: 0 },
    // Room for a label beside a full bar (100%, 未报).
    grid: { left: 8, right: 56, top: 32, bottom: 8 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => [...labelLines(r.unitName), ...labelLines(r.indicatorName)].join('\n')),
      // Lines as broken above, not again by ECharts (its measure may find a line a little wider, and a
      // further line would not fit the row), in the box they were broken for, which the grid keeps room
      // for; the margin keeps a line drawn wider than measured clear of the axis.
      axisLabel: {
        interval: 0,
        fontFamily: CHART_FONT,
        fontSize: FONT_SIZE,
        lineHeight: LINE_HEIGHT,
        width: LABEL_WIDTH,
        overflow: 'none',
        margin: LABEL_MARGIN,
      },
    },
  };
}

const barColour = (r: KpiRow) => ({ color: r.lagging ? LAGGING : ON_TRACK });

/**
 * Percentages as reported, against the 0–100 % they are read on, each row's target path a black
 * diamond: the chart the bulletin draws, with the axis a percentage has.
 */
function percentOption(rows: KpiRow[]): BulletinChartOption {
  return {
    ...barsOn100(rows, [REPORTED_SERIES, TARGET_PATH_SERIES]),
    series: [
      {
        name: REPORTED_SERIES,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: ON_TRACK },
        label: { show: true, position: 'right', formatter: '{c}%' },
        data: rows.map((r) => ({
          value: r.actual ?? 0,
          itemStyle: barColour(r),
          ...(r.actual === null ? { label: { formatter: NOT_REPORTED } } : {}),
        })),
      },
      targetPathSeries(rows.map((r) => r.targetPath)),
    ],
  };
}

/**
 * Counts (shops, streets) as the share of their own target path they meet (`attainment`, as the
 * bulletin's ranking scores them; 100 % is on the path), the numbers themselves beside each bar: 120
 * shops and 3 streets cannot share an axis, nor a count share one with percentages.
 */
function countOption(rows: KpiRow[]): BulletinChartOption {
  return {
    ...barsOn100(rows, [ATTAINMENT_SERIES]),
    // Room for the numbers beside a full bar.
    grid: { left: 8, right: 150, top: 32, bottom: 8 },
    series: [
      {
        name: ATTAINMENT_SERIES,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: ON_TRACK },
        label: { show: true, position: 'right' },
        data: rows.map((r) => ({
          value: r.actual === null ? 0 : Math.round(1000 * attainment(r, r.actual, r.targetPath)) / 10,
          itemStyle: barColour(r),
          label: {
            formatter:
              r.actual === null
                ? NOT_REPORTED
                : `上报 ${r.actual}，目标进度 ${COMPARATOR_SIGN[r.comparator]}${r.targetPath}`,
          },
        })),
      },
    ],
  };
}

/**
 * An action's charts on 指标看板: its percentage indicators, then its counts, each chart tall enough for
 * every row's whole name. An action with indicators of one measure has one chart.
 */
export function kpiCharts(rows: KpiRow[]): KpiChart[] {
  return (['percent', 'count'] as const).flatMap((measure) => {
    const own = rows.filter((r) => r.measure === measure);
    if (own.length === 0) return [];
    const option = measure === 'percent' ? percentOption(own) : countOption(own);
    return [{ measure, height: CHROME_HEIGHT + own.length * rowHeight(own), option }];
  });
}
