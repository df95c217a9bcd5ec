import { describe, expect, it } from '@jest/globals';
import {
  UNIT_IMPORT_TEMPLATE_NAME,
  unitImportTemplate,
} from '../../../apps/console/src/areas/admin/unit-import-template.js';
import { retirementWarnings } from '../../../apps/console/src/areas/admin/unit-retirement.js';
import { parseUnitImport, type KnownUnit } from '../../../libs/identity/src/domain/unit-import.js';

const known = new Map<string, KnownUnit>([['gov', { parentId: null, nameZh: '县人民政府', active: true }]]);

describe('the import template the console offers (下载模板)', () => {
  it('is a CSV Excel on a Chinese Windows opens as UTF-8: a BOM, the Chinese header, CRLF lines', () => {
    const template = unitImportTemplate();
    expect(UNIT_IMPORT_TEMPLATE_NAME).toMatch(/\.csv$/);
    expect(template.startsWith('\uFEFF单位编码,单位名称,英文名称,类别,上级单位编码,是否在用\r\n')).toBe(true);
    expect(template.split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('imports as it is: its examples are a township, a 街道 without an English name and a 县直部门', () => {
    const { units, problems } = parseUnitImport(unitImportTemplate(), 'csv', known);
    expect(problems).toEqual([]);
    expect(units.map(({ kind, nameEn, parentId }) => ({ kind, nameEn, parentId }))).toEqual([
      { kind: 'township', nameEn: 'Xiaodong Township', parentId: 'gov' },
      { kind: 'township', nameEn: null, parentId: 'gov' },
      { kind: 'county_department', nameEn: null, parentId: null },
    ]);
    expect(unitImportTemplate()).toContain(',乡镇（街道）,');
    expect(unitImportTemplate()).toContain(',县直部门,');
  });
});

const unit = (id: string, kind: string, parentId: string | null, active = true) => ({
  id,
  nameZh: `${id}名`,
  kind,
  parentId,
  active,
});

describe('the warning before a unit is retired (停用)', () => {
  const units = [
    unit('gov', 'county_government', null),
    unit('fso', 'county_office', null),
    unit('town', 'township', 'gov'),
    unit('old-town', 'township', 'gov', false),
    unit('village', 'township', 'old-town'),
    unit('amr', 'county_department', null),
  ];

  it('names the units in use below it at any depth, past a retired one, and says they stay in use', () => {
    const [below, kind] = retirementWarnings(units[0], units);
    expect(below).toMatch(/^其下有 2 个在用单位（town名、village名）：停用本单位不会停用它们，它们仍在用/);
    expect(kind).toMatch(/^县政府统筹领导专项行动。停用后不能再向县政府下达督办通知/);
  });

  it('says what a key kind carries (the food-safety office), and nothing for an ordinary leaf', () => {
    expect(retirementWarnings(units[1], units)).toEqual([
      expect.stringMatching(/^县食安办是专项行动的牵头督办单位/),
    ]);
    expect(retirementWarnings(units[5], units)).toEqual([]);
  });

  it('tells that a township’s reporting ends, and what still counts', () => {
    expect(retirementWarnings(units[2], units)).toEqual([
      expect.stringMatching(/^乡镇（街道）停用后，此后的月调度不再向其下发报送任务；停用当年及以前/),
    ]);
  });

  it('counts beyond the first five it names', () => {
    const many = [
      unit('gov', 'county_government', null),
      ...Array.from({ length: 7 }, (_, i) => unit(`t${i}`, 'township', 'gov')),
    ];
    expect(retirementWarnings(many[0], many)[0]).toMatch(
      /^其下有 7 个在用单位（t0名、t1名、t2名、t3名、t4名 等）/,
    );
  });
});
