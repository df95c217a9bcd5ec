import { describe, expect, it } from '@jest/globals';
import {
  parseUnitImport,
  UNIT_IMPORT_PROBLEMS_LISTED,
  type KnownUnit,
} from '../../../libs/identity/src/domain/unit-import.js';
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
      {
        line: 2,
        field: 'parentId',
        message: expect.stringContaining('no unit has the code or Chinese name'),
      },
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
      { line: 2, field: 'nameZh', message: 'is also the name of unit t-b (同名)' },
      { line: 3, field: 'nameZh', message: 'is also the name of unit t-a (同 名)' },
      { line: 4, field: 'nameZh', message: 'is also the name of unit amr (市场监管局)' },
      { line: 5, field: 'nameZh', message: 'is also the name of unit amr (市场监管局)' },
      { line: 6, field: 'nameZh', message: 'is also the name of unit t-f (AB乡)' },
      { line: 7, field: 'nameZh', message: 'is also the name of unit t-e (ＡＢ乡)' },
    ]);
  });

  it('keys a name by how it reads', () => {
    expect(unitNameKey(' 市场\u200b监管局\u3000')).toBe('市场监管局');
    expect(unitNameKey('小董\ufeff乡')).toBe('小董乡');
    expect(unitNameKey('小董乡')).not.toBe(unitNameKey('小董镇'));
  });
});

