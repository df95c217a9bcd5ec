import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { type Actor, type Role } from '../../libs/contracts/src/identity.js';
import { SEED_USERS } from '../../libs/identity/src/seed/reference-data.js';
import { TokenService } from '../../libs/identity/src/token.service.js';
import { generatePassword, hashPassword } from '../../libs/identity/src/password.service.js';
import { DataSource } from 'typeorm';
import { HttpMetrics } from '../../libs/platform/src/metrics/http-metrics.js';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The cookies a browser would keep after signing in, and the CSRF token its script would read. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
  person: { id: string; role: string; unitId: string };
}

/** The session cookies a sign-in (or OIDC callback) response set. */
export function sessionFrom(res: HttpResult): ConsoleSession {
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const value = (name: string) => cookies.find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
  const session = value('duban_session');
  const csrfToken = value('duban_csrf');
  if (!session || !csrfToken) throw new Error(`no session cookies in ${JSON.stringify(cookies)}`);
  return {
    cookie: `duban_session=${session}; duban_csrf=${csrfToken}`,
    csrfToken,
    person: (res.body as { person?: ConsoleSession['person'] })?.person ?? { id: '', role: '', unitId: '' },
  };
}

/**
 * The real API and worker, in this test process, against the stack of the e2e global setup. Each test
 * file gets its own task queue, so files never pick up each other's workflow tasks.
 */
export class TestSystem {
  private worker?: INestApplicationContext;

  private constructor(
    readonly api: NestExpressApplication,
    readonly baseUrl: string,
    readonly metrics: HttpMetrics,
  ) {}

  /** `port`: a fixed one, when something must know the API's address before it starts (an OIDC provider). */
  static async start(options: { worker?: boolean; port?: number } = {}): Promise<TestSystem> {
    process.env.TEMPORAL_TASK_QUEUE = `e2e-${randomUUID()}`;
    const api = await NestFactory.create<NestExpressApplication>(AppModule, {
      logger: ['error'],
      bodyParser: false,
    });
    const metrics = new HttpMetrics();
    configureApp(api, metrics);
    await api.listen(options.port ?? 0, '127.0.0.1');
    const system = new TestSystem(api, await api.getUrl(), metrics);
    if (options.worker !== false) await system.startWorker();
    return system;
  }

  async startWorker(): Promise<void> {
    this.worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    await this.worker.init();
  }

  /** A provider of the running worker, e.g. its metrics. */
  workerProvider<T>(type: Type<T>): T {
    if (!this.worker) throw new Error('the worker is not running');
    return this.worker.get(type);
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }

  async stop(): Promise<void> {
    await this.stopWorker();
    await this.api.close();
  }

  /** A token for a seeded user (see libs/identity/src/seed/reference-data.ts). */
  async tokenFor(userId: string): Promise<string> {
    const user = SEED_USERS.find((u) => u.id === userId);
    if (!user) throw new Error(`no seeded user ${userId}`);
    return this.tokenForActor({ userId: user.id, role: user.role, unitId: user.unitId });
  }

  /**
   * A token for this actor, creating the person if there is none (the guard refuses tokens of people
   * it does not know). The unit must exist; an existing person must hold this role in this unit.
   */
  async tokenForActor(actor: Actor): Promise<string> {
    const db = this.api.get(DataSource);
    await db.query(
      `INSERT INTO app_user (id, display_name, role, unit_id) VALUES ($1, $1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [actor.userId, actor.role, actor.unitId],
    );
    const [person] = await db.query<Array<{ role: Role; unit_id: string }>>(
      `SELECT role, unit_id FROM app_user WHERE id = $1`,
      [actor.userId],
    );
    if (person.role !== actor.role || person.unit_id !== actor.unitId) {
      throw new Error(
        `${actor.userId} is a ${person.role} of ${person.unit_id}, not a ${actor.role} of ${actor.unitId}`,
      );
    }
    return this.api.get(TokenService).issue(actor);
  }

  /**
   * Gives an existing person a fresh random password (a shortcut past the admin API) and returns it.
   * `mustChange` marks it as an admin reset would.
   */
  async givePassword(userId: string, options: { mustChange?: boolean } = {}): Promise<string> {
    const password = generatePassword();
    const changed = await this.api
      .get(DataSource)
      .query(`UPDATE app_user SET password_hash = $2, must_change_password = $3 WHERE id = $1 RETURNING id`, [
        userId,
        await hashPassword(password),
        options.mustChange ?? false,
      ]);
    if ((changed as unknown[][])[0].length === 0) throw new Error(`no person ${userId}`);
    return password;
  }

  /** Signs a person in through POST /auth/sign-in, as the console does; pass the result as `session`. */
  async signIn(userId: string, password?: string): Promise<ConsoleSession> {
    const username = userId;
    const res = await this.request('POST', '/auth/sign-in', {
      body: { username, password: password ?? (await this.givePassword(userId)) },
    });
    if (res.status !== 200)
      throw new Error(`sign-in of ${userId} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return sessionFrom(res);
  }

  /**
   * One HTTP request. `session` sends the console's cookies and, on unsafe methods, the CSRF header
   * (unless `csrf: false`, to test its absence).
   */
  async request<T = any>(
    method: string,
    path: string,
    options: {
      token?: string;
      session?: ConsoleSession;
      csrf?: boolean;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.session) {
      headers.cookie = options.session.cookie;
      if (options.csrf !== false && !['GET', 'HEAD'].includes(method)) {
        headers['x-csrf-token'] = options.session.csrfToken;
      }
    }
    Object.assign(headers, options.headers);
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}
