import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '../../../libs/platform/src/config/app-config.js';
import { HttpMetrics } from '../../../libs/platform/src/metrics/http-metrics.js';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  const metrics = new HttpMetrics();
  configureApp(app, metrics);
  const config = app.get(AppConfig);
  await app.listen(config.API_PORT, config.API_HOST);
  const metricsServer = await metrics.listen(config.API_METRICS_PORT, config.API_HOST);
  process.once('SIGTERM', () => metricsServer.close());
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`API failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
