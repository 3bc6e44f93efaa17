import type { Pool, PoolClient } from 'pg';
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
 * Runs `work` on one connection checked out of the pool, for what needs a single connection (a
 * transaction, a statement prepared on it). While it is out, the connection has an `error`
 * listener: pg-pool drops its own at checkout, and a socket closed under a query (a reset, a
 * killed backend) would otherwise emit an unhandled error and end the process. A connection whose
 * work failed is closed rather than given back: whatever state the failure left goes with it.
 */
export async function onPooledConnection<T>(dataSource: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await connectionPool(dataSource).connect();
  let failed: Error | undefined;
  const onError = (error: Error) => {
    failed = error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    failed ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(failed);
  }
}

/**
 * Runs a named prepared statement on the pool. Each connection plans a named statement once; the
 * append's plan costs about as much as its execution.
 */
export async function preparedQuery<Row>(dataSource: DataSource, name: string, text: string, values: readonly unknown[]): Promise<Row[]> {
  const result = await connectionPool(dataSource).query({ name, text, values: [...values] });
  return result.rows as Row[];
}
