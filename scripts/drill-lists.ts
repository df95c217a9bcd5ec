// `npm run drill:lists -- --items 1000000`: loads N generated risk items (and N/10 cards, N/50 referrals)
// straight into the projection tables of a running Duban, with the shape of a county's caseload, then times
// every filter and sort of GET /risk-items, /cards and /referrals through the real HTTP API and prints
// p50/p95 per combination. A drill, not a test: results go to docs/benchmarks.md.
//
// Generated rows carry case numbers of the years 1900–1999 (FX-1999-000123), which no real case has
// (case numbers take the year of registration), so `--clean` removes exactly them.
import 'reflect-metadata';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { CardStatus, CardSubjectType, type CardState } from '../libs/contracts/src/card.contracts.js';
import { Role } from '../libs/contracts/src/identity.js';
import { LeadSource, ReferralCategory } from '../libs/contracts/src/referral.contracts.js';
import { RiskGrade, RiskItemStatus, RiskSource } from '../libs/contracts/src/risk-item.contracts.js';
import { recordLead } from '../libs/referrals/src/domain/referral.rules.js';
import { registerRiskItem } from '../libs/risk-items/src/domain/risk-item.rules.js';
import { type AppConfig } from '../libs/platform/src/config/app-config.js';
import {
  apiUrl,
  checkReady,
  DrillAbort,
  markdownTable,
  mintTokens,
  parseOptions,
  percentile,
  positiveInt,
  progress,
  runMain,
  runningSystemConfig,
} from './drill-kit.js';

const say = progress('drill:lists');

/** Generated case numbers: `FX-1999-000000` … `FX-1999-999999`, then 1998, and so on down to 1900. */
const GENERATED_ID_PREFIX = '19';
const IDS_PER_YEAR = 1_000_000;
const MAX_ROWS = 100 * IDS_PER_YEAR;
const CHUNK = 50_000;
const DRILL_USER = 'drill.lists';

interface Options {
  items: number;
  cards: number;
  referrals: number;
  repeat: number;
  api: string;
  databaseUrl: string;
  clean: boolean;
  load: boolean;
}

function readOptions(argv: string[], config: AppConfig): Options {
  const options = parseOptions(
    argv,
    {
      items: { type: 'string', short: 'n' },
      cards: { type: 'string' },
      referrals: { type: 'string' },
      repeat: { type: 'string', short: 'r' },
      api: { type: 'string' },
      'database-url': { type: 'string' },
      clean: { type: 'boolean' },
      'no-load': { type: 'boolean' },
    },
    'usage: node dist/scripts/drill-lists.js [--items N (1000000)] [--cards N (items/10)]\n' +
      '         [--referrals N (items/50)] [--repeat R (20)] [--api URL] [--database-url URL]\n' +
      '         [--no-load (time the rows already generated)] [--clean (remove generated rows, then stop)]\n',
  );
  const text = (name: string) => options.text(name);
  const items = positiveInt('items', text('items'), 1_000_000);
  const counts = {
    cards: positiveInt('cards', text('cards'), Math.max(1, Math.round(items / 10))),
    referrals: positiveInt('referrals', text('referrals'), Math.max(1, Math.round(items / 50))),
  };
  for (const [name, count] of Object.entries({ items, ...counts })) {
    if (count > MAX_ROWS) throw new DrillAbort(`--${name} is at most ${MAX_ROWS}`, 2);
  }
  return {
    items,
    ...counts,
    repeat: positiveInt('repeat', text('repeat'), 20),
    api: apiUrl(config, text('api')),
    databaseUrl: text('database-url') ?? config.DATABASE_URL,
    clean: options.flag('clean'),
    load: !options.flag('no-load'),
  };
}

/** The case number of generated row g, per prefix (FX, KP, YS). */
const generatedId = (prefix: string, g: string) =>
  `'${prefix}-' || (1999 - ${g} / ${IDS_PER_YEAR})::text || '-' || lpad((${g} % ${IDS_PER_YEAR})::text, 6, '0')`;

