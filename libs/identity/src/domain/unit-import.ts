import { parse as parseYaml } from 'yaml';
import { UNIT_ID_PATTERN, UNIT_KIND_ZH } from '../../../contracts/src/identity.js';
import { textProblem } from '../../../platform/src/http/storable-text.js';
import { isBlank } from '../../../platform/src/http/text-fields.js';
import { UNIT_KINDS, type UnitKind } from '../unit.entity.js';
import { tidyUnitName, UNIT_NAME_MAX_LENGTH, unitNameKey, unitNameProblem } from './unit-names.js';

/** One unit as an import file describes it. */
export interface ImportedUnit {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
}

/** A unit in the database, as an import is checked against it. */
export interface KnownUnit {
  parentId: string | null;
  nameZh: string;
  active: boolean;
}

/** A problem of the file, by its line (1-based; the CSV header is line 1) and field. */
export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export const UNIT_IMPORT_COLUMNS = ['id', 'nameZh', 'nameEn', 'kind', 'parentId', 'active'] as const;

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

/** The `active` column: empty (active), or true/false, 是/否. */
const ACTIVE_WORDS: Readonly<Record<string, boolean>> = {
  '': true,
  true: true,
  false: false,
  是: true,
  否: false,
};

/**
 * Reads a CSV (header `id,nameZh,nameEn,kind,parentId,active`; parentId and active may be empty) or
 * a YAML list of the same fields into units, listing every problem by line. Parents must be in the
 * file or among `knownUnits`, and no unit may end up below itself. Each line is held to the rules a
 * request's body is: no text the database cannot store (YAML's `"\0"` or `"\ud800"` escapes become such
 * text only here, past the edge's check of the body), names trimmed, within the same limits and without
 * control characters, and no two units in use whose Chinese names read alike (`unitNameKey`).
 */
export function parseUnitImport(
  text: string,
  format: 'csv' | 'yaml',
  /** Units in the database, by id. */
  knownUnits: ReadonlyMap<string, KnownUnit>,
): { units: ImportedUnit[]; problems: ImportProblem[] } {
  const records = format === 'csv' ? csvRecords(text) : yamlRecords(text);
  if ('problem' in records) return { units: [], problems: [records.problem] };
  const problems: ImportProblem[] = [];
  const units: Array<ImportedUnit & { line: number }> = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records.rows) {
    const problem = (field: string, message: string) => problems.push({ line, field, message });
    for (const [key, value] of Object.entries(fields)) {
      const unstorable = textProblem(key) ?? (typeof value === 'string' ? textProblem(value) : undefined);
      if (unstorable) problem(textProblem(key) ? 'field name' : key, unstorable);
      else if (!(UNIT_IMPORT_COLUMNS as readonly string[]).includes(key)) problem(key, 'is not a unit field');
    }
    const text = (key: string) => {
      const value = fields[key];
      // YAML may give numbers or booleans (`active: true`); a nested map or list is not a unit field.
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? tidyUnitName(String(value))
        : '';
    };
    const id = text('id');
    if (!UNIT_ID_PATTERN.test(id)) problem('id', 'must be 1-64 of a-z, 0-9 and dashes');
    else if (seen.has(id)) problem('id', `repeats line ${seen.get(id)}`);
    else seen.set(id, line);
    for (const name of ['nameZh', 'nameEn'] as const) {
      const value = text(name);
      if (!value) problem(name, 'must not be empty');
      else if (isBlank(value)) problem(name, 'must not be blank');
      else if (textProblem(value))
        continue; // reported above
      else if (value.length > UNIT_NAME_MAX_LENGTH[name]) {
        problem(name, `must be shorter than or equal to ${UNIT_NAME_MAX_LENGTH[name]} characters`);
      } else if (unitNameProblem(value)) problem(name, unitNameProblem(value) ?? '');
    }
    const kind = kindOf(text('kind'));
    if (!kind) problem('kind', `must be one of ${UNIT_KINDS.join(', ')} (or its Chinese name)`);
    const active = ACTIVE_WORDS[text('active')];
    if (active === undefined) problem('active', 'must be true, false (是, 否) or empty');
    units.push({
      line,
      id,
      nameZh: text('nameZh'),
      nameEn: text('nameEn'),
      kind: kind as UnitKind,
      parentId: text('parentId') || null,
      active: active !== false,
    });
  }
  for (const unit of units) {
    if (unit.parentId === null) continue;
    if (unit.parentId === unit.id) continue; // reported below as a cycle
    if (!seen.has(unit.parentId) && !knownUnits.has(unit.parentId)) {
      problems.push({ line: unit.line, field: 'parentId', message: `unit ${unit.parentId} does not exist` });
    }
  }
  const parentOf = new Map([...knownUnits].map(([id, known]) => [id, known.parentId]));
  // A repeated id is already a problem; its first line decides the tree.
  for (const unit of [...units].reverse()) parentOf.set(unit.id, unit.parentId);
  for (const unit of units) {
    const visited = new Set<string>();
    for (let at: string | null | undefined = unit.parentId; at; at = parentOf.get(at)) {
      if (at === unit.id) {
        problems.push({ line: unit.line, field: 'parentId', message: 'would put the unit below itself' });
        break;
      }
      if (visited.has(at)) break;
      visited.add(at);
    }
  }
  problems.push(...namesInUseTwice(units, knownUnits));
  problems.sort((a, b) => a.line - b.line);
  return { units: units.map(({ line: _line, ...unit }) => unit), problems };
}

