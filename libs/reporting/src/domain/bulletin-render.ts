import { barChartHeight, cardsRaisedOption, CHART_FONT, indicatorProgressOption } from './bulletin-charts.js';
import { type Bulletin } from './bulletin.js';
import { quarterParts, quarterZh } from './periods.js';
import {
  bulletinTables,
  laggingSentence,
  unitNamer,
  unitsWithCards,
  type BulletinTable,
} from './bulletin-tables.js';
import { renderChartSvg } from './chart-svg.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The width of the type area of an A4 page in the manner of GB/T 9704 (156 mm), in CSS pixels. */
const CHART_WIDTH = 590;

/** 发文机关代字 of the bulletins; the sequence number is the quarter's (a quarter has one bulletin). */
const DOCUMENT_CODE = '食安办通';

/** A bulletin's CSV tables, by the names an official knows them by (the console's 指标表, 单位表). */
const CSV_TABLE_ZH = { indicators: '指标表', units: '单位表' } as const;
export type BulletinCsvTable = keyof typeof CSV_TABLE_ZH;

/** A bulletin's CSV table as a file: 2023年第一季度通报-指标表.csv, or TB-2023-Q1-1-indicators.csv in ASCII. */
export const bulletinCsvFileName = (bulletinId: string, quarterLabel: string, table: BulletinCsvTable) => ({
  name: `${quarterZh(quarterLabel)}通报-${CSV_TABLE_ZH[table]}.csv`,
  ascii: `${bulletinId}-${table}.csv`,
});

/** Beijing time (UTC+8, no daylight saving) of an instant; a bare date stays the day it names. */
function beijing(isoDateOrInstant: string) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoDateOrInstant)) {
    const [y, m, d] = isoDateOrInstant.split('-').map(Number);
    return { y, m, d, time: null };
  }
  const at = new Date(Date.parse(isoDateOrInstant) + 8 * 3600_000);
  const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate(), time };
}

/** 2023年4月20日, in Beijing time. */
export function chineseDate(isoDateOrInstant: string): string {
  const { y, m, d } = beijing(isoDateOrInstant);
  return `${y}年${m}月${d}日`;
}

/** 2023年4月20日 08:00（北京时间）. */
const chineseDateTime = (instant: string) => `${chineseDate(instant)} ${beijing(instant).time}（北京时间）`;

/** 文号 in the manner of GB/T 9704: 代字〔年份〕序号号. */
export function documentNumber(quarterLabel: string): string {
  const { year, quarter } = quarterParts(quarterLabel);
  return `${DOCUMENT_CODE}〔${year}〕${quarter}号`;
}

function table({ header, rows }: BulletinTable): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c === null ? '' : String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const figure = (caption: string, svg: string) =>
  `<figure>\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;

/** Print CSS after GB/T 9704: A4, type area 156 × 225 mm, red issuer mark and rule, 仿宋 body, 小标宋 title. */
const STYLE = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: ${CHART_FONT}; font-size: 16pt; line-height: 28pt; color: #000; max-width: 156mm; margin: 0 auto; }
.issuer { color: #e00; text-align: center; font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimSun, serif; font-size: 26pt; line-height: 1.2; margin: 0 0 12mm; }
.document-no { text-align: center; margin: 0; }
.red-rule { border: 0; border-top: 2px solid #e00; margin: 4mm 0 14mm; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", SimSun, serif; font-size: 22pt; font-weight: normal; line-height: 1.5; text-align: center; margin: 0 0 14pt; }
h2 { font-family: SimHei, "黑体", sans-serif; font-size: 16pt; font-weight: normal; margin: 14pt 0 7pt; text-indent: 2em; }
p { margin: 0; text-indent: 2em; }
p.addressee, p.issuer, p.document-no { text-indent: 0; }
figure { margin: 7pt 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12pt; text-align: center; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.4; margin: 7pt 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: center; }
tr { break-inside: avoid; }
.signature { text-align: right; margin-top: 28pt; padding-right: 4em; text-indent: 0; }
.note { font-size: 12pt; }
`;

export function renderBulletinHtml(bulletin: Bulletin): string {
  const quarterName = quarterZh(bulletin.quarter.label);
  const title = `关于${bulletin.campaignNameZh}${quarterName}工作进展情况的通报`;
  const unitName = unitNamer(bulletin);

  const progress = bulletin.actions
    .map((action) => {
      const rows = bulletin.indicators.filter((r) => r.actionNo === action.number);
      if (rows.length === 0) return '';
      const caption = `行动${action.number} ${action.nameZh}：各单位上报值与目标进度`;
      const option = indicatorProgressOption(
        rows.map((r) => ({
          unitName: unitName(r.unitId),
          indicatorName: r.nameZh,
          actual: r.actual,
          targetPath: r.path,
          lagging: r.lagging,
        })),
      );
      const svg = renderChartSvg(option, `a${action.number}`, CHART_WIDTH, barChartHeight(rows.length));
      return figure(caption, svg);
    })
    .filter(Boolean)
    .join('\n');

  const tables = bulletinTables(bulletin);
  const withCards = unitsWithCards(bulletin);
  const raised = withCards.filter((u) => bulletin.colours.some((c) => u.cards[c].raised > 0));
  const cardsChart =
    raised.length === 0
      ? ''
      : figure(
          '各单位本季度亮牌数（按颜色）',
          renderChartSvg(
            cardsRaisedOption(
              raised.map((u) => ({
                unitName: u.nameZh,
                raised: Object.fromEntries(bulletin.colours.map((c) => [c, u.cards[c].raised])),
              })),
              bulletin.colours,
            ),
            'cards',
            CHART_WIDTH,
            barChartHeight(raised.length),
          ),
        );

  const cards =
    withCards.length === 0
      ? '<p>本季度无亮牌、摘牌。</p>'
      : `${cardsChart}
${table(tables.cards)}`;

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
${STYLE}</style></head>
<body>
<header>
<p class="issuer">${escapeHtml(bulletin.issuerNameZh)}文件</p>
<p class="document-no">${escapeHtml(documentNumber(bulletin.quarter.label))}</p>
<hr class="red-rule">
</header>
<h1>${escapeHtml(title)}</h1>
<p class="addressee">各有关单位：</p>
<p>现将${escapeHtml(bulletin.campaignNameZh)}${quarterName}（${chineseDate(bulletin.quarter.from)}至${chineseDate(bulletin.quarter.to)}）工作进展情况通报如下。数据截至${chineseDateTime(bulletin.cutoff)}，${
    bulletin.layout >= 4 ? '隐患与亮牌统计至季度末，' : ''
  }依据方案第${bulletin.planVersion}版、政策版本${escapeHtml(bulletin.policyVersion)}。${escapeHtml(laggingSentence(bulletin))}</p>
<h2>一、指标进度</h2>
<p>下图为各单位本季度最近一次上报值与季度末目标进度的对比，红色为滞后。</p>
${progress}
${table(tables.indicators)}
<h2>二、单位排名</h2>
${table(tables.units)}
<h2>三、亮牌情况</h2>
${cards}
<p class="signature">${escapeHtml(bulletin.issuerNameZh)}<br>${chineseDate(bulletin.cutoff)}</p>
</body>
</html>
`;
}
