import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Express, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { serveConsole } from './common/console-static';
import { createLogger } from './common/logger';
import { frontDoor } from './common/front-door.middleware';
import { validationProblem } from './common/validation-problem';
import { bodyErrorMiddleware } from './common/body-error.middleware';
import { csrfCookieMiddleware } from './auth/session-cookies';
import type { AppConfig } from './config/app-config';

/** Builds the HTTP application (without listening): used by main.ts and by the integration tests. */
export async function createApp(
  config: AppConfig, databaseUrl: string, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<INestApplication> {
  const log = createLogger(opts.logger === false ? { logLevel: 'silent' } : config, opts.logStream);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, { logger: log }), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
    ...(opts.logger === false ? { logger: false } : {}),
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API responses are never cached (PHI): no ETag to compute, `Cache-Control: no-store` set by the front door.
  app.set('etag', false);
  app.use(frontDoor(log));
  app.use(helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  }));
  app.use(cookieParser());
  app.use(csrfCookieMiddleware);
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: config.bodyLimitBytes, extended: false });
  app.use(bodyErrorMiddleware);
  // The issuer's public trust endpoints live under the issuer URL's path (SMART Health Cards §2), not under the API.
  app.setGlobalPrefix('api/v1', { exclude: ['healthz', 'readyz', `${config.issuerPath}/.well-known/{*path}`] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem }));

  // The OpenAPI document (JSON), public like the API's shape itself; no UI (it would need inline scripts).
  const openApi = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Tessera API').setVersion('1').addCookieAuth('tessera_session').build());
  const http: Express = app.getHttpAdapter().getInstance();
  http.get('/api/docs', (_req: Request, res: Response) => {
    res.json(openApi);
  });

  serveConsole(http, config.clientDir);
  return app;
}