/**
 * Two units in use under one Chinese name would look alike in every unit select: a unit of the file in
 * use may not share its name with another in use, in the file or in the database (a unit of the file
 * replaces the database's of its id; a repeated id is a problem of its own).
 */
function namesInUseTwice(
  units: ReadonlyArray<ImportedUnit & { line: number }>,
  knownUnits: ReadonlyMap<string, KnownUnit>,
): ImportProblem[] {
  const firstOfId = new Map<string, ImportedUnit & { line: number }>();
  for (const unit of units) if (!firstOfId.has(unit.id)) firstOfId.set(unit.id, unit);
  const inUse = [
    ...[...knownUnits].filter(([id]) => !firstOfId.has(id)).map(([id, known]) => ({ id, ...known })),
    ...firstOfId.values(),
  ].filter((unit) => unit.active);
  return [...firstOfId.values()].flatMap((unit) => {
    const key = unitNameKey(unit.nameZh);
    const other = unit.active && inUse.find((u) => u.id !== unit.id && unitNameKey(u.nameZh) === key);
    return other
      ? [{ line: unit.line, field: 'nameZh', message: `is also the name of unit ${other.id}` }]
      : [];
  });
}

type Records =
  { rows: Array<{ line: number; fields: Record<string, unknown> }> } | { problem: ImportProblem };

function yamlRecords(text: string): Records {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (err) {
    const line = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    return { problem: { line, field: '', message: 'is not valid YAML' } };
  }
  const list = (document as { units?: unknown } | null)?.units ?? document;
  if (!Array.isArray(list)) return { problem: { line: 1, field: '', message: 'must be a list of units' } };
  // YAML list items carry no line numbers once parsed: count `- ` item starts in the text instead.
  const itemLines = text
    .split('\n')
    .map((l, i) => (/^\s*- /.test(l) ? i + 1 : 0))
    .filter(Boolean);
  return {
    rows: list.map((fields, i) => ({
      line: itemLines[i] ?? i + 1,
      fields: typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {},
    })),
  };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
function csvRecords(text: string): Records {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const body = text.replace(/^\uFEFF/, '');
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
  const [header, ...data] = rows;
  if (!header)
    return { problem: { line: 1, field: '', message: 'is empty: the first line must name the columns' } };
  const columns = header.cells.map((c) => c.trim());
  return {
    rows: data.map(({ line: at, cells: values }) => ({
      line: at,
      fields: Object.fromEntries(columns.map((name, i) => [name, values[i] ?? ''])),
    })),
  };
}
