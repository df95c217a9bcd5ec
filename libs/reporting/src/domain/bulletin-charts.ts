import { type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption } from 'echarts/core';

/**
 * The bulletin's charts as ECharts options: one definition, drawn to SVG in the stored bulletin and in
 * the browser by the console's KPI page. Plain data only (no formatter functions, no clock), so the same
 * rows always give the same option and the same SVG.
 */
export type BulletinChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

/** One bar: a unit's reported value of an indicator against the target path of the quarter's last day. */
export interface IndicatorBar {
  unitName: string;
  indicatorName: string;
  actual: number | null;
  targetPath: number | null;
  lagging: boolean;
}

export const REPORTED_SERIES = '上报值';
export const TARGET_PATH_SERIES = '目标进度';
export const NOT_REPORTED = '未报';

/** Named fonts, so neither the print nor the SVG depends on what the rendering machine has installed. */
export const CHART_FONT = 'FangSong, STFangsong, "FangSong_GB2312", serif';

export const ON_TRACK = '#1677ff';
export const LAGGING = '#cf1322';
const ROW_HEIGHT = 44;
const CHROME_HEIGHT = 80;

/** The height a horizontal bar chart of `rows` categories needs: each bar keeps its room for its label. */
export const barChartHeight = (rows: number) => CHROME_HEIGHT + rows * ROW_HEIGHT;

/** Each row's target path as a black diamond beside its bar (the document's and 指标看板's). */
export function targetPathSeries(paths: Array<number | null>) {
  return {
    name: TARGET_PATH_SERIES,
    type: 'line' as const,
    data: paths,
    symbol: 'diamond',
    symbolSize: 10,
    // Marks only: the path is each row's own, not a trend from one unit to the next.
    lineStyle: { width: 0 },
    itemStyle: { color: '#000000' },
  };
}

/**
 * Horizontal bars of each unit's reported value, labelled with the value (未报 when none was reported,
 * lagging bars in red), and each row's target path as a black diamond, with a legend for both.
 */
export function indicatorProgressOption(bars: IndicatorBar[]): BulletinChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    tooltip: { trigger: 'axis' },
    legend: { data: [REPORTED_SERIES, TARGET_PATH_SERIES], top: 0 },
    grid: { left: 8, right: 56, top: 32, bottom: 8 },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => `${b.unitName}\n${b.indicatorName}`),
      axisLabel: { interval: 0, fontSize: 11, lineHeight: 14, width: 220, overflow: 'break' },
    },
    series: [
      {
        name: REPORTED_SERIES,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: ON_TRACK },
        label: { show: true, position: 'right' },
        data: bars.map((b) => ({
          value: b.actual ?? 0,
          itemStyle: { color: b.lagging ? LAGGING : ON_TRACK },
          ...(b.actual === null ? { label: { formatter: NOT_REPORTED } } : {}),
        })),
      },
      targetPathSeries(bars.map((b) => b.targetPath)),
    ],
  };
}

/** Chinese names of the card colours the policy defines; a colour without one shows its own name. */
const COLOUR_NAMES: Record<string, { name: string; fill: string }> = {
  yellow: { name: '黄牌', fill: '#f0c419' },
  orange: { name: '橙牌', fill: '#f08a24' },
  red: { name: '红牌', fill: '#d9534f' },
  blue: { name: '蓝牌', fill: '#337ab7' },
};
export const colourName = (colour: string) => COLOUR_NAMES[colour]?.name ?? colour;

/** Cards raised per unit, stacked by colour, each segment labelled with its count. */
export function cardsRaisedOption(
  units: Array<{ unitName: string; raised: Record<string, number> }>,
  colours: string[],
): BulletinChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    tooltip: { trigger: 'axis' },
    legend: { data: colours.map(colourName), top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: units.map((u) => u.unitName) },
    series: colours.map((colour) => ({
      name: colourName(colour),
      type: 'bar',
      stack: 'cards',
      barMaxWidth: 18,
      itemStyle: { color: COLOUR_NAMES[colour]?.fill ?? '#777777' },
      label: { show: true, position: 'inside' },
      // An empty segment draws nothing and shows no "0".
      data: units.map((u) => (u.raised[colour] ? u.raised[colour] : '-')),
    })),
  };
}
