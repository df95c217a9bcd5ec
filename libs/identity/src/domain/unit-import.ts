import { parse as parseYaml } from 'yaml';
import {
  NEW_UNIT_ID_PATTERN,
  NEW_UNIT_ID_RULE,
  UNIT_IMPORT_COLUMNS,
  UNIT_KIND_ZH,
  type UnitImportField,
} from '../../../contracts/src/identity.js';
import { textProblem } from '../../../platform/src/http/storable-text.js';
import { isBlank } from '../../../platform/src/http/text-fields.js';
import { UNIT_KINDS, type UnitKind } from '../unit.entity.js';
import {
  tidyUnitName,
  nameInUseMessage,
  UNIT_NAME_MAX_LENGTH,
  unitNameKey,
  unitNameProblem,
  unitNameTooLong,
} from './unit-names.js';

/** One unit as an import file describes it. */
export interface ImportedUnit {
  id: string;
  nameZh: string;
  /** None: the file left it empty and the unit had none (an import never removes one). */
  nameEn: string | null;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
}

/** A unit in the database, as an import is checked against it. */
export interface KnownUnit {
  parentId: string | null;
  nameZh: string;
  /** Left out: the unit has none. */
  nameEn?: string | null;
  active: boolean;
}

/**
 * A problem of the file, by its line (1-based; the CSV header is line 1) and field: the column as the
 * file wrote it (`单位名称`, `nameZh`), or the field's name where the file has no such column.
 */
export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

/**
 * The most problems a report lists, the first by line; it says how many more there are. A 95 KB file
 * of bad lines would otherwise answer with megabytes, and nobody reads past the first screens anyway.
 */
export const UNIT_IMPORT_PROBLEMS_LISTED = 200;

const FIELDS = Object.keys(UNIT_IMPORT_COLUMNS) as UnitImportField[];

/** Every name a column may go by: a field's own name, and the Chinese ones of UNIT_IMPORT_COLUMNS. */
const FIELD_BY_COLUMN: ReadonlyMap<string, UnitImportField> = new Map(
  FIELDS.flatMap((field) => [field, ...UNIT_IMPORT_COLUMNS[field]].map((name) => [name, field] as const)),
);

/** The columns a line cannot do without: a unit has no default code, name or kind. */
const REQUIRED: readonly UnitImportField[] = ['id', 'nameZh', 'kind'];

/**
 * A kind as a county's list may write it: the code, or its Chinese name as the console shows it (乡镇
 * and 街道 alone too, the two halves of 乡镇（街道）). A list kept in Excel by an office says 乡镇, not
 * `township`.
 */
const KIND_BY_WORD: ReadonlyMap<string, UnitKind> = new Map([
  ...UNIT_KINDS.map((kind) => [kind, kind] as const),
  ...UNIT_KINDS.map((kind) => [UNIT_KIND_ZH[kind], kind] as const),
  ['乡镇', 'township'],
  ['街道', 'township'],
]);
const kindOf = (word: string): UnitKind | undefined => KIND_BY_WORD.get(word);

/**
 * The `active` column: empty (in use), or true/false in any case (Excel writes TRUE and FALSE), 是/否.
 * Looked up lower-cased.
 */
const ACTIVE_WORDS: Readonly<Record<string, boolean>> = {
  '': true,
  true: true,
  false: false,
  是: true,
  否: false,
};

/** The most codes a problem naming several units lists: a name many units share is settled by a code. */
const CODES_LISTED = 5;

const codesOf = (ids: readonly string[]): string =>
  ids.length <= CODES_LISTED
    ? ids.join(', ')
    : `${ids.slice(0, CODES_LISTED).join(', ')} and ${ids.length - CODES_LISTED} more`;

/** A parent the file named by its Chinese name, the unit that name was read as, and the lines naming it. */
export interface ParentByName {
  name: string;
  id: string;
  lines: number[];
}

/** What an import file holds: its units, its problems (the first UNIT_IMPORT_PROBLEMS_LISTED) and how many more. */
export interface ParsedUnitImport {
  /**
   * The units of the lines whose code is valid, of a repeated code the first: what the report counts as
   * created or changed (a line whose code is a problem creates nothing).
   */
  units: ImportedUnit[];
  problems: ImportProblem[];
  /** Problems beyond those listed; 0 when every one is. */
  problemsNotListed: number;
  /** The parents given by name, each with the unit it was read as: the 预检 shows them. */
  parentsByName: ParentByName[];
}

