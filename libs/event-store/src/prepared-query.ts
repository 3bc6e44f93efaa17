import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a named prepared statement on the pg pool that TypeORM opened. Each connection plans a
 * named statement once; the append's plan costs about as much as its execution, and TypeORM's
 * `query()` cannot name a statement. Same pool, same types, same errors as `dataSource.query`.
 */
export async function preparedQuery<Row>(dataSource: DataSource, name: string, text: string, values: readonly unknown[]): Promise<Row[]> {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('The data source is not initialized: it has no connection pool yet');
  const result = await pool.query({ name, text, values: [...values] });
  return result.rows as Row[];
}