describe('a unit import as a county office keeps its list (Excel, Chinese column names)', () => {
  const HEADER = '单位编码,单位名称,英文名称,类别,上级单位编码,是否在用';

  it('reads the Chinese column names beside the field names, in any order, a UTF-8 BOM before them', () => {
    const csv = [
      `\uFEFF${HEADER}`,
      'township-xiaodong,小董乡,Xiaodong Township,乡镇（街道）,gov,是',
      'emergency,应急管理局,,县直部门,,否',
    ].join('\r\n');
    const { units, problems } = parseUnitImport(csv, 'csv', known);
    expect(problems).toEqual([]);
    expect(units).toEqual([
      {
        id: 'township-xiaodong',
        nameZh: '小董乡',
        nameEn: 'Xiaodong Township',
        kind: 'township',
        parentId: 'gov',
        active: true,
      },
      {
        id: 'emergency',
        nameZh: '应急管理局',
        nameEn: null,
        kind: 'county_department',
        parentId: null,
        active: false,
      },
    ]);
    // Other names lists give the columns, and YAML keys alike; the BOM before a YAML file too.
    const shuffled = '上级单位,类型,名称,编号\ngov,乡镇,甲乡,t-1';
    expect(parseUnitImport(shuffled, 'csv', known)).toMatchObject({
      units: [{ id: 't-1', nameZh: '甲乡', kind: 'township', parentId: 'gov', nameEn: null }],
      problems: [],
    });
    const yaml = '\uFEFF- {单位编码: t-2, 单位名称: 乙乡, 类别: 乡镇, 上级单位编码: gov, 是否在用: 是}\n';
    expect(parseUnitImport(yaml, 'yaml', known)).toMatchObject({
      units: [{ id: 't-2', nameZh: '乙乡', kind: 'township', parentId: 'gov', active: true }],
      problems: [],
    });
  });

  it('names a problem’s column as the file wrote it', () => {
    const csv = [HEADER, 'Bad Id,,,村,nowhere,也许'].join('\n');
    expect(parseUnitImport(csv, 'csv', known).problems).toEqual([
      {
        line: 2,
        field: '单位编码',
        message: 'must be 1-64 of a-z, 0-9 and dashes, beginning and ending with a letter or digit',
      },
      { line: 2, field: '单位名称', message: 'must not be empty' },
      { line: 2, field: '类别', message: expect.stringContaining('must be one of') },
      { line: 2, field: '是否在用', message: 'must be true, false (是, 否) or empty' },
      { line: 2, field: '上级单位编码', message: 'no unit has the code or Chinese name nowhere' },
    ]);
    const yaml = '- {编号: a, 名称: 县政府, 类型: 乡镇, 上级单位: a}\n';
    expect(parseUnitImport(yaml, 'yaml', known).problems).toEqual([
      { line: 1, field: '上级单位', message: 'would put the unit below itself' },
      { line: 1, field: '名称', message: 'is also the name of unit gov (县政府)' },
    ]);
  });

  it('reports a header’s unknown, repeated and missing columns once, on line 1, not on every line', () => {
    const csv = ['单位编码,id,单位名字,类别,备注,', 'a,a,甲,乡镇,x,', 'b,b,乙,乡镇,y,'].join('\n');
    expect(parseUnitImport(csv, 'csv', known).problems).toEqual([
      { line: 1, field: 'id', message: 'is the same field as column 单位编码' },
      { line: 1, field: '单位名字', message: 'is not a unit field' },
      { line: 1, field: '备注', message: 'is not a unit field' },
      { line: 1, field: 'nameZh', message: 'is not a column of the file: the first line must name it' },
    ]);
    // A column without a name is Excel's leftover: a problem only once something stands in it.
    expect(parseUnitImport('编号,名称,类别,\na,甲,乡镇,注', 'csv', known).problems).toEqual([
      { line: 1, field: '', message: 'column 4 has no name' },
    ]);
    // A YAML item names its keys itself: a key no field goes by, or a field twice, is its line's.
    expect(
      parseUnitImport('- {id: a, 编号: b, 名称: 甲, 类别: 乡镇, 颜色: 红}\n', 'yaml', known).problems,
    ).toEqual([
      { line: 1, field: '编号', message: 'is the same field as column id' },
      { line: 1, field: '颜色', message: 'is not a unit field' },
    ]);
  });

  it('takes the English name as optional: none for a new unit, and an empty cell keeps a unit’s own', () => {
    const withEnglish = new Map<string, KnownUnit>([
      ...known,
      ['amr', { parentId: 'gov', nameZh: '市场监管局', nameEn: 'Market Regulation Bureau', active: true }],
    ]);
    const csv = ['编号,名称,英文名称,类别', 'amr,市场监管局,,县直部门', 'new-town,新镇,,乡镇'].join('\n');
    expect(parseUnitImport(csv, 'csv', withEnglish).units.map((u) => u.nameEn)).toEqual([
      'Market Regulation Bureau',
      null,
    ]);
    // Without the column at all, the same; a name given replaces the unit's.
    expect(
      parseUnitImport('编号,名称,类别\namr,市场监管局,县直部门', 'csv', withEnglish).units[0]?.nameEn,
    ).toBe('Market Regulation Bureau');
    expect(
      parseUnitImport('编号,名称,英文名称,类别\namr,市场监管局,AMR,县直部门', 'csv', withEnglish).units[0]
        ?.nameEn,
    ).toBe('AMR');
  });

  it(`lists the first ${UNIT_IMPORT_PROBLEMS_LISTED} problems by line and says how many more there are`, () => {
    // A 95 KB file of bad lines: three problems each.
    const lines = Array.from({ length: 2500 }, (_, i) => `- {id: Bad ${i}, nameZh: "", kind: 村}`);
    const yaml = lines.join('\n');
    expect(yaml.length).toBeGreaterThan(80_000);
    const { problems, problemsNotListed } = parseUnitImport(yaml, 'yaml', known);
    expect(problems).toHaveLength(UNIT_IMPORT_PROBLEMS_LISTED);
    expect(problemsNotListed).toBe(3 * 2500 - UNIT_IMPORT_PROBLEMS_LISTED);
    expect(problems[0]).toMatchObject({ line: 1, field: 'id' });
    expect(problems.at(-1)?.line).toBe(Math.ceil(UNIT_IMPORT_PROBLEMS_LISTED / 3));
    expect(JSON.stringify(problems).length).toBeLessThan(25_000);
    expect(parseUnitImport('id,nameZh,kind\na,甲,township', 'csv', known).problemsNotListed).toBe(0);
  });
});