/** The column each field was read from, as the file wrote it. */
type Columns = Partial<Record<UnitImportField, string>>;

/**
 * A line of the file (a CSV row, a YAML list item) as its fields, and its own problems so far. A field
 * the line does not give (a column the header lacks, a key the item leaves out, a YAML value that is no
 * text) has no text here.
 */
interface Row {
  line: number;
  fields: Partial<Record<UnitImportField, string>>;
  columns: Columns;
  problems: ImportProblem[];
}

interface Records {
  rows: Row[];
  /** Problems of the file as a whole or of its header. */
  problems: ImportProblem[];
  /** Fields a CSV's header has no column for: reported once on line 1, not on every line. */
  absent: ReadonlySet<UnitImportField>;
}

type Unit = ImportedUnit & { line: number; columns: Columns };

/** A problem of a unit's line, naming its field as the file wrote it. */
const problemOf = (unit: Pick<Unit, 'line' | 'columns'>, field: UnitImportField, message: string) => ({
  line: unit.line,
  field: unit.columns[field] ?? field,
  message,
});

/**
 * Reads a CSV (a header naming the columns by UNIT_IMPORT_COLUMNS, in any order: `id,nameZh,nameEn,
 * kind,parentId,active` or `单位编码,单位名称,英文名称,类别,上级单位编码,是否在用`) or a YAML list with the
 * same keys into units, listing problems by line; a UTF-8 byte order mark is dropped. nameEn, parentId
 * and active may be empty or left out: a field the file does not give (no such column, no such key)
 * leaves an existing unit's as it is, and a new unit has none, no parent and is in use; an empty cell
 * keeps the English name and means no parent and in use. A parent is a unit in the file or among `knownUnits`, given by
 * its code or, as an office's list names it, by its Chinese name (`parentOf`), and no unit may end up
 * below itself. Each line is held to the rules a request's body is: no text the database
 * cannot store (YAML's `"\0"` or `"\ud800"` escapes become such text only here, past the edge's check of
 * the body), names trimmed, within the same limits and without control characters, and no two units in
 * use whose Chinese names read alike (`unitNameKey`).
 */
