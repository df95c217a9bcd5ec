import { colourName } from './bulletin-charts.js';
import { type Bulletin, type IndicatorRow, type UnitRow } from './bulletin.js';
import { NO_BASELINE_ZH } from './target-path.js';

/**
 * A table of the bulletin as the document prints it: Chinese headers, units and indicators by name.
 * The HTML document and the console's Excel export are made from these same tables.
 */
export interface BulletinTable {
  /** The section it belongs to (指标进度, 单位排名, 亮牌情况). */
  title: string;
  header: string[];
  rows: Array<Array<string | number | null>>;
}

/** Where a baseline came from, in the words of the document and the CSV table. */
const BASELINE_SOURCE: Record<IndicatorRow['baseline']['source'], string> = {
  plan: '方案',
  'first-dispatch': '首次调度',
  none: NO_BASELINE_ZH,
};

/**
 * A baseline's source as the bulletin words it. From layout 4 a baseline known from neither the plan nor
 * the first dispatch reads as the annual score words it; layout 3 printed 未报, though the unit may have
 * reported later, and still does (its documents render as issued).
 */
export const baselineSourceZh = (layout: number, source: IndicatorRow['baseline']['source']): string =>
  layout < 4 && source === 'none' ? '未报' : BASELINE_SOURCE[source];

/** Rounded to two decimals: the document's fixed formatting, so the same bulletin gives the same bytes. */
export const rounded = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** Units that raised or lifted a card in the quarter: the rows of 亮牌情况. */
export const unitsWithCards = (bulletin: Bulletin): UnitRow[] =>
  bulletin.units.filter((u) => bulletin.colours.some((c) => u.cards[c].raised + u.cards[c].lifted > 0));

/** A unit's name in the bulletin, its id when the inputs named it nowhere. */
export function unitNamer(bulletin: Bulletin): (unitId: string) => string {
  const unitNames = new Map(bulletin.units.map((u) => [u.unitId, u.nameZh]));
  return (unitId) => unitNames.get(unitId) ?? unitId;
}

/**
 * Who is asked to catch up, as the document's text says it. From layout 4 the units that did not report
 * (未报送) are named apart from those behind, and said to count as lagging where the policy makes them;
 * earlier layouts named the lagging only.
 */
export function laggingSentence(bulletin: Bulletin): string {
  const unitName = unitNamer(bulletin);
  const names = (unitIds: string[]) => unitIds.map(unitName).join('、');
  const catchUp = '，请于下一调度期内整改到位。';
  if (bulletin.layout < 4) {
    return bulletin.laggingUnits.length > 0
      ? `本季度指标进度滞后的单位：${names(bulletin.laggingUnits)}${catchUp}`
      : '本季度各单位指标进度均未滞后。';
  }
  const behind = [
    ...new Set(bulletin.indicators.filter((r) => r.lagging && r.actual !== null).map((r) => r.unitId)),
  ].sort();
  const unreportedLag = bulletin.indicators.some((r) => r.lagging && r.actual === null);
  const parts = [
    ...(behind.length > 0 ? [`本季度指标进度滞后的单位：${names(behind)}`] : []),
    ...(bulletin.unreportedUnits.length > 0
      ? [
          `本季度未报送指标数值的单位：${names(bulletin.unreportedUnits)}${unreportedLag ? '（未报按滞后计）' : ''}`,
        ]
      : []),
  ];
  return parts.length > 0 ? `${parts.join('；')}${catchUp}` : '本季度各单位指标进度均未滞后。';
}

/** 名次 as the document prints it: a shared rank as 并列, none (a unit without indicators) as 不参与排名. */
function rankCell(bulletin: Bulletin, unit: UnitRow): number | string {
  if (unit.rank === null) return '不参与排名';
  return bulletin.units.some((u) => u !== unit && u.rank === unit.rank) ? `${unit.rank}（并列）` : unit.rank;
}

export function bulletinTables(bulletin: Bulletin): {
  indicators: BulletinTable;
  units: BulletinTable;
  cards: BulletinTable;
} {
  const unitName = unitNamer(bulletin);
  return {
    indicators: {
      title: '指标进度',
      header: ['专项行动', '单位', '指标', '基线', '目标进度', '上报值', '差距', '是否滞后'],
      rows: bulletin.indicators.map((r) => [
        `行动${r.actionNo}`,
        unitName(r.unitId),
        r.yearAssumed ? `${r.nameZh}（目标年份系推定：${r.yearAssumed}）` : r.nameZh,
        `${rounded(r.baseline.value) ?? ''}（${baselineSourceZh(bulletin.layout, r.baseline.source)}）`,
        rounded(r.path),
        r.actual === null ? '未报' : rounded(r.actual),
        rounded(r.gap),
        r.lagging ? '滞后' : '',
      ]),
    },
    units: {
      title: '单位排名',
      header: [
        '名次',
        '单位',
        '达标率（%）',
        '报送/应报',
        '漏报',
        '隐患 新增/销号/逾期',
        '移送/达到移送标准',
      ],
      rows: bulletin.units.map((u) => [
        rankCell(bulletin, u),
        u.nameZh,
        rounded(u.attainment),
        `${u.reports.submitted}/${u.reports.requested}`,
        u.reports.missed,
        `${u.riskItems.opened}/${u.riskItems.closed}/${u.riskItems.overdue}`,
        `${u.referrals.referred}/${u.referrals.leadsMeetingThreshold}`,
      ]),
    },
    cards: {
      title: '亮牌情况',
      header: ['单位', ...bulletin.colours.map((c) => `${colourName(c)} 亮牌/摘牌`)],
      rows: unitsWithCards(bulletin).map((u) => [
        u.nameZh,
        ...bulletin.colours.map((c) => `${u.cards[c].raised}/${u.cards[c].lifted}`),
      ]),
    },
  };
}