/** A uniform number in [0, 1) per row g and draw k: reproducible, no random() state. */
const uniform = (k: number) => `((hashint8(g * 32 + ${k}) & 2147483647)::float8 / 2147483648)`;
const iso = (column: string) => `to_char((${column}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** One element of a text[] parameter chosen by draw k. */
const pick = (param: string, k: number) =>
  `(${param})[1 + floor(${uniform(k)} * cardinality(${param}))::int]`;
/** A value chosen by cumulative weights on draw k: [[value, share], …], the last taking the rest. */
function weighted(k: number, choices: Array<[string, number]>): string {
  let cumulative = 0;
  const arms = choices.slice(0, -1).map(([value, share]) => {
    cumulative += share;
    return `WHEN ${uniform(k)} < ${cumulative} THEN '${value}'`;
  });
  return `CASE ${arms.join(' ')} ELSE '${choices[choices.length - 1][0]}' END`;
}

const PLACES = [
  '城关',
  '木城',
  '龙源',
  '谢旗营',
  '大封',
  '西陶',
  '詹店',
  '嘉应观',
  '北郭',
  '乔庙',
  '三阳',
  '圪垱店',
];
const BRANDS = [
  '惠民',
  '好又多',
  '家家乐',
  '福源',
  '鑫盛',
  '老街坊',
  '天天鲜',
  '金穗',
  '和顺',
  '百姓',
  '永丰',
  '聚福',
];
const KINDS = [
  '超市',
  '饭店',
  '食品店',
  '小吃店',
  '面馆',
  '烧烤店',
  '便利店',
  '蛋糕店',
  '生鲜店',
  '食品厂',
  '学校食堂',
  '农家乐',
];
const ROADS = ['建设路', '人民路', '解放路', '朝阳路', '文化路', '工业路', '迎宾大道', '兴华街'];
const HAZARDS = [
  '售卖超过保质期的预包装食品',
  '从业人员未取得健康证明',
  '后厨防蝇防鼠设施缺失',
  '进货查验记录不全',
  '食品添加剂超范围使用',
  '餐具消毒不到位',
  '冷藏设施温度不达标',
  '未按规定公示食品经营许可证',
  '散装食品标签不全',
  '校外培训机构供餐无资质',
  '农药残留快检不合格',
  '生熟食品混放',
];
const DEPARTMENTS = ['amr', 'agri', 'health', 'commerce', 'education', 'grain', 'livestock', 'urban'];
const REFERRING_UNITS = ['agri', 'health', 'grain', 'livestock'];

function riskItemTemplate() {
  const actor = { userId: DRILL_USER, role: Role.Handler, unitId: 'amr' };
  return registerRiskItem(
    {
      id: 'FX-1999-000000',
      source: RiskSource.Inspection,
      sourceDate: '2026-01-01',
      actionNo: 1,
      business: { name: '', creditCode: '', address: '', townshipId: '' },
      description: '',
      grade: RiskGrade.General,
      reopenOf: null,
      context: { actor, requestId: 'drill-lists' },
    },
    '2026-01-01T00:00:00.000Z',
  );
}

function insertRiskItems(): string {
  const status = weighted(0, [
    [RiskItemStatus.Registered, 0.05],
    [RiskItemStatus.Assigned, 0.15],
    [RiskItemStatus.Rectifying, 0.15],
    [RiskItemStatus.Submitted, 0.05],
    [RiskItemStatus.Suspended, 0.02],
    [RiskItemStatus.Closed, 0.55],
    [RiskItemStatus.Cancelled, 0.03],
  ]);
  const open = `status NOT IN ('${RiskItemStatus.Closed}', '${RiskItemStatus.Cancelled}')`;
  return `
    WITH drawn AS (
      SELECT g, ${status} AS status, ${uniform(1)} AS age, ${uniform(2)} AS period, ${uniform(15)} AS criminal
      FROM generate_series($1::bigint, $2::bigint - 1) g
    ), timed AS (
      -- Open items are recent; closed ones spread over two years.
      SELECT *, $4::timestamptz - make_interval(secs => (CASE WHEN ${open} THEN 120 ELSE 730 END) * 86400 * age)
        AS registered_at
      FROM drawn
    ), planned AS (
      SELECT *,
        CASE WHEN status = '${RiskItemStatus.Registered}' THEN NULL
             ELSE registered_at + make_interval(days => 7 + floor(period * 53)::int) END AS due_at,
        ${generatedId('FX', 'g')} AS id,
        ${pick('$5::text[]', 9)} AS township_id,
        ${pick('$6::text[]', 7)} || ${pick('$7::text[]', 8)} || ${pick('$8::text[]', 10)} AS business_name,
        '92410823' || upper(lpad(to_hex(hashint8(g * 32 + 11) & 2147483647), 8, '0'))
          || lpad((g % 100)::text, 2, '0') AS credit_code
      FROM timed
    ), shaped AS (
      SELECT *,
        ${weighted(3, [
          [RiskSource.Inspection, 0.5],
          [RiskSource.Sampling, 0.2],
          [RiskSource.Complaint, 0.15],
          [RiskSource.Monitoring, 0.06],
          [RiskSource.Media, 0.03],
          [RiskSource.HigherLevel, 0.04],
          [RiskSource.Whistleblower, 0.02],
        ])} AS source,
        1 + floor(${uniform(5)} ^ 2 * 12)::int AS action_no,
        ${pick('$6::text[]', 7)} || ${pick('$9::text[]', 13)} || (1 + g % 300)::text || '号' AS address,
        ${pick('$10::text[]', 14)} AS description,
        ${weighted(16, [
          [RiskGrade.General, 0.8],
          [RiskGrade.Major, 0.17],
          [RiskGrade.Critical, 0.03],
        ])} AS grade,
        CASE WHEN ${uniform(17)} < 0.6 THEN 'amr' ELSE ${pick('$11::text[]', 18)} END AS registering_unit_id,
        CASE WHEN status = '${RiskItemStatus.Registered}' THEN NULL
             WHEN ${uniform(19)} < 0.6 THEN township_id ELSE ${pick('$11::text[]', 20)} END AS responsible_unit_id,
        CASE WHEN ${open} THEN status <> '${RiskItemStatus.Registered}' AND due_at < $4::timestamptz
             WHEN status = '${RiskItemStatus.Closed}' THEN ${uniform(21)} < 0.1 ELSE false END AS overdue,
        CASE WHEN ${open} THEN NULL ELSE registered_at + make_interval(days => floor(period * 60)::int) END
          AS closed_at,
        CASE WHEN criminal < 0.01 THEN registered_at + interval '3 days' END AS criminal_threshold_at,
        status = '${RiskItemStatus.Closed}' AND criminal < 0.003 AS administrative_only
      FROM planned
    )
    INSERT INTO risk_item (id, source, source_date, action_no, business_name, business_credit_code,
      business_address, township_id, description, grade, status, overdue, registering_unit_id, registered_by,
      registered_at, responsible_unit_id, due_at, closed_at, criminal_threshold_at, administrative_only,
      state, last_sequence)
    SELECT id, source, (registered_at AT TIME ZONE 'Asia/Shanghai')::date - 2, action_no, business_name,
      credit_code, address, township_id, description, grade, status, overdue, registering_unit_id,
      '${DRILL_USER}', registered_at, responsible_unit_id, due_at, closed_at, criminal_threshold_at,
      administrative_only,
      $3::jsonb || jsonb_build_object(
        'id', id, 'source', source, 'sourceDate', ((registered_at AT TIME ZONE 'Asia/Shanghai')::date - 2)::text,
        'actionNo', action_no, 'description', description, 'grade', grade, 'status', status,
        'business', jsonb_build_object('name', business_name, 'creditCode', credit_code, 'address', address,
          'townshipId', township_id),
        'registeringUnitId', registering_unit_id, 'registeredAt', ${iso('registered_at')},
        'responsibleUnitId', responsible_unit_id, 'overdue', overdue, 'closedAt', ${iso('closed_at')},
        'deadline', CASE WHEN due_at IS NOT NULL THEN jsonb_build_object('dueAt', ${iso('due_at')},
          'reminderAt', NULL, 'rule', jsonb_build_object('en', 'generated', 'zh', '演练生成'),
          'policyVersion', 'drill') END,
        'administrativeOnly', administrative_only,
        'sequence', CASE WHEN ${open} THEN 3 ELSE 6 END)
      || CASE WHEN criminal_threshold_at IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('criminalThreshold',
           jsonb_build_object('markedBy', '${DRILL_USER}', 'markedAt', ${iso('criminal_threshold_at')},
             'reason', '涉案货值达到刑事立案追诉标准')) END,
      CASE WHEN ${open} THEN 3 ELSE 6 END
    FROM shaped`;
}

function cardTemplate(): CardState {
  return {
    id: 'KP-1999-000000',
    unitId: 'amr',
    subject: { type: CardSubjectType.OverdueRiskItem, id: 'FX-1999-000000' },
    reason: '挂账隐患逾期未整改',
    status: CardStatus.Open,
    level: 0,
    levels: [],
    atTop: false,
    policyVersion: 'drill',
    triggers: [],
    subjectResolved: false,
    responses: [],
    summons: null,
    closedBy: null,
    closedAt: null,
    closeReason: null,
    sequence: 1,
  };
}

function insertCards(): string {
  return `
    WITH drawn AS (
      SELECT g, ${generatedId('KP', 'g')} AS id,
        ${weighted(0, [
          [CardStatus.Open, 0.3],
          [CardStatus.Lifted, 0.6],
          [CardStatus.Withdrawn, 0.1],
        ])} AS status,
        CASE WHEN ${uniform(1)} < 0.6 THEN 0 WHEN ${uniform(1)} < 0.9 THEN 1 ELSE 2 END AS level,
        ${weighted(2, [
          [CardSubjectType.OverdueRiskItem, 0.7],
          [CardSubjectType.MissedReport, 0.1],
          [CardSubjectType.LaggingIndicator, 0.1],
          [CardSubjectType.StalledReferral, 0.05],
          [CardSubjectType.Manual, 0.05],
        ])} AS subject_type,
        ${pick('$5::text[]', 3)} AS unit_id,
        ${uniform(4)} AS age
      FROM generate_series($1::bigint, $2::bigint - 1) g
    ), shaped AS (
      SELECT *,
        (ARRAY['yellow', 'orange', 'red'])[level + 1] AS colour,
        $4::timestamptz - make_interval(secs => (CASE WHEN status = 'open' THEN 60 ELSE 730 END) * 86400 * age)
          AS raised_at,
        CASE subject_type
          WHEN '${CardSubjectType.OverdueRiskItem}' THEN ${generatedId('FX', `floor(${uniform(5)} * $6)::bigint`)}
          WHEN '${CardSubjectType.StalledReferral}' THEN ${generatedId('YS', `floor(${uniform(5)} * $7)::bigint`)}
          ELSE md5(g::text)::uuid::text END AS subject_id
      FROM drawn
    )
    INSERT INTO card (id, workflow_id, first_run_id, unit_id, subject_type, subject_id, status, level, colour,
      raised_at, closed_at, state, last_sequence)
    SELECT id, 'card/' || id, '${DRILL_USER}', unit_id, subject_type, subject_id, status, level, colour,
      raised_at, CASE WHEN status <> 'open' THEN raised_at + interval '20 days' END,
      $3::jsonb || jsonb_build_object('id', id, 'unitId', unit_id, 'status', status, 'level', level,
        'subject', jsonb_build_object('type', subject_type, 'id', subject_id),
        'levels', (SELECT jsonb_agg(jsonb_build_object('level', i - 1, 'colour', c, 'reachedAt', ${iso('raised_at')}))
                   FROM unnest(ARRAY['yellow', 'orange', 'red']) WITH ORDINALITY AS l(c, i) WHERE i <= level + 1),
        'closedAt', CASE WHEN status <> 'open' THEN ${iso(`raised_at + interval '20 days'`)} END),
      level + 1
    FROM shaped`;
}

const REFERRAL_STATUSES = [
  'lead-recorded',
  'team-formed',
  'awaiting-decision',
  'approved',
  'transferred',
  'received',
  'incomplete',
  'decided',
  'filed',
  'not-filed',
  'reconsideration',
  'supervision',
  'refused',
];
const BEFORE_POLICE = ['lead-recorded', 'team-formed', 'awaiting-decision', 'approved', 'refused'];

function referralTemplate() {
  return recordLead(
    {
      id: 'YS-1999-000000',
      source: LeadSource.RiskItem,
      sourceRef: 'FX-1999-000000',
      actionNo: 1,
      category: ReferralCategory.FoodDrug,
      summary: '涉嫌生产销售不符合安全标准的食品',
      requiredDossier: [],
      context: { actor: { userId: DRILL_USER, role: Role.Handler, unitId: 'amr' }, requestId: 'drill-lists' },
    },
    '2026-01-01T00:00:00.000Z',
  );
}

function insertReferrals(): string {
  const status = `CASE WHEN ${uniform(0)} < 0.5 THEN 'closed' ELSE ${pick('$6::text[]', 1)} END`;
  return `
    WITH drawn AS (
      SELECT g, ${generatedId('YS', 'g')} AS id, ${status} AS status,
        CASE WHEN ${uniform(2)} < 0.7 THEN 'amr' ELSE ${pick('$5::text[]', 3)} END AS unit_id,
        ${weighted(4, [
          [LeadSource.RiskItem, 0.6],
          [LeadSource.Inspection, 0.3],
          [LeadSource.Report, 0.1],
        ])} AS source,
        $4::timestamptz - make_interval(secs => 730 * 86400 * ${uniform(5)}) AS recorded_at
      FROM generate_series($1::bigint, $2::bigint - 1) g
    ), shaped AS (
      SELECT *,
        CASE source WHEN '${LeadSource.RiskItem}' THEN ${generatedId('FX', `floor(${uniform(6)} * $8)::bigint`)}
          ELSE '武市监检〔' || extract(year FROM recorded_at) || '〕' || (g % 900 + 1) || '号' END AS source_ref,
        status = 'closed' AND ${uniform(7)} < 0.04 AS administrative_only,
        1 + floor(${uniform(8)} ^ 2 * 12)::int AS action_no,
        ${uniform(9)} < 0.1 AS overdue
      FROM drawn
    )
    INSERT INTO referral (id, unit_id, action_no, source, source_ref, category, status, outcome, overdue,
      administrative_only, addressed_to_police, recorded_at, transferred_at, closed_at, state, last_sequence)
    SELECT id, unit_id, action_no, source, source_ref,
      CASE WHEN g % 10 < 7 THEN '${ReferralCategory.FoodDrug}' ELSE '${ReferralCategory.General}' END,
      status, CASE WHEN status = 'closed' THEN
        CASE WHEN administrative_only THEN 'refused-by-head' ELSE 'filed-handed-over' END END,
      overdue, administrative_only,
      NOT (status = ANY($7::text[])) AND NOT administrative_only, recorded_at,
      CASE WHEN NOT (status = ANY($7::text[])) AND NOT administrative_only THEN recorded_at + interval '5 days' END,
      CASE WHEN status = 'closed' THEN recorded_at + interval '40 days' END,
      $3::jsonb || jsonb_build_object('id', id, 'unitId', unit_id, 'actionNo', action_no, 'source', source,
        'sourceRef', source_ref, 'status', status, 'overdue', overdue, 'administrativeOnly', administrative_only,
        'recordedAt', ${iso('recorded_at')}),
      8
    FROM shaped`;
}

async function clean(db: pg.Client): Promise<void> {
  for (const [table, prefix] of [
    ['card', 'KP'],
    ['referral', 'YS'],
    ['risk_item', 'FX'],
  ]) {
    const { rowCount } = await db.query(
      `DELETE FROM ${table} WHERE id LIKE '${prefix}-${GENERATED_ID_PREFIX}%'`,
    );
    say(`removed ${rowCount ?? 0} generated rows from ${table}`);
  }
}

async function load(db: pg.Client, options: Options): Promise<Record<string, number>> {
  const townships = (
    await db.query<{ id: string }>(`SELECT id FROM unit WHERE kind = 'township' ORDER BY id`)
  ).rows.map((row) => row.id);
  if (townships.length === 0) throw new DrillAbort('no township in the unit table: was the database seeded?');
  const now = new Date().toISOString();
  const timings: Record<string, number> = {};
  const chunked = async (name: string, count: number, sql: string, params: () => unknown[]) => {
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
    // A bulk load: the table's secondary indexes are dropped and built again afterwards, which is several
    // times faster than growing them row by row. One transaction, so a failed load leaves them in place.
    await db.query('BEGIN');
    try {
      await db.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      const { rows: indexes } = await db.query<{ name: string; definition: string }>(
        `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = $1::regclass
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
        [name],
      );
      for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
      for (let from = 0; from < count; from += CHUNK) {
        await db.query(sql, [from, Math.min(count, from + CHUNK), ...params()]);
        say(`${name}: ${Math.min(count, from + CHUNK)} / ${count} rows (${seconds()} s)`);
      }
      for (const index of indexes) {
        await db.query(index.definition);
        say(`${name}: index ${index.name} built (${seconds()} s)`);
      }
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK');
      throw err;
    }
    // What autovacuum would do soon after: statistics, and the visibility map index-only scans need.
    await db.query(`VACUUM (ANALYZE) ${name}`);
    timings[name] = (performance.now() - started) / 1000;
  };
  const units = [...DEPARTMENTS, ...townships];
  await chunked('risk_item', options.items, insertRiskItems(), () => [
    JSON.stringify(riskItemTemplate()),
    now,
    townships,
    PLACES,
    BRANDS,
    KINDS,
    ROADS,
    HAZARDS,
    DEPARTMENTS,
  ]);
  // Its keys for short text came with it (a trigger); the list reads their statistics.
  await db.query('VACUUM (ANALYZE) risk_item_short_text');
  await chunked('card', options.cards, insertCards(), () => [
    JSON.stringify(cardTemplate()),
    now,
    units,
    options.items,
    options.referrals,
  ]);
  await chunked('referral', options.referrals, insertReferrals(), () => [
    JSON.stringify(referralTemplate()),
    now,
    REFERRING_UNITS,
    REFERRAL_STATUSES,
    BEFORE_POLICE,
    options.items,
  ]);
  return timings;
}

