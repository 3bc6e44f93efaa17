import type { DataSource } from 'typeorm';
import type { Checkpoint } from './stored-event';

/** Raised when the server hands out transaction ids below those already in the store. */
export class TransactionIdsWentBackError extends Error {
  override readonly name = 'TransactionIdsWentBackError';
}

/**
 * Commit-safe reading orders by transaction id. A database restored from a dump (or moved by
 * logical replication) keeps the stored ids but counts new ones from a low number again: new
 * events would sort before the checkpoint and be skipped for good. So a reader checks before it
 * starts that the server's next id is above every id it has seen, and refuses to run otherwise.
 */
export async function assertTransactionIdsAhead(dataSource: DataSource, checkpoint: Checkpoint): Promise<void> {
  const [row] = await dataSource.query(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next,
            (SELECT max(transaction_id)::text FROM events) AS newest`,
  );
  const next = BigInt(row.next);
  const seen = [BigInt(checkpoint.transaction_id), BigInt(row.newest ?? '0')];
  if (seen.some((id) => id >= next)) {
    throw new TransactionIdsWentBackError(
      `The server's next transaction id (${next}) is not above the ids already in the event store ` +
        `(newest ${row.newest}, checkpoint ${checkpoint.transaction_id}); was the database restored from a dump? ` +
        'Raise the transaction id epoch of the new cluster (pg_resetwal -e) before starting the relay, or events would be skipped.',
    );
  }
}

export type BlockingTransaction = Readonly<{ pid: number; database: string | null; state: string | null; started: Date | null; query: string | null }>;

/** The oldest transaction still running on the server: what holds committed events back. */
export async function oldestRunningTransaction(dataSource: DataSource): Promise<BlockingTransaction | null> {
  const [row] = await dataSource.query(
    `SELECT pid, datname AS database, state, xact_start AS started, left(query, 200) AS query
     FROM pg_stat_activity WHERE backend_xid IS NOT NULL ORDER BY age(backend_xid) DESC LIMIT 1`,
  );
  return row ?? null;
}
