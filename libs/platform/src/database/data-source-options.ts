import { type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** Options shared by the Nest apps and the migration CLI. Never `synchronize`: schema comes from migrations. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 10, application_name: 'duban' },
  };
}
