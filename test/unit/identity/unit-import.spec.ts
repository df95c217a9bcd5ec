import { describe, expect, it } from '@jest/globals';
import { parseUnitImport, type KnownUnit } from '../../../libs/identity/src/domain/unit-import.js';
import { UNIT_NAME_MAX_LENGTH, unitNameKey } from '../../../libs/identity/src/domain/unit-names.js';

const known = new Map<string, KnownUnit>([
  ['gov', { parentId: null, nameZh: '县政府', active: true }],
  ['amr', { parentId: 'gov', nameZh: '市场监管局', active: true }],
]);

/** A YAML file of one township per name (double-quoted, so YAML's escapes apply), lines 2, 6, … */
const yamlOf = (...names: string[]) =>
  'units:\n' +
  names
    .map((name, i) => `  - id: t-${i}\n    nameZh: "${name}"\n    nameEn: Town ${i}\n    kind: township\n`)
    .join('');

describe('a unit import line is held to the rules of a request body', () => {
  it('reports text the database cannot store, which YAML escapes make only once parsed', () => {
    const { problems } = parseUnitImport(yamlOf('甲\\0乡', '乙\\ud800乡', '丙\\u202e乡'), 'yaml', known);
    expect(problems).toEqual([
      { line: 2, field: 'nameZh', message: 'must not contain a NUL character (U+0000)' },
      { line: 6, field: 'nameZh', message: 'must not contain a lone UTF-16 surrogate' },
      { line: 10, field: 'nameZh', message: 'must not contain a text-direction control character' },
    ]);
  });

  it('reports the same in any field, and in a field name', () => {
    const yaml =
      'units:\n  - id: t-1\n    nameZh: 甲\n    nameEn: "A\\0"\n    kind: township\n    parentId: "gov\\ud800"\n    "x\\0": 1\n';
    expect(parseUnitImport(yaml, 'yaml', known).problems).toEqual([
      { line: 2, field: 'nameEn', message: 'must not contain a NUL character (U+0000)' },
      { line: 2, field: 'parentId', message: 'must not contain a lone UTF-16 surrogate' },
      { line: 2, field: 'field name', message: 'must not contain a NUL character (U+0000)' },
      // The parent named with the surrogate is not a unit either.
      { line: 2, field: 'parentId', message: expect.stringContaining('does not exist') },
    ]);
  });

  it('holds names to the limits of POST /units', () => {
    const csv = [
      'id,nameZh,nameEn,kind,parentId,active',
      `t-long,${'长'.repeat(UNIT_NAME_MAX_LENGTH.nameZh + 1)},${'e'.repeat(UNIT_NAME_MAX_LENGTH.nameEn + 1)},township,,`,
      `t-edge,${'长'.repeat(UNIT_NAME_MAX_LENGTH.nameZh)},${'e'.repeat(UNIT_NAME_MAX_LENGTH.nameEn)},township,,`,
    ].join('\n');
    expect(parseUnitImport(csv, 'csv', known).problems).toEqual([
      { line: 2, field: 'nameZh', message: 'must be shorter than or equal to 100 characters' },
      { line: 2, field: 'nameEn', message: 'must be shorter than or equal to 200 characters' },
    ]);
  });

  it('takes a kind and the active column as an office’s own list writes them (乡镇, 街道, 县直部门; 是, 否)', () => {
    const csv = [
      'id,nameZh,nameEn,kind,parentId,active',
      't-town,甲镇,Jia Town,乡镇,gov,是',
      't-street,乙街道,Yi Street,街道,gov,',
      't-bureau,丙局,Bing Bureau,县直部门,gov,否',
      't-office,丁办,Ding Office,county_office,gov,true',
      't-bad,戊村,Wu Village,村,gov,也许',
    ].join('\n');
    const { units, problems } = parseUnitImport(csv, 'csv', known);
    expect(units.slice(0, 4).map(({ kind, active }) => ({ kind, active }))).toEqual([
      { kind: 'township', active: true },
      { kind: 'township', active: true },
      { kind: 'county_department', active: false },
      { kind: 'county_office', active: true },
    ]);
    expect(problems).toEqual([
      {
        line: 6,
        field: 'kind',
        message: expect.stringMatching(/^must be one of .+ \(or its Chinese name\)$/),
      },
      { line: 6, field: 'active', message: 'must be true, false (是, 否) or empty' },
    ]);
  });

  it('refuses a name garbled by reading a GBK file as UTF-8 (replacement characters)', () => {
    const gbkReadAsUtf8 = new TextDecoder('utf-8').decode(new Uint8Array([207, 231, 213, 242]));
    const csv = ['id,nameZh,nameEn,kind,parentId,active', `t-gbk,${gbkReadAsUtf8},Town,township,,`].join(
      '\n',
    );
    expect(parseUnitImport(csv, 'csv', known).problems).toEqual([
      { line: 2, field: 'nameZh', message: expect.stringContaining('save the file as UTF-8') },
    ]);
  });

  it('refuses control characters and invisible-only names, and stores names trimmed', () => {
    const { units, problems } = parseUnitImport(
      yamlOf('甲\\a乡', '乙\\t乡', '\\u200b\\u3000', '\\u3000 丁乡 \\t'),
      'yaml',
      known,
    );
    expect(problems).toEqual([
      { line: 2, field: 'nameZh', message: expect.stringContaining('must not contain a control character') },
      { line: 6, field: 'nameZh', message: expect.stringContaining('must not contain a control character') },
      { line: 10, field: 'nameZh', message: 'must not be blank' },
    ]);
    expect(units[3]?.nameZh).toBe('丁乡');
  });

  it('finds names that read alike: in the file, and against the units in use', () => {
    const csv = [
      'id,nameZh,nameEn,kind,parentId,active',
      't-a,同 名,A,township,,',
      't-b,同名,B,township,,',
      't-c,市场\u200b监管局,C,township,,',
      't-d,市场监管局\u3000,D,township,,',
      't-e,ＡＢ乡,E,township,,',
      't-f,AB乡,F,township,,',
    ].join('\n');
    expect(parseUnitImport(csv, 'csv', known).problems).toEqual([
      { line: 2, field: 'nameZh', message: 'is also the name of unit t-b' },
      { line: 3, field: 'nameZh', message: 'is also the name of unit t-a' },
      { line: 4, field: 'nameZh', message: 'is also the name of unit amr' },
      { line: 5, field: 'nameZh', message: 'is also the name of unit amr' },
      { line: 6, field: 'nameZh', message: 'is also the name of unit t-f' },
      { line: 7, field: 'nameZh', message: 'is also the name of unit t-e' },
    ]);
  });

  it('keys a name by how it reads', () => {
    expect(unitNameKey(' 市场\u200b监管局\u3000')).toBe('市场监管局');
    expect(unitNameKey('小董\ufeff乡')).toBe('小董乡');
    expect(unitNameKey('小董乡')).not.toBe(unitNameKey('小董镇'));
  });
});
