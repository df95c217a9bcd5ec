import { type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/**
 * The planner's cost of reading a table page out of order, for Duban's sessions. PostgreSQL's default (4)
 * assumes a spinning disk; Duban's tables live in memory or on SSD, where it is about 1. With 4 the planner
 * took a list's unit filter from an index of 650,000 entries (80 ms) rather than check 7,000 rows found
 * by text (8 ms); docs/decisions/0016, addendum of 2026-12-02.
 */
const PLANNER_SETTINGS = '-c random_page_cost=1.1';

/** Options shared by the Nest apps and the migration CLI. Never `synchronize`: schema comes from migrations. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 10, application_name: 'duban', options: PLANNER_SETTINGS },
  };
}