export function parseUnitImport(
  text: string,
  format: 'csv' | 'yaml',
  /** Units in the database, by id. */
  knownUnits: ReadonlyMap<string, KnownUnit>,
): ParsedUnitImport {
  const body = text.replace(/^\uFEFF/, '');
  const records = format === 'csv' ? csvRecords(body) : yamlRecords(body);
  const problems: ImportProblem[] = [...records.problems];
  const units: Unit[] = [];
  const seen = new Map<string, number>();
  for (const row of records.rows) {
    problems.push(...row.problems);
    const problem = (field: UnitImportField, message: string) =>
      problems.push(problemOf(row, field, message));
    /**
     * A field's text, '' when empty; undefined where the line does not give it. A YAML item without a
     * required key reads as empty, a problem of its line; a CSV without the column was reported on line
     * 1, and a YAML value that is no text has its own problem.
     */
    const text = (field: UnitImportField) => {
      const value = row.fields[field];
      if (value !== undefined) return tidyUnitName(value);
      const unreported = row.columns[field] === undefined && !records.absent.has(field);
      return REQUIRED.includes(field) && unreported ? '' : undefined;
    };
    const id = text('id');
    if (id === undefined) {
      // reported already
    } else if (!knownUnits.has(id) && !NEW_UNIT_ID_PATTERN.test(id)) {
      // A new unit takes a code POST /units would take; one stored already keeps its own.
      problem('id', NEW_UNIT_ID_RULE);
    } else if (seen.has(id)) problem('id', `repeats line ${seen.get(id)}`);
    else seen.set(id, row.line);
    for (const name of ['nameZh', 'nameEn'] as const) {
      const value = text(name);
      // An English name is optional: many a county's list has none.
      if (value === undefined || (name === 'nameEn' && !value)) continue;
      if (!value) problem(name, 'must not be empty');
      else if (isBlank(value)) problem(name, 'must not be blank');
      else if (textProblem(value))
        continue; // reported with the row
      else if (unitNameTooLong(name, value)) {
        problem(name, `must be shorter than or equal to ${UNIT_NAME_MAX_LENGTH[name]} characters`);
      } else if (unitNameProblem(value)) problem(name, unitNameProblem(value) ?? '');
    }
    const kindWord = text('kind');
    const kind = kindWord === undefined ? undefined : kindOf(kindWord);
    if (kindWord !== undefined && !kind) {
      problem('kind', `must be one of ${UNIT_KINDS.join(', ')} (or its Chinese name)`);
    }
    // A field the file does not give leaves the unit's own: a list of codes, names and kinds alone
    // must not take every unit's parent away, nor bring retired units back.
    const own = knownUnits.get(id ?? '');
    const activeWord = text('active');
    const active = activeWord === undefined ? (own?.active ?? true) : ACTIVE_WORDS[activeWord.toLowerCase()];
    if (active === undefined) problem('active', 'must be true, false (是, 否) or empty');
    const parentId = text('parentId');
    units.push({
      line: row.line,
      columns: row.columns,
      id: id ?? '',
      nameZh: text('nameZh') ?? '',
      // An empty English name keeps the unit's own: an import never removes one (PATCH null does).
      nameEn: text('nameEn') || (own?.nameEn ?? null),
      kind: kind as UnitKind,
      parentId: parentId === undefined ? (own?.parentId ?? null) : parentId || null,
      active: active !== false,
    });
  }
  const standing = unitsAsTheFileLeavesThem(units, knownUnits);
  const idsByName = idsByNameOf(standing);
  const inUse = new Set(standing.filter((unit) => unit.active).map((unit) => unit.id));
  const parentsByName = new Map<string, ParentByName>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const written = unit.parentId;
    // Its own code is a cycle, reported below, even on a line whose code is a problem of its own.
    const isUnit = (id: string) => id === unit.id || seen.has(id) || knownUnits.has(id);
    const parent = parentOf(written, isUnit, idsByName, inUse);
    if ('problem' in parent) {
      problems.push(problemOf(unit, 'parentId', parent.problem));
      continue;
    }
    unit.parentId = parent.id;
    if (parent.id === written) continue;
    const named = parentsByName.get(written) ?? { name: written, id: parent.id, lines: [] };
    named.lines.push(unit.line);
    parentsByName.set(written, named);
  }
  const parentIdOf = new Map([...knownUnits].map(([id, known]) => [id, known.parentId]));
  // A repeated id is already a problem; its first line decides the tree.
  for (const unit of [...units].reverse()) parentIdOf.set(unit.id, unit.parentId);
  for (const unit of units) {
    const visited = new Set<string>();
    for (let at: string | null | undefined = unit.parentId; at; at = parentIdOf.get(at)) {
      if (at === unit.id) {
        problems.push(problemOf(unit, 'parentId', 'would put the unit below itself'));
        break;
      }
      if (visited.has(at)) break;
      visited.add(at);
    }
  }
  problems.push(...namesInUseTwice(standing));
  problems.sort((a, b) => a.line - b.line);
  return {
    units: units
      .filter((unit) => seen.get(unit.id) === unit.line)
      .map(({ line: _line, columns: _columns, ...unit }) => unit),
    problems: problems.slice(0, UNIT_IMPORT_PROBLEMS_LISTED),
    problemsNotListed: Math.max(0, problems.length - UNIT_IMPORT_PROBLEMS_LISTED),
    parentsByName: [...parentsByName.values()],
  };
}

/**
 * The unit a parent cell names. A code of a unit in the file or the database is that unit, even where
 * it is also some unit's name; otherwise a Chinese name, as it reads (`unitNameKey`): the office's list
 * says 武陟县人民政府, not gov. The unit in use of that name, of which there is at most one (two in use
 * never share a name), else the one retired unit of that name; a name no unit has, or several retired
 * units have, is a problem: which was meant is a guess. A reorganisation that retired a bureau for a new
 * one of the same name points the list at the new one.
 */
