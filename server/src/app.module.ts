import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CardsModule } from './cards/cards.module';
import { PermissionGuard } from './auth/permission.guard';
import { SessionGuard } from './auth/session.guard';
import { ProblemFilter } from './common/problem.filter';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { CryptoModule } from './crypto/crypto.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { InspectorModule } from './inspector/inspector.module';
import { KeysModule } from './keys/keys.module';
import { PortalModule } from './portal/portal.module';
import { RegistryModule } from './registry/registry.module';
import { StaffModule } from './staff/staff.module';

/** The application, for a given configuration and database URL (the same module serves the app and the tests). */
@Module({})
export class AppModule {
  /** `logStream`: where the structured log goes instead of standard output (the tests scan it). */
  static forRoot(config: AppConfig, databaseUrl: string, opts: { logStream?: NodeJS.WritableStream } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
            // No PHI, passwords or tokens: log the method, the path without its query string, status and timing only.
            serializers: {
              req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
            redact: { paths: ['req.headers', 'res.headers', '*.password', '*.token', '*.cookie'], remove: true },
            autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        CryptoModule.forRoot(config),
        AuditModule,
        AuthModule,
        StaffModule,
        RegistryModule,
        CardsModule,
        InspectorModule,
        PortalModule,
        KeysModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useExisting: SessionGuard },
        { provide: APP_GUARD, useExisting: PermissionGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
