import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';
import { assignRequestId } from './request-id.js';

/**
 * Structured JSON logs. Each HTTP request gets a request id (the caller's `X-Request-Id` if sane) that
 * is echoed back and passed into workflows and activities, so one step can be followed end to end.
 * Authorization headers and bodies are never logged: they may carry tokens or personal data.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (req, res) => assignRequestId(req, res),
          customAttributeKeys: { reqId: 'requestId' },
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
