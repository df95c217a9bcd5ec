import { type INestApplication } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { SESSION_COOKIE } from '../../../libs/identity/src/auth-cookies.js';
import { AppConfig } from '../../../libs/platform/src/config/app-config.js';
import { documentCreatedLocation } from '../../../libs/platform/src/http/created-location.js';
import { jsonBodyOptions } from '../../../libs/platform/src/http/body-parsing.js';
import { requestIdMiddleware } from '../../../libs/platform/src/logging/request-id.js';
import { documentProblemResponses } from '../../../libs/platform/src/errors/problem.openapi.js';
import { documentIdempotencyKey } from '../../../libs/platform/src/idempotency/idempotency.openapi.js';
import { HttpMetrics } from '../../../libs/platform/src/metrics/http-metrics.js';
import { YAML_MEDIA_TYPES } from '../../../libs/plan/src/yaml-body.middleware.js';
import { securityHeaders } from './browser/security-headers.js';
import { serveConsole } from './browser/serve-console.js';

export const DOCS_PATH = 'docs';

/** Everything main.ts and the e2e tests both need on the Nest app, in one place. */
export function configureApp(app: NestExpressApplication, metrics: HttpMetrics): INestApplication {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  // First, so that even a body the parsers refuse is answered with a request id.
  app.use(requestIdMiddleware);
  app.use(metrics.middleware());
  app.use(...securityHeaders);
  app.useBodyParser('json', jsonBodyOptions(config.BODY_LIMIT));
  // Plan files may be sent as raw YAML (POST /plan/versions).
  app.useBodyParser('text', { limit: config.BODY_LIMIT, type: YAML_MEDIA_TYPES });
  // Only the session and CSRF cookies are read; no signing secret (the session id is itself random).
  app.use(cookieParser());
  app.disable('x-powered-by');
  serveConsole(app, config.CONSOLE_DIR);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Duban API')
      .setDescription(
        'Durable supervision of the county food-safety campaign (督办). Every route except /health, /docs ' +
          'and sign-in needs a bearer token (JWT or personal access token) or the console session cookie. ' +
          'Errors are RFC 9457 problem+json.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth(
        SESSION_COOKIE,
        {
          type: 'apiKey',
          in: 'cookie',
          description:
            'Set by POST /auth/sign-in. Unsafe requests (POST, PUT, PATCH, DELETE) must also send the ' +
            'X-CSRF-Token header equal to the duban_csrf cookie.',
        },
        'cookie',
      )
      .build(),
  );
  documentIdempotencyKey(document);
  documentCreatedLocation(document);
  documentProblemResponses(document);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}/openapi.json` });
  return app;
}
