import { Client } from 'pg';
import { testInfra } from './test-infra';
import { uniqueName } from './unique-name';

/** A PostgreSQL schema of its own for one test file, dropped with everything in it afterwards. */
export function isolatedSchema(prefix = 'it'): { name: string; drop: () => Promise<void> } {
  const name = uniqueName(prefix);
  return {
    name,
    drop: async () => {
      const client = new Client({ connectionString: testInfra.databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
