import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import {
  NEW_UNIT_ID_PATTERN,
  NEW_UNIT_ID_RULE,
  UNIT_ID_PATTERN,
} from '../../../libs/contracts/src/identity.js';
import { parseUnitImport, type KnownUnit } from '../../../libs/identity/src/domain/unit-import.js';
import { CreateUnitDto, UnitIdParam } from '../../../libs/identity/src/dto/units.dto.js';
import { SEED_UNITS } from '../../../libs/identity/src/seed/reference-data.js';
import { readBundledPlan } from '../../../libs/plan/src/bundled-plan.js';
import { DubanError, type FieldProblem } from '../../../libs/platform/src/errors/duban-error.js';
import { createValidationPipe } from '../../../libs/platform/src/errors/validation.js';

/** Codes made only of the allowed characters that are still no code a person means. */
const HYPHEN_AT_AN_END = ['-', '--', '---', '-abc', 'abc-', '-a-', `${'a'.repeat(63)}-`];

/** The field problems the API's validation pipe answers for `value` as the body or the path. */
async function problemsOf(
  metatype: new () => object,
  value: object,
  type: 'body' | 'param',
): Promise<FieldProblem[]> {
  try {
    await createValidationPipe().transform(value, { type, metatype });
    return [];
  } catch (error) {
    if (error instanceof DubanError) return error.fields;
    throw error;
  }
}

describe('a new unit’s code', () => {
  it('begins and ends with a letter or digit, with hyphens only inside, 1 to 64 long', () => {
    for (const code of ['a', '7', 'amr', 'township-sample-1', 'a--b', 'x'.repeat(64)]) {
      expect(NEW_UNIT_ID_PATTERN.test(code)).toBe(true);
    }
    for (const code of [...HYPHEN_AT_AN_END, '', 'x'.repeat(65), 'Amr', 'a_b', 'a b', 'a-\n']) {
      expect(NEW_UNIT_ID_PATTERN.test(code)).toBe(false);
    }
  });

  it('is refused by POST /units (and `duban units add`, which validates the same DTO) naming id', async () => {
    for (const id of HYPHEN_AT_AN_END) {
      expect(await problemsOf(CreateUnitDto, { id, nameZh: '横线乡', kind: 'township' }, 'body')).toEqual([
        { path: 'id', message: `id ${NEW_UNIT_ID_RULE}` },
      ]);
    }
    expect(
      await problemsOf(
        CreateUnitDto,
        { id: 'a-1', nameZh: '甲乡', kind: 'township', parentId: 'gov' },
        'body',
      ),
    ).toEqual([]);
  });

  it('is refused on an import’s new line; a unit stored under such a code keeps it and can be changed', () => {
    const known = new Map<string, KnownUnit>([
      ['gov', { parentId: null, nameZh: '县政府', active: true }],
      ['legacy-', { parentId: 'gov', nameZh: '旧码乡', active: true }],
    ]);
    const csv = ['单位编码,单位名称,类别,是否在用', '-abc,新乡,乡镇,是', 'legacy-,旧码乡,乡镇,否'].join('\n');
    const parsed = parseUnitImport(csv, 'csv', known);
    expect(parsed.problems).toEqual([{ line: 2, field: '单位编码', message: NEW_UNIT_ID_RULE }]);
    expect(parsed.units.find((u) => u.id === 'legacy-')).toMatchObject({ active: false });
  });

  it('is the only rule tightened: the path and every field naming a unit take a code stored before it', async () => {
    for (const id of HYPHEN_AT_AN_END) {
      expect(UNIT_ID_PATTERN.test(id)).toBe(true);
      expect(await problemsOf(UnitIdParam, { id }, 'param')).toEqual([]);
    }
    // A new unit may sit below one with such a code.
    expect(
      await problemsOf(
        CreateUnitDto,
        { id: 'a-1', nameZh: '甲乡', kind: 'township', parentId: 'abc-' },
        'body',
      ),
    ).toEqual([]);
  });

  it('is met by every unit the system ships: the seed and the bundled plan', () => {
    const plan = parse(readBundledPlan()) as { units: Array<{ id: string }> };
    const shipped = [...SEED_UNITS.map((u) => u.id), ...plan.units.map((u) => u.id)];
    expect(shipped.length).toBeGreaterThan(20);
    expect(shipped.filter((id) => !NEW_UNIT_ID_PATTERN.test(id))).toEqual([]);
  });
});
