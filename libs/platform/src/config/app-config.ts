import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

// Only plain decimal digits become numbers; anything else (0x1F, 1e3) stays a string and fails @IsInt.
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const DURATION = /^(\d+)([smhd])$/;
const DURATION_UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting of the API, worker and CLI, read once from the environment and validated at boot.
 * `.env.example` documents each variable; keep the two in step.
 */
export class AppConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL = '';

  @IsString()
  @Matches(/^[^\s:]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = '';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @MinLength(1)
  TEMPORAL_TASK_QUEUE = 'duban';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY?: string = undefined;

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string = undefined;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'duban';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'duban-api';

  @IsString()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_TTL must look like 12h, 30m or 7d' })
  JWT_TTL = '12h';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsString()
  API_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_METRICS_PORT = 9463;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_ENGINE_METRICS_PORT = 9465;

  /** From this attempt on, an activity still failing transiently is recorded as an incident (once). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  INCIDENT_RETRY_THRESHOLD = 10;

  @IsString()
  @Matches(/^\d+(kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '100kb';

  @IsString()
  WORKFLOW_BUNDLE_PATH = 'dist/workflow-bundle.js';

  /** The built web console (apps/console), served at /console/. */
  @IsString()
  @MinLength(1)
  CONSOLE_DIR = 'dist/console';

  // Worker slots (decision 0015). No activity waits on another workflow, so a full queue drains on its own.
  /** Workflow tasks at once: each holds its step's local activities (a database transaction), so it mostly waits. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_WORKFLOW_TASKS = 40;

  /** Activities at once: mostly waiting on PostgreSQL (a pool of 10), so a few per connection. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_ACTIVITIES = 50;

  /** Local activities at once (run inside a workflow task's slot holder, same pool). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_MAX_LOCAL_ACTIVITIES = 50;

  /**
   * How long a cached case's task waits on the worker's own (sticky) queue before the server hands it to
   * the shared queue: it bounds how long a person's step waits behind a night's clocks (decision 0015).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  WORKER_STICKY_QUEUE_TIMEOUT_SECONDS = 3;

  @IsOptional()
  @IsString()
  HOLIDAY_OVERRIDE_FILE?: string = undefined;

  @IsOptional()
  @IsString()
  RISK_ITEM_POLICY_FILE?: string = undefined;

  @IsOptional()
  @IsString()
  CARD_LADDER_FILE?: string = undefined;

  @IsOptional()
  @IsString()
  REFERRAL_POLICY_FILE?: string = undefined;
  REPORTING_POLICY_FILE?: string = undefined;

  @IsOptional()
  @IsString()
  COMPLAINT_POLICY_FILE?: string = undefined;

  /** Key-encryption keys that seal reporters' identities (decision 0022); unset: intake answers 503. */
  @IsOptional()
  @IsString()
  COMPLAINT_KEY_FILE?: string = undefined;

  /**
   * How long a request waits on the workflow engine before it answers 503 `engine.busy`: a step is
   * normally answered in well under a second, but under a burst of clocks a person must get an answer,
   * not a hang. The step may still be taken afterwards; sent again with the same Idempotency-Key it
   * returns that step's result.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(240)
  ENGINE_WAIT_SECONDS = 30;

  /** Public intake: new reports one client address may file per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  COMPLAINT_INTAKE_PER_ADDRESS_PER_HOUR = 10;

  /** Public follow-up (status, answers, claims): requests one client address may make per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  COMPLAINT_FOLLOW_UPS_PER_ADDRESS_PER_MINUTE = 30;

  /** Wrong secrets one receipt code tolerates per hour before it is locked for the rest of the hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  COMPLAINT_FAILED_SECRETS_PER_RECEIPT_PER_HOUR = 5;

  /** Evidence files one report may list, and the largest one, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  COMPLAINT_EVIDENCE_MAX_FILES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_073_741_824)
  COMPLAINT_EVIDENCE_MAX_BYTES = 20_971_520;

  // Sign-in and console sessions (decision 0020).
  /** A console session unused this long ends. */
  @IsString()
  @Matches(DURATION, { message: 'SESSION_IDLE_TIMEOUT must look like 30m, 2h or 1d' })
  SESSION_IDLE_TIMEOUT = '30m';

  /** A console session ends this long after sign-in, however busy. */
  @IsString()
  @Matches(DURATION, { message: 'SESSION_MAX_LIFETIME must look like 12h or 1d' })
  SESSION_MAX_LIFETIME = '12h';

  /** The session cookies carry `Secure`; turn off only for plain-HTTP hosts other than localhost. */
  @IsIn(['true', 'false'])
  COOKIE_SECURE: 'true' | 'false' = 'true';

  @Transform(toInt)
  @IsInt()
  @Min(8)
  @Max(128)
  PASSWORD_MIN_LENGTH = 12;

  /** Failed sign-ins in a row that lock an account, and for how long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  SIGN_IN_MAX_FAILURES = 5;

  @IsString()
  @Matches(DURATION, { message: 'SIGN_IN_LOCKOUT must look like 15m or 1h' })
  SIGN_IN_LOCKOUT = '15m';

  // Single sign-on through an OpenID Connect provider (authorization code + PKCE); off unless set.
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] }, { message: 'OIDC_ISSUER must be a URL' })
  OIDC_ISSUER?: string = undefined;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string = undefined;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string = undefined;

  /** Where the provider sends the browser back: this API's /auth/oidc/callback as users reach it. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] }, { message: 'OIDC_REDIRECT_URI must be a URL' })
  OIDC_REDIRECT_URI?: string = undefined;

  /** The ID-token claim that holds a Duban username. */
  @IsString()
  @MinLength(1)
  OIDC_USERNAME_CLAIM = 'preferred_username';

  /**
   * How long each request to the provider (discovery, token, UserInfo, key set) may take before the
   * provider counts as down (503 auth.oidc-unavailable): one that accepts connections and never answers
   * would otherwise hold the person for openid-client's own 30 s.
   */
  @Transform(toInt)
  @IsInt({ message: 'OIDC_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(100, { message: 'OIDC_TIMEOUT_MS must be at least 100 (milliseconds)' })
  @Max(60_000, { message: 'OIDC_TIMEOUT_MS must be at most 60000 (a minute)' })
  OIDC_TIMEOUT_MS = 5000;

  /** The provider's name as the sign-in page says it: 「使用{name}登录」. */
  @IsString()
  @MaxLength(24, { message: 'OIDC_DISPLAY_NAME must be at most 24 characters (it names a button)' })
  OIDC_DISPLAY_NAME = '统一身份认证';
}

/** Milliseconds in a duration such as `30m` or `12h` (the settings' format, checked at boot). */
export function durationMs(value: string): number {
  const match = DURATION.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  return Number(match[1]) * DURATION_UNIT_MS[match[2] as keyof typeof DURATION_UNIT_MS];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((msg) =>
      msg.startsWith(e.property) ? msg : `${e.property}: ${msg}`,
    ),
  );
}

/**
 * Settings of the one-command local stack (`npm start`), which decides whether to start embedded
 * PostgreSQL and the Temporal dev server. The API and worker never read these.
 */
export class LocalStackConfig {
  @IsString()
  DUBAN_DATA_DIR = '.duban';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_DEV_PORT = 7233;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_UI_PORT = 8233;

  /** The dev server's own Prometheus metrics (its persistence requests show what a burst costs it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_METRICS_PORT = 8234;

  @IsOptional()
  @IsString()
  DATABASE_URL?: string = undefined;

  @IsOptional()
  @IsString()
  TEMPORAL_ADDRESS?: string = undefined;
}

/** Reads the variables a settings class declares and validates them; one error lists every problem. */
function readSettings<T extends object>(
  Settings: new () => T,
  env: NodeJS.ProcessEnv,
): { config: T; problems: string[] } {
  // Every setting has an initialiser, so the instance's own keys are exactly the known variables.
  const known = Object.keys(new Settings());
  const given = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const config = plainToInstance(Settings, given);
  return { config, problems: describe(validateSync(config)) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const { config, problems } = readSettings(AppConfig, env);
  if (
    problems.length === 0 &&
    durationMs(config.SESSION_IDLE_TIMEOUT) > durationMs(config.SESSION_MAX_LIFETIME)
  ) {
    problems.push('SESSION_IDLE_TIMEOUT must not be longer than SESSION_MAX_LIFETIME');
  }
  if (config.OIDC_ISSUER && (!config.OIDC_CLIENT_ID || !config.OIDC_REDIRECT_URI)) {
    problems.push('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI as well');
  }
  if (!config.JWT_SECRET && !config.JWT_PUBLIC_KEY) {
    problems.push('JWT_SECRET (or JWT_PUBLIC_KEY) must be set: tokens cannot be verified without one');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export function loadLocalStackConfig(env: NodeJS.ProcessEnv = process.env): LocalStackConfig {
  const { config, problems } = readSettings(LocalStackConfig, env);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
