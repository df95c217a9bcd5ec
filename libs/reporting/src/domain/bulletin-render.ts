import { type Bulletin, type IndicatorRow, type UnitRow } from './bulletin.js';

const BASELINE_SOURCE: Record<IndicatorRow['baseline']['source'], string> = {
  plan: '方案 plan',
  'first-dispatch': '首次调度 first dispatch',
  none: '未报 none reported',
};

/** Fixed formatting, so the same bulletin always renders to the same bytes. */
const num = (n: number | null) => (n === null ? '' : String(Math.round(n * 100) / 100));

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const csvCell = (value: string | number | boolean | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csv = (rows: Array<Array<string | number | boolean | null>>) =>
  rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

export function renderIndicatorsCsv(bulletin: Bulletin): string {
  return csv([
    [
      'action',
      'unit',
      'indicator',
      'name',
      'measure',
      'comparator',
      'mode',
      'baseline',
      'baseline_source',
      'target_path',
      'actual',
      'gap',
      'lagging',
      'year_assumed',
    ],
    ...bulletin.indicators.map((r) => [
      r.actionNo,
      r.unitId,
      r.indicatorId,
      r.nameZh,
      r.measure,
      r.comparator,
      r.mode,
      num(r.baseline.value),
      r.baseline.source,
      num(r.path),
      num(r.actual),
      num(r.gap),
      r.lagging,
      r.yearAssumed,
    ]),
  ]);
}

export function renderUnitsCsv(bulletin: Bulletin): string {
  return csv([
    [
      'rank',
      'unit',
      'name',
      'attainment_percent',
      'lagging_indicators',
      'reports_requested',
      'reports_submitted',
      'reports_missed',
      'risk_items_opened',
      'risk_items_closed',
      'risk_items_overdue',
      ...bulletin.colours.flatMap((c) => [`cards_${c}_raised`, `cards_${c}_lifted`]),
      'referral_leads',
      'referred',
      'referral_rate_percent',
    ],
    ...bulletin.units.map((u) => [
      u.rank,
      u.unitId,
      u.nameZh,
      num(u.attainment),
      u.laggingIndicators,
      u.reports.requested,
      u.reports.submitted,
      u.reports.missed,
      u.riskItems.opened,
      u.riskItems.closed,
      u.riskItems.overdue,
      ...bulletin.colours.flatMap((c) => [u.cards[c].raised, u.cards[c].lifted]),
      u.referrals.leadsMeetingThreshold,
      u.referrals.referred,
      num(u.referrals.rate),
    ]),
  ]);
}

const BAR_WIDTH = 300;
const ROW_HEIGHT = 22;

/** Horizontal bars of actual value against the target path (a vertical mark); percent on 0–100, counts on their own scale. */
function indicatorChart(rows: IndicatorRow[]): string {
  const height = rows.length * ROW_HEIGHT + 10;
  const bars = rows.map((r, i) => {
    const scale = r.measure === 'percent' ? 100 : Math.max(r.path, r.actual ?? 0, 1);
    const y = 5 + i * ROW_HEIGHT;
    const actualWidth = Math.round(((r.actual ?? 0) / scale) * BAR_WIDTH);
    const pathX = 200 + Math.round((r.path / scale) * BAR_WIDTH);
    const fill = r.actual === null ? '#bbbbbb' : r.lagging ? '#d9534f' : '#5cb85c';
    return (
      `<text x="0" y="${y + 14}" font-size="12">${escapeHtml(`${r.unitId} ${r.indicatorId}`)}</text>` +
      `<rect x="200" y="${y}" width="${actualWidth}" height="16" fill="${fill}"/>` +
      `<line x1="${pathX}" y1="${y - 2}" x2="${pathX}" y2="${y + 18}" stroke="#000" stroke-width="2"/>`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${220 + BAR_WIDTH}" height="${height}" role="img" aria-label="指标进度 indicator progress">${bars.join('')}</svg>`;
}

const COLOUR_FILL: Record<string, string> = {
  yellow: '#f0c419',
  orange: '#f08a24',
  red: '#d9534f',
  blue: '#337ab7',
};

/** Stacked bars of cards raised per unit, by colour. */
function cardChart(units: UnitRow[], colours: string[]): string {
  const withCards = units.filter((u) => colours.some((c) => u.cards[c].raised > 0));
  const max = Math.max(1, ...withCards.map((u) => colours.reduce((n, c) => n + u.cards[c].raised, 0)));
  const bars = withCards.map((u, i) => {
    const y = 5 + i * ROW_HEIGHT;
    let x = 200;
    const segments = colours.map((c) => {
      const width = Math.round((u.cards[c].raised / max) * BAR_WIDTH);
      const segment = `<rect x="${x}" y="${y}" width="${width}" height="16" fill="${COLOUR_FILL[c] ?? '#777777'}"/>`;
      x += width;
      return segment;
    });
    return `<text x="0" y="${y + 14}" font-size="12">${escapeHtml(u.unitId)}</text>${segments.join('')}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${220 + BAR_WIDTH}" height="${withCards.length * ROW_HEIGHT + 10}" role="img" aria-label="亮牌 cards by colour">${bars.join('')}</svg>`;
}

function table(header: string[], rows: Array<Array<string | number | boolean | null>>): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c === null ? '' : String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function renderBulletinHtml(bulletin: Bulletin): string {
  const title = `食品安全放心工程攻坚行动 ${bulletin.quarter.label} 季度通报 / Quarterly bulletin`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>统计期间 period ${bulletin.quarter.from} — ${bulletin.quarter.to}; 数据截止 cut-off ${bulletin.cutoff}; 方案版本 plan v${bulletin.planVersion}; 政策版本 policy ${escapeHtml(bulletin.policyVersion)}</p>
<h2>指标进度 Indicator progress against the target path</h2>
${indicatorChart(bulletin.indicators)}
${table(
  [
    '专项行动 action',
    '单位 unit',
    '指标 indicator',
    '基线 baseline',
    '目标进度 path',
    '实际 actual',
    '差距 gap',
    '滞后 lagging',
  ],
  bulletin.indicators.map((r) => [
    r.actionNo,
    r.unitId,
    r.yearAssumed ? `${r.nameZh}（年份系推定 year assumed: ${r.yearAssumed}）` : r.nameZh,
    `${num(r.baseline.value)} (${BASELINE_SOURCE[r.baseline.source]})`,
    num(r.path),
    num(r.actual),
    num(r.gap),
    r.lagging ? '滞后' : '',
  ]),
)}
<h2>单位排名 Ranking of units</h2>
${table(
  [
    '名次 rank',
    '单位 unit',
    '达标率 attainment %',
    '报送 reports',
    '漏报 missed',
    '隐患 新增/销号/逾期 risk items',
    '行刑衔接 referrals',
  ],
  bulletin.units.map((u) => [
    u.rank,
    u.nameZh,
    num(u.attainment),
    `${u.reports.submitted}/${u.reports.requested}`,
    u.reports.missed,
    `${u.riskItems.opened}/${u.riskItems.closed}/${u.riskItems.overdue}`,
    `${u.referrals.referred}/${u.referrals.leadsMeetingThreshold}`,
  ]),
)}
<h2>亮牌 Cards raised and lifted, by colour</h2>
${cardChart(bulletin.units, bulletin.colours)}
${table(
  ['单位 unit', ...bulletin.colours.map((c) => `${c} raised/lifted`)],
  bulletin.units
    .filter((u) => bulletin.colours.some((c) => u.cards[c].raised + u.cards[c].lifted > 0))
    .map((u) => [u.unitId, ...bulletin.colours.map((c) => `${u.cards[c].raised}/${u.cards[c].lifted}`)]),
)}
</body>
</html>
`;
}
