import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { IncidentMetrics } from '../../../libs/incidents/src/incident-metrics.js';
import { loadConfig } from '../../../libs/platform/src/config/app-config.js';
import { serveMetrics } from '../../../libs/platform/src/metrics/serve-metrics.js';
import { WorkerModule } from './worker.module.js';

const SDK_LEVEL: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL, base: { component: 'temporal-sdk' } });
  // Once per process: SDK logs (workflow and activity logs included) become JSON lines, and the SDK's
  // own metrics are served for Prometheus.
  Runtime.install({
    logger: new DefaultLogger(SDK_LEVEL[config.LOG_LEVEL] ?? 'INFO', (entry) => {
      const level = entry.level.toLowerCase() as 'info';
      log[level in log ? level : 'info']({ ...entry.meta }, entry.message);
    }),
    telemetryOptions: {
      metrics: { prometheus: { bindAddress: `${config.API_HOST}:${config.WORKER_METRICS_PORT}` } },
    },
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // The worker's own metrics (incidents) beside the SDK's, which the Temporal runtime serves itself.
  const metricsServer = await serveMetrics(
    app.get(IncidentMetrics).registry,
    config.WORKER_ENGINE_METRICS_PORT,
    config.API_HOST,
  );
  process.once('SIGTERM', () => metricsServer.close());
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`Worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
