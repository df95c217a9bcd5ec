import { describe, expect, it } from '@jest/globals';
import { parseIndicatorsCsv } from '../../../apps/console/src/areas/lead/indicators-csv.js';

const CSV =
  'action,unit,indicator,name,target_path,actual,lagging\r\n' +
  '5,amr,a5-rural-shops-standard,"农村食品经营店规范化率（%）",60,100,false\r\n';

describe("a bulletin's indicators.csv read by the KPI dashboard", () => {
  it('reads the same rows with or without the byte order mark the API sends it with for Excel', () => {
    const rows = parseIndicatorsCsv(CSV);
    expect(rows).toEqual([
      {
        actionNo: 5,
        unitId: 'amr',
        indicatorId: 'a5-rural-shops-standard',
        nameZh: '农村食品经营店规范化率（%）',
        targetPath: 60,
        actual: 100,
        lagging: false,
      },
    ]);
    expect(parseIndicatorsCsv(`\uFEFF${CSV}`)).toEqual(rows);
  });
});
