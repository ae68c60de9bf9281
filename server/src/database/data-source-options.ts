import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@tessera/migrations';
import { ENTITIES } from './entities';

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
    extra: { max: poolSize, application_name: 'tessera' },
  };
}
