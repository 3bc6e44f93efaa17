import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool that TypeORM opened, for what TypeORM's `query()` cannot do: name a prepared
 * statement, or send several statements in one round trip. Same connections, types and errors.
 */
export function connectionPool(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('The data source is not initialized: it has no connection pool yet');
  return pool;
}

/**
 * Runs a named prepared statement on the pool. Each connection plans a named statement once; the
 * append's plan costs about as much as its execution.
 */
export async function preparedQuery<Row>(dataSource: DataSource, name: string, text: string, values: readonly unknown[]): Promise<Row[]> {
  const result = await connectionPool(dataSource).query({ name, text, values: [...values] });
  return result.rows as Row[];
}