function parentOf(
  written: string,
  isUnit: (id: string) => boolean,
  /** The ids of the units, as the file leaves them, by the name they read as. */
  idsByName: ReadonlyMap<string, readonly string[]>,
  /** The ids of the units in use, as the file leaves them. */
  inUse: ReadonlySet<string>,
): { id: string } | { problem: string } {
  if (isUnit(written)) return { id: written };
  const ids = idsByName.get(unitNameKey(written)) ?? [];
  const inUseIds = ids.filter((id) => inUse.has(id));
  const candidates = inUseIds.length > 0 ? inUseIds : ids;
  const [only, ...more] = candidates;
  if (only && more.length === 0) return { id: only };
  return ids.length === 0
    ? { problem: `no unit has the code or Chinese name ${written}` }
    : {
        problem: `${written} is the Chinese name of more than one unit (${codesOf(candidates)}): write the code`,
      };
}

/** A unit as it stands once the file is imported, and the file's line for it (none: the database's own). */
interface StandingUnit {
  id: string;
  nameZh: string;
  active: boolean;
  fromFile?: Unit;
}

/**
 * The units as the file leaves them: the database's the file does not list, then the file's in its order
 * (a unit of the file replaces the database's of its id; of a repeated id, a problem of its own, the
 * first line).
 */
function unitsAsTheFileLeavesThem(
  units: readonly Unit[],
  knownUnits: ReadonlyMap<string, KnownUnit>,
): StandingUnit[] {
  const firstOfId = new Map<string, Unit>();
  for (const unit of units) if (!firstOfId.has(unit.id)) firstOfId.set(unit.id, unit);
  return [
    ...[...knownUnits].filter(([id]) => !firstOfId.has(id)).map(([id, known]) => ({ id, ...known })),
    ...[...firstOfId.values()].map((unit) => ({ ...unit, fromFile: unit })),
  ];
}

/**
 * Ids by the name they read as, in order: a file of thousands of lines is keyed once, not compared line
 * by line. A blank name (a problem of its own) reads as none.
 */
function idsByNameOf(units: ReadonlyArray<Pick<StandingUnit, 'id' | 'nameZh'>>): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const { id, nameZh } of units) {
    const key = unitNameKey(nameZh);
    if (key) ids.set(key, [...(ids.get(key) ?? []), id]);
  }
  return ids;
}

/**
 * Two units in use under one Chinese name would look alike in every unit select: a unit of the file in
 * use may not share its name with another in use, in the file or in the database.
 */
function namesInUseTwice(standing: readonly StandingUnit[]): ImportProblem[] {
  const inUse = idsByNameOf(standing.filter((unit) => unit.active));
  const named = new Map(standing.map((unit) => [unit.id, unit]));
  return standing.flatMap(({ id, nameZh, active, fromFile }) => {
    const other = active && inUse.get(unitNameKey(nameZh))?.find((other) => other !== id);
    return fromFile && other ? [problemOf(fromFile, 'nameZh', nameInUseMessage(named.get(other)!))] : [];
  });
}

/** A line's problem with its raw fields: text the database cannot store, in a value or a name. */
function storableProblems(line: number, written: string, value: unknown): ImportProblem[] {
  const inName = textProblem(written);
  if (inName) return [{ line, field: 'field name', message: inName }];
  const inValue = typeof value === 'string' ? textProblem(value) : undefined;
  return inValue ? [{ line, field: written, message: inValue }] : [];
}

