import type { Checkpoint } from '@forensics/event-store';
import type { DataSource } from 'typeorm';

/** Counting stops here: beyond it the figure only says "far behind", and the scan stays short. */
const COUNT_AT_MOST = 100_000;

export type RelayLag = Readonly<{ events: number; oldestSeconds: number }>;

/**
 * The committed events after a position, and the age of the oldest of them: what the relay still
 * has to publish. Read on each scrape, in the relay's commit order (the `events_commit_order`
 * index), so it costs a short index scan while the relay keeps up.
 */
export async function unpublishedAfter(dataSource: DataSource, position: Checkpoint): Promise<RelayLag> {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS events, coalesce(extract(epoch FROM clock_timestamp() - min(recorded_at)), 0)::float8 AS oldest_seconds
     FROM (SELECT recorded_at FROM events
           WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
           ORDER BY transaction_id, global_position
           LIMIT ${COUNT_AT_MOST}) AS behind`,
    [position.transaction_id, position.global_position],
  )) as { events: number; oldest_seconds: number }[];
  return { events: row?.events ?? 0, oldestSeconds: Math.max(0, row?.oldest_seconds ?? 0) };
}
