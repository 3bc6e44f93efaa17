import { isolatedSchema, testInfra } from '@forensics/testing';
import { createDataSource, migrate, PostgresEventStore } from '../src';

/** An event store in a schema of its own, migrated; `close` drops it with everything in it. */
export async function eventStoreFixture(prefix: string, poolSize = 10) {
  const schema = isolatedSchema(prefix);
  const dataSource = createDataSource({ url: testInfra.databaseUrl, schema: schema.name, poolSize, genericPlans: true });
  await dataSource.initialize();
  await migrate(dataSource);
  return {
    schema,
    dataSource,
    store: new PostgresEventStore(dataSource),
    close: async () => {
      await dataSource.destroy();
      await schema.drop();
    },
  };
}
