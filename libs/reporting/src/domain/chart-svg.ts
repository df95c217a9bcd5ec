import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type BulletinChartOption } from './bulletin-charts.js';

// The console's components too: the option is shared, and a tooltip simply draws nothing in a static SVG.
use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/**
 * An ECharts option drawn to an SVG string on the server (no DOM, no canvas: text is measured by ECharts'
 * own estimate, not by the machine's fonts). ECharts numbers its element ids and classes per chart
 * instance and process (`zr3-cls-17`, `zr3-c0`), so the same option would give other bytes on the next
 * render: they are renamed in order of appearance under `name`, which also keeps two charts in one page
 * apart.
 */
export function renderChartSvg(
  option: BulletinChartOption,
  name: string,
  width: number,
  height: number,
): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return normaliseIds(chart.renderToSVGString(), name);
  } finally {
    chart.dispose();
  }
}

function normaliseIds(svg: string, name: string): string {
  const renamed = new Map<string, string>();
  const perKind = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+)-?\d+\b/g, (id, kind: string) => {
    let stable = renamed.get(id);
    if (!stable) {
      const n = perKind.get(kind) ?? 0;
      perKind.set(kind, n + 1);
      stable = `${name}-${kind}-${n}`;
      renamed.set(id, stable);
    }
    return stable;
  });
}
