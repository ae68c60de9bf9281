import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
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
  /** `logger`: the structured logger (common/logger.ts). */
  static forRoot(config: AppConfig, databaseUrl: string, opts: { logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        // nestjs-pino routes Nest's own log calls to our logger; the access log is written by the front-door
        // middleware (common/front-door.middleware.ts), so no pino-http middleware runs per request.
        LoggerModule.forRoot({ pinoHttp: { logger: opts.logger }, forRoutes: [] }),
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
