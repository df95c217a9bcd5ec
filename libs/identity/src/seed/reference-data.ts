import { Role } from '../../../contracts/src/identity.js';
import { type UnitKind } from '../unit.entity.js';

interface SeedUnit {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
  isSample?: boolean;
}

/**
 * The units named in the county plan (武政办〔2022〕5号), plus the county government (leaders) and the
 * procuratorate (copies of referrals). The plan names townships only collectively (各乡镇办事处); the
 * townships below are a sample for local use and are flagged `isSample`.
 */
export const SEED_UNITS: readonly SeedUnit[] = [
  {
    id: 'fso',
    nameZh: '县政府食品安全委员会办公室',
    nameEn: 'County Food Safety Office',
    kind: 'county_office',
  },
  { id: 'gov', nameZh: '县人民政府', nameEn: 'County Government', kind: 'county_government' },
  { id: 'health', nameZh: '卫健委', nameEn: 'Health Commission', kind: 'county_department' },
  {
    id: 'agri',
    nameZh: '农业农村局',
    nameEn: 'Agriculture and Rural Affairs Bureau',
    kind: 'county_department',
  },
  { id: 'amr', nameZh: '市场监管局', nameEn: 'Market Regulation Bureau', kind: 'county_department' },
  {
    id: 'grain',
    nameZh: '粮食物资储备中心',
    nameEn: 'Grain and Materials Reserve Centre',
    kind: 'county_department',
  },
  {
    id: 'eco',
    nameZh: '市生态环境局武陟分局',
    nameEn: 'Ecology and Environment Bureau, Wuzhi Branch',
    kind: 'county_department',
  },
  { id: 'livestock', nameZh: '畜牧中心', nameEn: 'Animal Husbandry Centre', kind: 'county_department' },
  {
    id: 'propaganda',
    nameZh: '县委宣传部',
    nameEn: 'Publicity Department of the County Committee',
    kind: 'county_department',
  },
  { id: 'police', nameZh: '公安局', nameEn: 'Public Security Bureau', kind: 'county_department' },
  { id: 'civil', nameZh: '民政局', nameEn: 'Civil Affairs Bureau', kind: 'county_department' },
  { id: 'commerce', nameZh: '商务局', nameEn: 'Commerce Bureau', kind: 'county_department' },
  {
    id: 'culture',
    nameZh: '文广旅局',
    nameEn: 'Culture, Radio, TV and Tourism Bureau',
    kind: 'county_department',
  },
  {
    id: 'supply-coop',
    nameZh: '供销社',
    nameEn: 'Supply and Marketing Cooperative',
    kind: 'county_department',
  },
  { id: 'ndrc', nameZh: '发改委', nameEn: 'Development and Reform Commission', kind: 'county_department' },
  {
    id: 'industry',
    nameZh: '科工局',
    nameEn: 'Science, Technology and Industry Bureau',
    kind: 'county_department',
  },
  { id: 'urban', nameZh: '城管局', nameEn: 'Urban Management Bureau', kind: 'county_department' },
  { id: 'cyber', nameZh: '网信办', nameEn: 'Cyberspace Affairs Office', kind: 'county_department' },
  {
    id: 'ecommerce',
    nameZh: '电子商务发展促进中心',
    nameEn: 'E-commerce Development Centre',
    kind: 'county_department',
  },
  { id: 'education', nameZh: '教体局', nameEn: 'Education and Sports Bureau', kind: 'county_department' },
  { id: 'finance', nameZh: '财政局', nameEn: 'Finance Bureau', kind: 'county_department' },
  {
    id: 'discipline',
    nameZh: '县纪委监委',
    nameEn: 'County Discipline Inspection and Supervision Commission',
    kind: 'county_department',
  },
  { id: 'procuratorate', nameZh: '县人民检察院', nameEn: 'County Procuratorate', kind: 'external' },
  {
    id: 'township-sample-1',
    nameZh: '示例镇一（样例数据）',
    nameEn: 'Sample Township 1 (sample data)',
    kind: 'township',
    isSample: true,
  },
  {
    id: 'township-sample-2',
    nameZh: '示例镇二（样例数据）',
    nameEn: 'Sample Township 2 (sample data)',
    kind: 'township',
    isSample: true,
  },
  {
    id: 'township-sample-3',
    nameZh: '示例街道（样例数据）',
    nameEn: 'Sample Sub-district (sample data)',
    kind: 'township',
    isSample: true,
  },
];

interface SeedUser {
  id: string;
  displayName: string;
  role: Role;
  unitId: string;
}

/**
 * One demo person per role, for trying the system out; seeded only with DUBAN_DEMO=1 (npm start), by
 * tests and by the drills, each with a random password printed once (`duban token <user>` for scripts).
 */
export const SEED_USERS: readonly SeedUser[] = [
  { id: 'handler.amr', displayName: '市场监管局经办人（示例）', role: Role.Handler, unitId: 'amr' },
  { id: 'head.amr', displayName: '市场监管局负责人（示例）', role: Role.UnitHead, unitId: 'amr' },
  { id: 'handler.agri', displayName: '农业农村局经办人（示例）', role: Role.Handler, unitId: 'agri' },
  { id: 'supervisor.fso', displayName: '县食安办督办员（示例）', role: Role.Supervisor, unitId: 'fso' },
  { id: 'leader.gov', displayName: '县领导（示例）', role: Role.Leader, unitId: 'gov' },
  { id: 'liaison.police', displayName: '公安联络员（示例）', role: Role.PoliceLiaison, unitId: 'police' },
  { id: 'auditor.discipline', displayName: '审计员（示例）', role: Role.Auditor, unitId: 'discipline' },
  { id: 'admin.fso', displayName: '系统管理员（示例）', role: Role.Admin, unitId: 'fso' },
];
