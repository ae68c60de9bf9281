import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@tessera/migrations';
import { ENTITIES } from './entities';

/**
 * Session settings for every pooled connection. Only prepared statements (src/database/prepared.ts: the search and
 * audit-append statements) and PL/pgSQL keep plans, and each of those is anchored on one index whatever its
 * parameters, so a generic plan is always right: without this PostgreSQL re-planned the birth-date search on
 * every call (0.27 ms of its 1.6 ms, pg_stat_statements under the search benchmark) because its generic plan's
 * row estimate for `= ANY($3)` looks worse than the custom plans'.
 */
export const PG_SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

/** One definition of the connection, shared by the app, the command line and the tests. Never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, application_name: 'tessera', options: PG_SESSION_OPTIONS },
  };
}
