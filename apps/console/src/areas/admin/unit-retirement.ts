// `.js` suffixes: the unit tests (Node's ESM resolution) import this file.
import { UNIT_KIND_RETIREMENT_ZH } from '../../format.js';

/** What the warning reads of a unit (api/types' Unit, which the unit tests cannot import). */
interface Unit {
  id: string;
  nameZh: string;
  kind: string;
  parentId: string | null;
  active: boolean;
}

/** How many of the units below a retired one its warning names; the rest it counts. */
const NAMED_BELOW = 5;

/**
 * What retiring (停用) `unit` means beyond itself, said plainly before the click: the units in use below
 * it (at any depth), which stay as they are, and what a unit of its kind carries for the county
 * (UNIT_KIND_RETIREMENT_ZH). The API refuses neither: both are the administrator's call.
 */
export function retirementWarnings(unit: Unit, units: readonly Unit[]): string[] {
  const below = unitsInUseBelow(unit.id, units);
  const named = below
    .slice(0, NAMED_BELOW)
    .map((u) => u.nameZh)
    .join('、');
  return [
    ...(below.length > 0
      ? [
          `其下有 ${below.length} 个在用单位（${named}${below.length > NAMED_BELOW ? ' 等' : ''}）：` +
            '停用本单位不会停用它们，它们仍在用，上级单位仍显示为本单位。如需一并停用或改为其他上级，请逐个修改。',
        ]
      : []),
    ...(UNIT_KIND_RETIREMENT_ZH[unit.kind] ? [UNIT_KIND_RETIREMENT_ZH[unit.kind]] : []),
  ];
}

/** The units in use anywhere below `id`, nearest first (a unit tree has no cycles: the API refuses one). */
function unitsInUseBelow(id: string, units: readonly Unit[]): Unit[] {
  const found: Unit[] = [];
  const seen = new Set([id]);
  for (let level = [id]; level.length > 0;) {
    const next = units.filter((u) => u.parentId !== null && level.includes(u.parentId) && !seen.has(u.id));
    for (const u of next) seen.add(u.id);
    found.push(...next.filter((u) => u.active));
    level = next.map((u) => u.id);
  }
  return found;
}
