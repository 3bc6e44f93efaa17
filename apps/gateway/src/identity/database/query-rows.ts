import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { connectionPool, onPooledConnection } from '@forensics/event-store';

/**
 * Rows of one statement, straight from the pg pool: TypeORM's `query()` answers an UPDATE as
 * `[rows, count]`, and cannot name a prepared statement. A `name` makes each connection plan
 * the statement once, for the queries that run on every request.
 */
export async function queryRows<Row>(db: DataSource, text: string, values: readonly unknown[] = [], name?: string): Promise<Row[]> {
  const result = await connectionPool(db).query(name ? { name, text, values: [...values] } : { text, values: [...values] });
  return result.rows as Row[];
}

/** Runs `work` in one transaction on one connection; a failure closes the connection, which aborts the transaction. */
export async function inTransaction<T>(db: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return onPooledConnection(db, async (client) => {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  });
}
