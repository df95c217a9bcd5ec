import { describe, expect, it } from '@jest/globals';
import { parseIndicatorsCsv } from '../../../apps/console/src/areas/lead/indicators-csv.js';
import { buildBulletin } from '../../../libs/reporting/src/domain/bulletin.js';
import { renderIndicatorsCsv } from '../../../libs/reporting/src/domain/bulletin-csv.js';
import { bulletinInputs } from '../../helpers/bulletin-inputs.js';

const CSV =
  'action,unit,indicator,name,measure,comparator,target_path,actual,lagging\r\n' +
  '5,amr,a5-rural-shops-standard,"农村食品经营店规范化率（%）",percent,>=,60,100,false\r\n';

/** The same bulletin's indicators.csv as layout 2 stored it (decision 0012): English field names and codes. */
const LAYOUT_2 =
  'action,unit,indicator,name,measure,comparator,mode,baseline,baseline_source,target_path,actual,gap,lagging,year_assumed\r\n' +
  '2,agri,a2-sampling-pass-rate,抽检合格率,percent,>=,keep,0,none,98,99,-1,false,\r\n' +
  '5,amr,a5-rural-shops-standard,农村食品经营店规范化率,percent,>=,reach,30,first-dispatch,54.93,40,14.93,true,\r\n' +
  '5,amr,a5-demo-streets,示范街数量,count,>=,reach,0,none,0,0,0,false,\r\n';

describe("a bulletin's indicators.csv read by the KPI dashboard", () => {
  it('reads the same rows with or without the byte order mark the API sends it with for Excel', () => {
    const rows = parseIndicatorsCsv(CSV);
    expect(rows).toEqual([
      {
        actionNo: 5,
        unitId: 'amr',
        indicatorId: 'a5-rural-shops-standard',
        nameZh: '农村食品经营店规范化率（%）',
        measure: 'percent',
        comparator: '>=',
        targetPath: 60,
        actual: 100,
        lagging: false,
      },
    ]);
    expect(parseIndicatorsCsv(`\uFEFF${CSV}`)).toEqual(rows);
  });

  it('reads a table of layout 3 (Chinese header, 是/否, %/项) and one stored in layout 2 alike, by their headers', () => {
    const rows = parseIndicatorsCsv(renderIndicatorsCsv(buildBulletin(bulletinInputs())));
    expect(rows).toEqual([
      {
        actionNo: 2,
        unitId: 'agri',
        indicatorId: 'a2-sampling-pass-rate',
        nameZh: '抽检合格率',
        measure: 'percent',
        comparator: '>=',
        targetPath: 98,
        actual: 99,
        lagging: false,
      },
      {
        actionNo: 5,
        unitId: 'amr',
        indicatorId: 'a5-rural-shops-standard',
        nameZh: '农村食品经营店规范化率',
        measure: 'percent',
        comparator: '>=',
        targetPath: 54.93,
        actual: 40,
        lagging: true,
      },
      {
        actionNo: 5,
        unitId: 'amr',
        indicatorId: 'a5-demo-streets',
        nameZh: '示范街数量',
        measure: 'count',
        comparator: '>=',
        targetPath: 0,
        actual: 0,
        lagging: false,
      },
    ]);
    expect(parseIndicatorsCsv(LAYOUT_2)).toEqual(rows);
    expect(parseIndicatorsCsv(`\uFEFF${LAYOUT_2}`)).toEqual(rows);
  });

  it('reads a ceiling (不高于, <=) in either layout: a count of incidents is better lower', () => {
    const base = bulletinInputs();
    const ceiling = renderIndicatorsCsv(
      buildBulletin({
        ...base,
        actions: base.actions.map((a) => ({
          ...a,
          indicators: a.indicators.map((i) => ({ ...i, comparator: '<=' as const })),
        })),
      }),
    );
    expect(ceiling).toContain(',不高于,');
    expect(parseIndicatorsCsv(ceiling).map((row) => row.comparator)).toEqual(['<=', '<=', '<=']);
    expect(parseIndicatorsCsv(LAYOUT_2.replaceAll(',>=,', ',<=,')).map((row) => row.comparator)).toEqual([
      '<=',
      '<=',
      '<=',
    ]);
  });

  it('reads an unreported value as none, in either layout', () => {
    const [agri] = parseIndicatorsCsv(renderIndicatorsCsv(buildBulletin(bulletinInputs({ reports: [] }))));
    expect(agri).toMatchObject({ actual: null, lagging: false });
  });
});

describe('a formula-like name in indicators.csv (quoted against CSV injection)', () => {
  it('reads a layout 3 text cell back as the name it was, not as the quoted one', () => {
    const base = bulletinInputs();
    const names = ['=HYPERLINK("http://x","点此")', '@SUM(1+1)', "'=1+1", "'引号开头", '-'];
    for (const nameZh of names) {
      const table = renderIndicatorsCsv(
        buildBulletin({
          ...base,
          actions: base.actions.map((a) => ({
            ...a,
            indicators: a.indicators.map((i) => ({ ...i, nameZh })),
          })),
        }),
      );
      expect(parseIndicatorsCsv(table).map((row) => row.nameZh)).toEqual([nameZh, nameZh, nameZh]);
    }
  });

  it('reads a layout 2 table, which quoted nothing, as it was written', () => {
    const rows = parseIndicatorsCsv(LAYOUT_2.replace('抽检合格率', "'=1+1"));
    expect(rows[0].nameZh).toBe("'=1+1");
  });
});