function yamlRecords(text: string): Records {
  const none = { rows: [], absent: new Set<UnitImportField>() };
  let document: unknown;
  try {
    // Every scalar as written: the core schema would read `id: 0101` as 101 and `nameZh: 1e3` as 1000.
    // A null (`~`, `null`, nothing) is an empty cell; the warning of a tag failsafe lacks (`!!int 5`,
    // read as its text) is no problem of the file.
    document = parseYaml(text, { schema: 'failsafe', customTags: ['null'], logLevel: 'error' });
  } catch (err) {
    const line = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    return { ...none, problems: [{ line, field: '', message: 'is not valid YAML' }] };
  }
  const list = (document as { units?: unknown } | null)?.units ?? document;
  if (!Array.isArray(list)) {
    return { ...none, problems: [{ line: 1, field: '', message: 'must be a list of units' }] };
  }
  // YAML list items carry no line numbers once parsed: count `- ` item starts in the text instead.
  const itemLines = text
    .split('\n')
    .map((l, i) => (/^\s*- /.test(l) ? i + 1 : 0))
    .filter(Boolean);
  const rows = list.map((item: unknown, i): Row => {
    const row: Row = { line: itemLines[i] ?? i + 1, fields: {}, columns: {}, problems: [] };
    const entries =
      typeof item === 'object' && item !== null ? Object.entries(item as Record<string, unknown>) : [];
    for (const [key, value] of entries) {
      const unstorable = storableProblems(row.line, key, value);
      if (unstorable.some((p) => p.field === 'field name')) {
        row.problems.push(...unstorable);
        continue;
      }
      const column = columnField(key, row.columns);
      if ('problem' in column) {
        row.problems.push({ line: row.line, field: key, message: column.problem });
        continue;
      }
      row.columns[column.field] = key;
      // A list, a map or a tagged binary (`parentId: [gov]`) is no unit field's value.
      if (value !== null && typeof value !== 'string') {
        row.problems.push({ line: row.line, field: key, message: 'must be text' });
        continue;
      }
      row.problems.push(...unstorable);
      row.fields[column.field] = value ?? '';
    }
    return row;
  });
  return { rows, problems: [], absent: new Set() };
}

/**
 * The field a column (a header cell, a YAML key) gives, by its name; or what is wrong with it: a name no
 * field goes by, or a second column for a field another column already gave (`id` beside `单位编码`).
 */
function columnField(written: string, columns: Columns): { field: UnitImportField } | { problem: string } {
  const field = FIELD_BY_COLUMN.get(written.trim());
  if (!field) return { problem: 'is not a unit field' };
  const first = columns[field];
  return first === undefined ? { field } : { problem: `is the same field as column ${first}` };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
function csvRecords(text: string): Records {
  const lines = csvLines(text);
  if ('problem' in lines) return { rows: [], problems: [lines.problem], absent: new Set() };
  const [header, ...data] = lines.rows;
  if (!header) {
    return {
      rows: [],
      problems: [{ line: 1, field: '', message: 'is empty: the first line must name the columns' }],
      absent: new Set(),
    };
  }
  const problems: ImportProblem[] = [];
  const columns: Columns = {};
  /** Each cell's field by its place; undefined for a column that gives none. */
  const places = header.cells.map((cell, place): UnitImportField | undefined => {
    const written = cell.trim();
    if (!written) {
      // Excel writes a blank name over a column once used: harmless while it holds nothing.
      if (data.some((row) => row.cells[place]?.trim())) {
        problems.push({ line: header.line, field: '', message: `column ${place + 1} has no name` });
      }
      return undefined;
    }
    const unstorable = textProblem(written);
    if (unstorable) {
      problems.push({ line: header.line, field: 'field name', message: unstorable });
      return undefined;
    }
    const column = columnField(written, columns);
    if ('problem' in column) {
      problems.push({ line: header.line, field: written, message: column.problem });
      return undefined;
    }
    columns[column.field] = written;
    return column.field;
  });
  const absent = new Set(REQUIRED.filter((field) => columns[field] === undefined));
  for (const field of absent) {
    problems.push({
      line: header.line,
      field,
      message: 'is not a column of the file: the first line must name it',
    });
  }
  const rows = data.map(({ line, cells }): Row => {
    const row: Row = { line, fields: {}, columns, problems: [] };
    places.forEach((field, place) => {
      if (!field) return;
      const value = cells[place] ?? '';
      row.problems.push(...storableProblems(line, columns[field] ?? field, value));
      row.fields[field] = value;
    });
    return row;
  });
  return { rows, problems, absent };
}

/** The file's rows of cells, each with the line it starts on; rows of blank cells are left out. */
function csvLines(
  body: string,
): { rows: Array<{ line: number; cells: string[] }> } | { problem: ImportProblem } {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((x) => x.trim())) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) return { problem: { line: rowLine, field: '', message: 'has an unclosed quote' } };
  cells.push(cell);
  if (cells.some((x) => x.trim())) rows.push({ line: rowLine, cells });
  return { rows };
}
