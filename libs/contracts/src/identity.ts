/** Roles of docs/domain.md §2. A user holds exactly one role and belongs to exactly one unit. */
export enum Role {
  Handler = 'handler',
  UnitHead = 'unit_head',
  Supervisor = 'supervisor',
  Leader = 'leader',
  PoliceLiaison = 'police_liaison',
  Auditor = 'auditor',
  Admin = 'admin',
}

/**
 * Unit ids are short slugs (`amr`, `township-sample-1`); request fields naming a unit must match. It
 * still takes what NEW_UNIT_ID_PATTERN came to refuse, so a unit given such a code before stays reachable.
 */
export const UNIT_ID_PATTERN = /^[a-z0-9-]{1,64}$/;

/**
 * The code a new unit may take (POST /units, an import's new line, `duban units add`): a hyphen only
 * between letters or digits, so `-`, `--`, `-abc` or `abc-` cannot become a unit that reads as a
 * command-line flag, a separator or a typo.
 */
export const NEW_UNIT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** What NEW_UNIT_ID_PATTERN asks, as a field message (the console reads it in Chinese by this shape). */
export const NEW_UNIT_ID_RULE =
  'must be 1-64 of a-z, 0-9 and dashes, beginning and ending with a letter or digit';

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles that see every unit's cases (county-wide), per docs/domain.md §2. */
export const COUNTY_WIDE_ROLES: readonly Role[] = [Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];

/** Who performs a step: written into every ledger entry. Carries ids only, never names. */
export interface Actor {
  userId: string;
  role: Role;
  unitId: string;
}

/** The engine itself, as the actor of steps that timers take (reminders, overdue marks). */
export interface SystemActor {
  userId: 'system';
  role: 'system';
  unitId: 'system';
}
export const SYSTEM_ACTOR: SystemActor = { userId: 'system', role: 'system', unitId: 'system' };

/** A member of the public, as the actor of steps taken with a receipt code and secret (never named). */
export interface ReporterActor {
  userId: 'reporter';
  role: 'reporter';
  unitId: 'public';
}
export const REPORTER_ACTOR: ReporterActor = { userId: 'reporter', role: 'reporter', unitId: 'public' };

/** Passed along every step so that one request can be followed through API, workflow and activity logs. */
export interface StepContext {
  actor: Actor;
  requestId: string;
  reason?: string;
}

/**
 * A unit's kind (`UnitKind` in libs/identity/src/unit.entity.ts) as the console names it, in the order a
 * select offers them. An import's `kind` column takes these names as well as the codes.
 */
export const UNIT_KIND_ZH: Readonly<Record<string, string>> = {
  county_government: '县政府',
  county_office: '县食安办',
  county_department: '县直部门',
  township: '乡镇（街道）',
  external: '外部机关',
};

/**
 * The columns of a unit import (a CSV's header, a YAML list's keys): each field by its own name and by
 * the names a county office's list kept in Excel gives it. The first Chinese name of each is the one the
 * console's template (下载模板) writes; the others are what such lists are seen to say. One place: the
 * parser, the template and the import page's help all read it.
 */
export const UNIT_IMPORT_COLUMNS = {
  id: ['单位编码', '编码', '编号', '单位代码', '代码'],
  nameZh: ['单位名称', '名称', '中文名称'],
  nameEn: ['英文名称'],
  kind: ['类别', '类型', '单位类别'],
  parentId: ['上级单位编码', '上级编码', '上级单位', '上级单位代码'],
  active: ['是否在用', '在用', '启用'],
} as const satisfies Record<string, readonly string[]>;

export type UnitImportField = keyof typeof UNIT_IMPORT_COLUMNS;

/**
 * What retiring (停用) a unit of a kind takes away beyond the plain warning, said before the click: for
 * the kinds the county cannot run without, and for townships, whose reporting ends. Policy as data: a
 * kind not listed here is retired with the plain warning alone. Nothing is refused: a reorganisation
 * (机构改革) may retire such a unit for a new one.
 */
export const UNIT_KIND_RETIREMENT_ZH: Readonly<Record<string, string>> = {
  county_government:
    '县政府统筹领导专项行动。停用后不能再向县政府下达督办通知、指派隐患，也不能新增人员；其现有人员仍可登录办理已有工作。除机构改革外不应停用。',
  county_office:
    '县食安办是专项行动的牵头督办单位。停用后不能再向其下达督办通知、指派隐患或亮牌，也不能新增人员；督办人员仍可登录办理已有工作。除机构改革撤并外不应停用。',
  township:
    '乡镇（街道）停用后，此后的月调度不再向其下发报送任务；停用当年及以前的季度通报和年度考核仍计入该单位，停用前已下发的报送任务照常办理。',
};
