import { describe, expect, it } from '@jest/globals';
import {
  UNIT_IMPORT_TEMPLATE_NAME,
  unitImportTemplate,
} from '../../../apps/console/src/areas/admin/unit-import-template.js';
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
