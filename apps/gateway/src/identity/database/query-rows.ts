import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { connectionPool } from '@forensics/event-store';

/**
 * Rows of one statement, straight from the pg pool: TypeORM's `query()` answers an UPDATE as
 * `[rows, count]`, and cannot name a prepared statement. A `name` makes each connection plan
 * the statement once, for the queries that run on every request.
 */
export async function queryRows<Row>(db: DataSource, text: string, values: readonly unknown[] = [], name?: string): Promise<Row[]> {
  const result = await connectionPool(db).query(name ? { name, text, values: [...values] } : { text, values: [...values] });
  return result.rows as Row[];
}

/** Runs `work` in one transaction on one connection. */
export async function inTransaction<T>(db: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await connectionPool(db).connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
