import { DataSource } from 'typeorm';
import { CreateEventStore1732200000000 } from './migrations/1732200000000-create-event-store';

/** The event store's migrations, in order; an app adds them to the migrations it runs. */
export const EVENT_STORE_MIGRATIONS = [CreateEventStore1732200000000];

export type DatabaseOptions = Readonly<{
  url: string;
  /** The PostgreSQL schema that holds the tables; tests use one schema each. */
  schema?: string;
  applicationName?: string;
  poolSize?: number;
  migrations?: readonly (new () => object)[];
}>;

/** A TypeORM data source bound to one schema (through `search_path`), migrations, never synchronize. */
export function createDataSource({ url, schema = 'public', applicationName = 'forensics', poolSize = 10, migrations = EVENT_STORE_MIGRATIONS }: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    applicationName,
    migrations: [...migrations] as never,
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { max: poolSize, options: `-c search_path=${schema}` },
  });
}

/** Creates the schema if needed and applies every pending migration. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations({ transaction: 'all' });
}