const SUPERVISOR = 'supervisor.fso';
const HANDLER = 'handler.amr';
const POLICE = 'liaison.police';
const RISK_ITEM_SORTS = ['-registeredAt', 'registeredAt', '-dueAt', 'dueAt', '-id', 'id'];
const DAY_MS = 86_400_000;

interface Probe {
  route: '/risk-items' | '/cards' | '/referrals';
  user: string;
  filter: string;
  sort?: string;
}

interface Sample extends Probe {
  samples: number[];
  total: number;
}

/** What the lists are asked: each filter alone, under each sort, as county-wide and unit-scoped users. */
async function probes(db: pg.Client): Promise<Probe[]> {
  // Search terms taken from the generated rows, so a hit is a real hit.
  const { rows } = await db.query<{ id: string; credit: string; card: string; referral: string }>(
    `SELECT r.id, r.business_credit_code AS credit, c.id AS card, f.id AS referral
     FROM risk_item r, (SELECT id FROM card WHERE id LIKE 'KP-19%' ORDER BY id LIMIT 1 OFFSET 77) c,
          (SELECT id FROM referral WHERE id LIKE 'YS-19%' ORDER BY id LIMIT 1 OFFSET 7) f
     WHERE r.id LIKE 'FX-19%' ORDER BY r.id LIMIT 1 OFFSET 12345`,
  );
  if (rows.length === 0) throw new DrillAbort('no generated rows: run without --no-load first');
  const sample = rows[0];
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString();
  const riskItemFilters = [
    '',
    'status=assigned',
    'status=closed',
    'unitId=township-sample-1',
    'grade=critical',
    'overdue=true',
    'overdue=false',
    'actionNo=7',
    'criminalThreshold=true',
    'administrativeOnly=true',
    'source=whistleblower',
    'townshipId=township-sample-2',
    `dueBefore=${day(3)}`,
    `dueAfter=${day(-7)}`,
    `dueAfter=${day(-7)}&dueBefore=${day(3)}`,
    'status=rectifying&overdue=true&grade=major',
    `q=${encodeURIComponent('惠民超市')}`,
    `q=${encodeURIComponent('超市')}`,
    `q=${sample.credit.slice(6, 14)}`,
    `q=${sample.id}`,
    `q=${encodeURIComponent('健康证明')}`,
    'q=no-such-text',
    // One and two characters no generated row has: too short for a trigram, so found by short-text keys.
    `q=${encodeURIComponent('火锅')}`,
    `q=${encodeURIComponent('鲍')}`,
    'offset=1980',
  ];
  const list: Probe[] = [];
  for (const sort of RISK_ITEM_SORTS) {
    for (const filter of riskItemFilters) list.push({ route: '/risk-items', user: SUPERVISOR, filter, sort });
    for (const filter of ['', 'status=assigned', 'overdue=true', riskItemFilters[16], `q=${sample.id}`]) {
      list.push({ route: '/risk-items', user: HANDLER, filter, sort });
    }
  }
  const cardFilters = [
    '',
    'status=lifted',
    'status=withdrawn',
    'unitId=amr',
    'colour=red',
    'subjectType=manual',
    'subjectType=overdue-risk-item',
    `q=${sample.card}`,
    `q=${sample.id}`,
  ];
  for (const filter of cardFilters) list.push({ route: '/cards', user: SUPERVISOR, filter });
  for (const filter of ['', 'colour=red']) list.push({ route: '/cards', user: HANDLER, filter });
  const referralFilters = [
    '',
    'status=closed',
    'status=transferred',
    'unitId=agri',
    'actionNo=3',
    'overdue=true',
    'administrativeOnly=true',
    `q=${sample.referral}`,
    `q=${sample.id.slice(0, 11)}`,
  ];
  for (const filter of referralFilters) list.push({ route: '/referrals', user: SUPERVISOR, filter });
  for (const filter of ['', 'status=filed']) list.push({ route: '/referrals', user: POLICE, filter });
  list.push({ route: '/referrals', user: HANDLER, filter: '' });
  return list;
}

