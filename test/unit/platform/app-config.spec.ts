import { describe, expect, it } from '@jest/globals';
import {
  AppConfig,
  ConfigError,
  LocalStackConfig,
  loadConfig,
  loadLocalStackConfig,
} from '../../../libs/platform/src/config/app-config.js';

const SECRET = 'a-secret-that-is-at-least-32-characters-long';
const minimal = {
  DATABASE_URL: 'postgres://duban:duban@localhost:5432/duban',
  TEMPORAL_ADDRESS: 'localhost:7233',
  JWT_SECRET: SECRET,
};

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

/** The problems that name a variable (each problem starts with the variable's name). */
function problemsAbout(error: ConfigError, variable: string): string[] {
  return error.problems.filter((p) => p.startsWith(variable));
}

describe('loadConfig', () => {
  describe('defaults', () => {
    it('applies every default when only the required variables are set', () => {
      const config = loadConfig({ ...minimal });
      expect(config).toBeInstanceOf(AppConfig);
      expect({ ...config }).toEqual({
        DATABASE_URL: 'postgres://duban:duban@localhost:5432/duban',
        TEMPORAL_ADDRESS: 'localhost:7233',
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: 'duban',
        JWT_SECRET: SECRET,
        JWT_PUBLIC_KEY: undefined,
        JWT_PRIVATE_KEY: undefined,
        JWT_ISSUER: 'duban',
        JWT_AUDIENCE: 'duban-api',
        JWT_TTL: '12h',
        LOG_LEVEL: 'info',
        API_HOST: '127.0.0.1',
        API_PORT: 3000,
        API_METRICS_PORT: 9463,
        WORKER_METRICS_PORT: 9464,
        WORKER_ENGINE_METRICS_PORT: 9465,
        INCIDENT_RETRY_THRESHOLD: 10,
        BODY_LIMIT: '100kb',
        WORKFLOW_BUNDLE_PATH: 'dist/workflow-bundle.js',
        WORKER_MAX_WORKFLOW_TASKS: 40,
        WORKER_MAX_ACTIVITIES: 50,
        WORKER_MAX_LOCAL_ACTIVITIES: 50,
        WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: 3,
        HOLIDAY_OVERRIDE_FILE: undefined,
        ENGINE_WAIT_SECONDS: 30,
        COMPLAINT_INTAKE_PER_ADDRESS_PER_HOUR: 10,
        COMPLAINT_FOLLOW_UPS_PER_ADDRESS_PER_MINUTE: 30,
        COMPLAINT_FAILED_SECRETS_PER_RECEIPT_PER_HOUR: 5,
        COMPLAINT_EVIDENCE_MAX_FILES: 10,
        COMPLAINT_EVIDENCE_MAX_BYTES: 20_971_520,
        SESSION_IDLE_TIMEOUT: '30m',
        SESSION_MAX_LIFETIME: '12h',
        CONSOLE_DIR: 'dist/console',
        COOKIE_SECURE: 'true',
        PASSWORD_MIN_LENGTH: 12,
        SIGN_IN_MAX_FAILURES: 5,
        SIGN_IN_LOCKOUT: '15m',
        OIDC_USERNAME_CLAIM: 'preferred_username',
        OIDC_TIMEOUT_MS: 5000,
        OIDC_DISPLAY_NAME: '统一身份认证',
      });
    });

    it('refuses complaint limits that are not whole numbers in range, naming each', () => {
      expect(() =>
        loadConfig({
          ...minimal,
          COMPLAINT_INTAKE_PER_ADDRESS_PER_HOUR: '0',
          COMPLAINT_EVIDENCE_MAX_FILES: 'many',
        }),
      ).toThrow(/COMPLAINT_INTAKE_PER_ADDRESS_PER_HOUR[\s\S]*COMPLAINT_EVIDENCE_MAX_FILES/);
    });

    it("refuses a sticky queue timeout outside 1-60 s, so a person's step is never held longer by a typo", () => {
      expect(() => loadConfig({ ...minimal, WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: '0' })).toThrow(
        /WORKER_STICKY_QUEUE_TIMEOUT_SECONDS/,
      );
      expect(() => loadConfig({ ...minimal, WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: '600' })).toThrow(
        /WORKER_STICKY_QUEUE_TIMEOUT_SECONDS/,
      );
      expect(loadConfig({ ...minimal, WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: '5' })).toMatchObject({
        WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: 5,
      });
    });

    it('refuses a single sign-on name too long for the sign-in page’s button', () => {
      expect(() => loadConfig({ ...minimal, OIDC_DISPLAY_NAME: '某'.repeat(25) })).toThrow(
        /OIDC_DISPLAY_NAME must be at most 24 characters/,
      );
      expect(loadConfig({ ...minimal, OIDC_DISPLAY_NAME: '浙政钉' }).OIDC_DISPLAY_NAME).toBe('浙政钉');
    });

    it('bounds each request to the single sign-on provider, in milliseconds: a provider that never answers is down', () => {
      expect(loadConfig({ ...minimal, OIDC_TIMEOUT_MS: '300' }).OIDC_TIMEOUT_MS).toBe(300);
      for (const [value, message] of [
        ['0', 'OIDC_TIMEOUT_MS must be at least 100 (milliseconds)'],
        ['120000', 'OIDC_TIMEOUT_MS must be at most 60000 (a minute)'],
        ['5s', 'OIDC_TIMEOUT_MS must be a whole number of milliseconds'],
      ]) {
        expect(configErrorOf(() => loadConfig({ ...minimal, OIDC_TIMEOUT_MS: value })).problems).toContain(
          message,
        );
      }
    });

    it('keeps API_PORT a number', () => {
      expect(loadConfig({ ...minimal }).API_PORT).toBe(3000);
      expect(typeof loadConfig({ ...minimal }).API_PORT).toBe('number');
    });
  });

  describe('given values', () => {
    it('reads the given variables and converts ports to numbers', () => {
      const config = loadConfig({
        ...minimal,
        TEMPORAL_NAMESPACE: 'duban-prod',
        TEMPORAL_TASK_QUEUE: 'duban-q',
        API_PORT: '8080',
        API_METRICS_PORT: '0',
        WORKER_METRICS_PORT: '65535',
        LOG_LEVEL: 'debug',
        JWT_TTL: '30m',
        BODY_LIMIT: '1mb',
      });
      expect(config.TEMPORAL_NAMESPACE).toBe('duban-prod');
      expect(config.TEMPORAL_TASK_QUEUE).toBe('duban-q');
      expect(config.API_PORT).toBe(8080);
      expect(config.API_METRICS_PORT).toBe(0);
      expect(config.WORKER_METRICS_PORT).toBe(65535);
      expect(config.LOG_LEVEL).toBe('debug');
      expect(config.JWT_TTL).toBe('30m');
      expect(config.BODY_LIMIT).toBe('1mb');
    });

    it('accepts postgresql:// as well as postgres://', () => {
      const url = 'postgresql://u@db/duban';
      expect(loadConfig({ ...minimal, DATABASE_URL: url }).DATABASE_URL).toBe(url);
    });

    it('accepts JWT_PUBLIC_KEY instead of JWT_SECRET', () => {
      const config = loadConfig({ ...minimal, JWT_SECRET: undefined, JWT_PUBLIC_KEY: 'PEM' });
      expect(config.JWT_PUBLIC_KEY).toBe('PEM');
      expect(config.JWT_SECRET).toBeUndefined();
    });

    it('ignores unrelated environment variables', () => {
      const config = loadConfig({ ...minimal, PATH: '/usr/bin', HOME: '/home/duban', NODE_ENV: 'test' });
      expect('PATH' in config).toBe(false);
      expect('HOME' in config).toBe(false);
      expect('NODE_ENV' in config).toBe(false);
      expect(Object.keys(config)).not.toContain('PATH');
    });

    it('treats empty strings as unset, so defaults apply', () => {
      const config = loadConfig({
        ...minimal,
        TEMPORAL_NAMESPACE: '',
        API_PORT: '',
        LOG_LEVEL: '',
        JWT_PUBLIC_KEY: '',
      });
      expect(config.TEMPORAL_NAMESPACE).toBe('default');
      expect(config.API_PORT).toBe(3000);
      expect(config.LOG_LEVEL).toBe('info');
      expect(config.JWT_PUBLIC_KEY).toBeUndefined();
    });
  });

  describe('errors', () => {
    it('lists every bad variable in one ConfigError', () => {
      const error = configErrorOf(() =>
        loadConfig({
          TEMPORAL_ADDRESS: 'localhost',
          API_PORT: 'abc',
          LOG_LEVEL: 'loud',
          JWT_SECRET: 'too-short',
        }),
      );
      expect(error.name).toBe('ConfigError');
      for (const variable of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'API_PORT', 'LOG_LEVEL', 'JWT_SECRET']) {
        expect(problemsAbout(error, variable).length).toBeGreaterThan(0);
      }
      expect(error.problems).toContain('DATABASE_URL must be a postgres:// connection URL');
      expect(error.problems).toContain('TEMPORAL_ADDRESS must be host:port');
      expect(error.problems).toContain('JWT_SECRET must be at least 32 characters');
      expect(error.problems).toContain('API_PORT must be an integer number');
      expect(problemsAbout(error, 'LOG_LEVEL')[0]).toMatch(/^LOG_LEVEL must be one of .*info/);
    });

    it('does not complain about variables that are fine', () => {
      const error = configErrorOf(() => loadConfig({ ...minimal, LOG_LEVEL: 'loud' }));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(/^LOG_LEVEL /);
    });

    it('puts every problem into the message, one per line', () => {
      const error = configErrorOf(() => loadConfig({ ...minimal, DATABASE_URL: 'mysql://x' }));
      expect(error.message).toBe(
        'Invalid configuration:\n  - DATABASE_URL must be a postgres:// connection URL',
      );
    });

    it('refuses a configuration with neither JWT_SECRET nor JWT_PUBLIC_KEY', () => {
      const error = configErrorOf(() => loadConfig({ ...minimal, JWT_SECRET: undefined }));
      expect(error.problems).toEqual([
        'JWT_SECRET (or JWT_PUBLIC_KEY) must be set: tokens cannot be verified without one',
      ]);
    });

    it('refuses an empty JWT_SECRET as missing', () => {
      const error = configErrorOf(() => loadConfig({ ...minimal, JWT_SECRET: '' }));
      expect(error.problems).toEqual([
        'JWT_SECRET (or JWT_PUBLIC_KEY) must be set: tokens cannot be verified without one',
      ]);
    });

    it('refuses an empty DATABASE_URL as missing', () => {
      const error = configErrorOf(() => loadConfig({ ...minimal, DATABASE_URL: '' }));
      expect(error.problems).toEqual(['DATABASE_URL must be a postgres:// connection URL']);
    });

    it.each([
      ['API_PORT', '65536'],
      ['API_PORT', '-1'],
      ['API_PORT', '80.5'],
      ['API_METRICS_PORT', 'nine'],
      ['WORKER_METRICS_PORT', '70000'],
      ['PASSWORD_MIN_LENGTH', '6'],
      ['SIGN_IN_MAX_FAILURES', '0'],
      ['COOKIE_SECURE', 'yes'],
    ])('refuses %s=%s', (variable, value) => {
      const error = configErrorOf(() => loadConfig({ ...minimal, [variable]: value }));
      expect(error.problems.length).toBeGreaterThan(0);
      expect(error.problems.every((p) => p.startsWith(variable))).toBe(true);
    });

    it.each([
      ['JWT_TTL', '12 hours', 'JWT_TTL must look like 12h, 30m or 7d'],
      ['BODY_LIMIT', '1gb', 'BODY_LIMIT must look like 100kb or 1mb'],
      ['TEMPORAL_ADDRESS', 'http://localhost:7233', 'TEMPORAL_ADDRESS must be host:port'],
      ['SESSION_IDLE_TIMEOUT', '30 minutes', 'SESSION_IDLE_TIMEOUT must look like 30m, 2h or 1d'],
      ['SESSION_MAX_LIFETIME', '10m', 'SESSION_IDLE_TIMEOUT must not be longer than SESSION_MAX_LIFETIME'],
      ['SIGN_IN_LOCKOUT', 'forever', 'SIGN_IN_LOCKOUT must look like 15m or 1h'],
      [
        'OIDC_ISSUER',
        'https://sso.example.gov.cn',
        'OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI as well',
      ],
    ])('refuses %s=%s with its message', (variable, value, message) => {
      const error = configErrorOf(() => loadConfig({ ...minimal, [variable]: value }));
      expect(error.problems).toEqual([message]);
    });
  });
});