describe('a parent named as an office’s list names it: by its Chinese name', () => {
  const HEADER = '单位编码,单位名称,类别,上级单位,是否在用';
  const database = new Map<string, KnownUnit>([
    ...known,
    ['old-cg', { parentId: 'gov', nameZh: '城关镇', active: false }],
    ['cg', { parentId: 'gov', nameZh: '城关镇', active: true }],
    ['named-gov', { parentId: null, nameZh: 'gov', active: false }],
  ]);
  const parse = (...lines: string[]) => parseUnitImport([HEADER, ...lines].join('\n'), 'csv', database);

  it('reads a name of one unit, in the database or the file, as that unit’s code, as the name reads', () => {
    const { units, problems, parentsByName } = parse(
      't-a,甲镇,乡镇,县政府,是',
      // Before the unit it names is listed; with a full-width space and a zero-width one, as pasted.
      't-b,乙村,乡镇,丙\u200b街道\u3000,是',
      't-c,丙街道,乡镇,县政府,是',
      't-d,丁村,乡镇,t-c,是',
    );
    expect(problems).toEqual([]);
    expect(units.map(({ id, parentId }) => [id, parentId])).toEqual([
      ['t-a', 'gov'],
      ['t-b', 't-c'],
      ['t-c', 'gov'],
      ['t-d', 't-c'],
    ]);
    // What the 预检 shows: each name given, the unit it was read as, and the lines giving it.
    expect(parentsByName).toEqual([
      { name: '县政府', id: 'gov', lines: [2, 4] },
      { name: '丙\u200b街道', id: 't-c', lines: [3] },
    ]);
    // A code needs no reading: none listed.
    expect(parse('t-a,甲镇,乡镇,gov,是').parentsByName).toEqual([]);
  });

  it('takes a code of a unit first, even where it is another unit’s name too', () => {
    expect(parse('t-a,甲镇,乡镇,gov,是').units[0]?.parentId).toBe('gov');
    // The file's own units are codes too: t-b is listed below.
    expect(parse('t-a,甲镇,乡镇,t-b,是', 't-b,t-a,乡镇,,是').units[0]?.parentId).toBe('t-b');
  });

  it('reads a unit the file renames by its new name, not its old one', () => {
    const renamed = parse('amr,县市场监管局,县直部门,县政府,是', 't-a,甲所,乡镇,县市场监管局,是');
    expect(renamed.problems).toEqual([]);
    expect(renamed.units[1]?.parentId).toBe('amr');
    expect(parse('amr,县市场监管局,县直部门,县政府,是', 't-a,甲所,乡镇,市场监管局,是').problems).toEqual([
      { line: 3, field: '上级单位', message: 'no unit has the code or Chinese name 市场监管局' },
    ]);
  });

  it('says which is wrong, naming the column: a name no unit has, or several retired units have', () => {
    const { problems } = parse(
      't-a,甲镇,乡镇,武陟县人民政府,是',
      't-c,丁镇,乡镇,,否',
      't-d,丁镇,乡镇,,否',
      't-e,戊村,乡镇,丁镇,是',
    );
    expect(problems).toEqual([
      { line: 2, field: '上级单位', message: 'no unit has the code or Chinese name 武陟县人民政府' },
      {
        line: 5,
        field: '上级单位',
        message: '丁镇 is the Chinese name of more than one unit (t-c, t-d): write the code',
      },
    ]);
  });

  it('takes the unit in use of a name a retired unit had too (a reorganisation), else the one retired', () => {
    const { problems, units } = parse(
      't-b,乙镇,乡镇,城关镇,是',
      't-c,丁镇,乡镇,,否',
      't-d,丁镇,乡镇,,是',
      't-e,戊村,乡镇,丁镇,是',
      't-f,己镇,乡镇,,否',
      't-g,庚村,乡镇,己镇,是',
    );
    expect(problems).toEqual([]);
    expect(Object.fromEntries(units.map((u) => [u.id, u.parentId]))).toMatchObject({
      // old-cg, the retired 城关镇, and cg, the one in use.
      't-b': 'cg',
      't-e': 't-d',
      't-g': 't-f',
    });
  });

  it('holds a parent named to the tree’s rules: a unit is never below itself', () => {
    expect(parse('t-a,甲镇,乡镇,甲镇,是').problems).toEqual([
      { line: 2, field: '上级单位', message: 'would put the unit below itself' },
    ]);
    expect(parse('t-a,甲镇,乡镇,乙镇,是', 't-b,乙镇,乡镇,t-a,是').problems).toEqual([
      { line: 2, field: '上级单位', message: 'would put the unit below itself' },
      { line: 3, field: '上级单位', message: 'would put the unit below itself' },
    ]);
  });
});

