import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { type Actor } from '../../libs/contracts/src/identity.js';
import { SEED_USERS } from '../../libs/identity/src/seed/reference-data.js';
import { TokenService } from '../../libs/identity/src/token.service.js';
import { HttpMetrics } from '../../libs/platform/src/metrics/http-metrics.js';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
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

  static async start(options: { worker?: boolean } = {}): Promise<TestSystem> {
    process.env.TEMPORAL_TASK_QUEUE = `e2e-${randomUUID()}`;
    const api = await NestFactory.create<NestExpressApplication>(AppModule, {
      logger: ['error'],
      bodyParser: false,
    });
    const metrics = new HttpMetrics();
    configureApp(api, metrics);
    await api.listen(0, '127.0.0.1');
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

  async tokenForActor(actor: Actor): Promise<string> {
    return this.api.get(TokenService).issue(actor);
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
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