describe('loadLocalStackConfig', () => {
  it('applies every default for an empty environment', () => {
    const config = loadLocalStackConfig({});
    expect(config).toBeInstanceOf(LocalStackConfig);
    expect({ ...config }).toEqual({
      DUBAN_DATA_DIR: '.duban',
      EMBEDDED_PG_PORT: 54329,
      TEMPORAL_DEV_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      TEMPORAL_METRICS_PORT: 8234,
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
    });
  });

  it('reads the given variables and converts ports to numbers, ignoring unrelated ones', () => {
    const config = loadLocalStackConfig({
      DUBAN_DATA_DIR: '/tmp/d',
      EMBEDDED_PG_PORT: '5433',
      TEMPORAL_DEV_PORT: '',
      DATABASE_URL: 'postgres://x/y',
      HOME: '/home/duban',
    });
    expect(config.DUBAN_DATA_DIR).toBe('/tmp/d');
    expect(config.EMBEDDED_PG_PORT).toBe(5433);
    expect(config.TEMPORAL_DEV_PORT).toBe(7233);
    expect(config.DATABASE_URL).toBe('postgres://x/y');
    expect('HOME' in config).toBe(false);
  });

  it('needs no JWT settings', () => {
    expect(() => loadLocalStackConfig({})).not.toThrow();
  });

  it('lists every bad port in one ConfigError (ports must be 1..65535)', () => {
    const error = configErrorOf(() =>
      loadLocalStackConfig({ EMBEDDED_PG_PORT: '0', TEMPORAL_DEV_PORT: 'x', TEMPORAL_UI_PORT: '99999' }),
    );
    expect(problemsAbout(error, 'EMBEDDED_PG_PORT')).toEqual(['EMBEDDED_PG_PORT must not be less than 1']);
    expect(problemsAbout(error, 'TEMPORAL_DEV_PORT')).toContain(
      'TEMPORAL_DEV_PORT must be an integer number',
    );
    expect(problemsAbout(error, 'TEMPORAL_UI_PORT')).toEqual([
      'TEMPORAL_UI_PORT must not be greater than 65535',
    ]);
  });
});