describe('a unit import under hostile input', () => {
  const database = new Map<string, KnownUnit>([
    ...known,
    ['old', { parentId: 'gov', nameZh: '旧局', nameEn: 'Old Bureau', active: false }],
  ]);

  it('leaves what the file does not give as the unit has it: no parent taken, no retired unit brought back', () => {
    const fields = ({ id, parentId, active, nameEn }: { id: string } & Partial<KnownUnit>) => ({
      id,
      parentId,
      active,
      nameEn,
    });
    const expected = [
      { id: 'amr', parentId: 'gov', active: true, nameEn: null },
      { id: 'old', parentId: 'gov', active: false, nameEn: 'Old Bureau' },
      // A new unit: no parent, in use.
      { id: 't-new', parentId: null, active: true, nameEn: null },
    ];
    const csv = ['单位编码,单位名称,类别', 'amr,市场监管局,县直部门', 'old,旧局,县直部门', 't-new,新镇,乡镇'];
    const fromCsv = parseUnitImport(csv.join('\n'), 'csv', database);
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.units.map(fields)).toEqual(expected);
    const yaml =
      '- {id: amr, nameZh: 市场监管局, kind: 县直部门}\n- {id: old, nameZh: 旧局, kind: 县直部门}\n- {id: t-new, nameZh: 新镇, kind: 乡镇}\n';
    const fromYaml = parseUnitImport(yaml, 'yaml', database);
    expect(fromYaml.problems).toEqual([]);
    expect(fromYaml.units.map(fields)).toEqual(expected);
    // An empty cell of a present column still means no parent and in use (a YAML null alike).
    const empty = parseUnitImport('编号,名称,类别,上级单位,在用\nold,旧局,县直部门,,', 'csv', database);
    expect(empty.units.map(fields)).toEqual([
      { id: 'old', parentId: null, active: true, nameEn: 'Old Bureau' },
    ]);
    expect(
      parseUnitImport(
        '- {id: old, nameZh: 旧局, kind: 县直部门, parentId: ~, active: }\n',
        'yaml',
        database,
      ).units.map(fields),
    ).toEqual([{ id: 'old', parentId: null, active: true, nameEn: 'Old Bureau' }]);
  });

  it('reads YAML scalars as written, and a list, map or binary as no text', () => {
    const yaml = '- {id: 0101, nameZh: 1e3, nameEn: 0x1F, kind: township, active: false}\n';
    expect(parseUnitImport(yaml, 'yaml', known)).toMatchObject({
      units: [{ id: '0101', nameZh: '1e3', nameEn: '0x1F', active: false }],
      problems: [],
    });
    expect(
      parseUnitImport('- {id: a, nameZh: 甲, kind: 乡镇, active: 否}\n', 'yaml', known).units[0]?.active,
    ).toBe(false);
    const nested =
      '- {id: a, nameZh: {x: 1}, kind: township, parentId: [gov], active: {no: 1}, nameEn: !!binary aGVsbG8=}\n';
    expect(parseUnitImport(nested, 'yaml', known).problems).toEqual([
      { line: 1, field: 'nameZh', message: 'must be text' },
      { line: 1, field: 'parentId', message: 'must be text' },
      { line: 1, field: 'active', message: 'must be text' },
      { line: 1, field: 'nameEn', message: 'must be text' },
    ]);
  });

  it('lists at most five codes of the units a name is shared by', () => {
    const lines = Array.from({ length: 8 }, (_, i) => `t-${i},同名镇,乡镇,,否`);
    const { problems } = parseUnitImport(
      ['id,nameZh,kind,parentId,active', ...lines, 't-x,甲村,乡镇,同名镇,是'].join('\n'),
      'csv',
      known,
    );
    expect(problems).toEqual([
      {
        line: 10,
        field: 'parentId',
        message:
          '同名镇 is the Chinese name of more than one unit (t-0, t-1, t-2, t-3, t-4 and 3 more): write the code',
      },
    ]);
  });

  it('counts a name’s length in characters as POST /units does: an emoji is one', () => {
    const emoji = '😀'.repeat(UNIT_NAME_MAX_LENGTH.nameZh - 1);
    expect(parseUnitImport(`id,nameZh,kind\nt-a,${emoji},乡镇`, 'csv', known).problems).toEqual([]);
    expect(parseUnitImport(`id,nameZh,kind\nt-a,${emoji}😀😀,乡镇`, 'csv', known).problems).toEqual([
      { line: 2, field: 'nameZh', message: 'must be shorter than or equal to 100 characters' },
    ]);
  });

  it('takes Excel’s TRUE and FALSE in the active column', () => {
    const csv = ['id,nameZh,kind,active', 't-a,甲镇,乡镇,TRUE', 't-b,乙镇,乡镇,FALSE', 't-c,丙镇,乡镇,False'];
    const { units, problems } = parseUnitImport(csv.join('\n'), 'csv', known);
    expect(problems).toEqual([]);
    expect(units.map((u) => u.active)).toEqual([true, false, false]);
  });

  it('gives as units only the lines whose code is valid, the first of each', () => {
    const csv = ['id,nameZh,kind', ',甲镇,乡镇', 'ZZ-A,乙镇,乡镇', 't-a,丁镇,乡镇', 't-a,戊镇,乡镇'];
    const { units, problems } = parseUnitImport(csv.join('\n'), 'csv', known);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(units.map((u) => [u.id, u.nameZh])).toEqual([['t-a', '丁镇']]);
  });
});