async function time(options: Options, probe: Probe, token: string): Promise<Sample> {
  const query = [probe.filter, probe.sort ? `sort=${probe.sort}` : ''].filter(Boolean).join('&');
  const url = `${options.api}${probe.route}${query ? `?${query}` : ''}`;
  const samples: number[] = [];
  let total = 0;
  // One unmeasured request first: the first sight of a query plan is not what a user waits for.
  for (let round = 0; round <= options.repeat; round += 1) {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { total?: number };
    if (res.status !== 200) throw new DrillAbort(`${url}: ${res.status} ${JSON.stringify(body)}`);
    if (round > 0) samples.push(performance.now() - started);
    total = body.total ?? 0;
  }
  return { ...probe, samples: samples.sort((a, b) => a - b), total };
}

function report(options: Options, loaded: Record<string, number>, results: Sample[]): string {
  const cpus = os.cpus();
  const rows = results.map((r) => [
    `${r.route} ${r.user}`,
    decodeURIComponent(r.filter) || '(none)',
    r.sort ?? '-',
    String(r.total),
    percentile(r.samples, 50).toFixed(1),
    percentile(r.samples, 95).toFixed(1),
    r.samples[r.samples.length - 1].toFixed(1),
  ]);
  const p95s = results.map((r) => percentile(r.samples, 95)).sort((a, b) => a - b);
  const over = results.filter((r) => percentile(r.samples, 95) > 50);
  return [
    `Duban list drill, ${new Date().toISOString()}`,
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, load average ${os.loadavg()[0].toFixed(1)}, ` +
      `Node.js ${process.version}`,
    `rows generated: ${options.items} risk items, ${options.cards} cards, ${options.referrals} referrals; ` +
      `repetitions per combination: ${options.repeat}, sequential, API ${options.api}`,
    Object.keys(loaded).length > 0
      ? `load time: ${Object.entries(loaded)
          .map(([table, s]) => `${table} ${s.toFixed(0)} s`)
          .join(', ')}`
      : 'load: rows already in place (--no-load)',
    '',
    markdownTable(['route, user', 'filter', 'sort', 'total', 'p50 ms', 'p95 ms', 'max ms'], rows),
    '',
    `${results.length} combinations; p95 of the combinations: median ${percentile(p95s, 50).toFixed(1)} ms, ` +
      `worst ${p95s[p95s.length - 1].toFixed(1)} ms; over 50 ms: ${over.length}`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = runningSystemConfig();
  const options = readOptions(process.argv.slice(2), config);
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    if (options.clean) return await clean(db);
    await checkReady(options.api);
    let loaded: Record<string, number> = {};
    if (options.load) {
      await clean(db);
      loaded = await load(db, options);
    }
    const stack: AppConfig = { ...config, DATABASE_URL: options.databaseUrl };
    const tokens = await mintTokens(stack, [SUPERVISOR, HANDLER, POLICE]);
    const results: Sample[] = [];
    const list = await probes(db);
    for (const [index, probe] of list.entries()) {
      results.push(await time(options, probe, tokens.get(probe.user)!));
      if ((index + 1) % 20 === 0) say(`timed ${index + 1} / ${list.length} combinations`);
    }
    process.stdout.write(report(options, loaded, results));
  } finally {
    await db.end();
  }
}

runMain('drill:lists', import.meta.url, main);
