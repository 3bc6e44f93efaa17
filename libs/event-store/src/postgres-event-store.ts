import type { DataSource, EntityManager } from 'typeorm';
import { ConcurrencyError } from './errors';
import { EVENT_COLUMNS, toStoredEvent } from './event-row';
import type { Checkpoint, NewEvent, StoredEvent } from './stored-event';

export type AppendOptions = Readonly<{ idempotencyKey?: string }>;

export type AppendResult = Readonly<{
  streamId: string;
  /** True when the idempotency key was seen before: nothing was appended this time. */
  duplicate: boolean;
  events: readonly StoredEvent[];
  lastVersion: number;
}>;

export type ReadAllResult = Readonly<{
  events: readonly StoredEvent[];
  /** Committed events exist past the safe horizon, waiting for an older transaction to end. */
  heldBack: boolean;
}>;

/** The channel a commit notifies, so readers wake instead of polling. */
export const EVENTS_APPENDED_CHANNEL = 'events_appended';

const UNIQUE_VIOLATION = '23505';

/** The PostgreSQL event store: one stream per folder, versions 1, 2, 3 and so on. */
export class PostgresEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends events atomically if the stream is at `expectedVersion` (0 for a new stream), and
   * notifies readers on commit. A repeated idempotency key appends nothing.
   */
  async append(streamId: string, expectedVersion: number, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    try {
      return await this.dataSource.transaction((manager) => this.appendIn(manager, streamId, expectedVersion, events, options));
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_unique')) throw new ConcurrencyError(streamId, expectedVersion, null);
      throw error;
    }
  }

  /** The result of an earlier command with this idempotency key, if there was one. */
  async findByIdempotencyKey(key: string): Promise<AppendResult | null> {
    return this.previousAppend(this.dataSource.manager, key);
  }

  /** Every event of a stream, in version order. */
  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const rows = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, fromVersion],
    );
    return rows.map(toStoredEvent);
  }

  /**
   * Committed events after a checkpoint, in commit-safe order. Only transactions older than every
   * transaction still running are read, so an event whose transaction took an earlier position but
   * commits later is never skipped: it holds back the events after it until it ends.
   */
  async readAllAfter(checkpoint: Checkpoint, limit: number): Promise<ReadAllResult> {
    const rows = await this.dataSource.query(
      `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
       SELECT ${EVENT_COLUMNS}, (events.transaction_id >= horizon.xmin) AS held_back
       FROM events, horizon
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
       ORDER BY events.transaction_id, events.global_position
       LIMIT $3`,
      [checkpoint.transaction_id, checkpoint.global_position, limit],
    );
    const ready = rows.filter((row: { held_back: boolean }) => !row.held_back);
    // Rows are in transaction order, so the held-back ones all come after the ready ones.
    return {
      events: ready.map(({ held_back: _heldBack, ...row }: { held_back: boolean }) => toStoredEvent(row as never)),
      heldBack: ready.length < rows.length,
    };
  }

  private async appendIn(
    manager: EntityManager,
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    { idempotencyKey }: AppendOptions,
  ): Promise<AppendResult> {
    if (idempotencyKey !== undefined) {
      // Claims the key; a concurrent holder of the same key makes this wait for its outcome.
      const claimed = await manager.query(
        `INSERT INTO idempotency_keys (idempotency_key, stream_id) VALUES ($1, $2)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
        [idempotencyKey, streamId],
      );
      if (claimed.length === 0) return (await this.previousAppend(manager, idempotencyKey)) as AppendResult;
    }
    const [{ version }] = await manager.query(
      'SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1',
      [streamId],
    );
    if (version !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, version);
    const stored = events.length === 0 ? [] : await insertEvents(manager, streamId, expectedVersion, events);
    const lastVersion = expectedVersion + events.length;
    if (idempotencyKey !== undefined) {
      await manager.query(
        'UPDATE idempotency_keys SET first_version = $2, last_version = $3 WHERE idempotency_key = $1',
        [idempotencyKey, events.length === 0 ? null : expectedVersion + 1, events.length === 0 ? null : lastVersion],
      );
    }
    if (stored.length > 0) await manager.query('SELECT pg_notify($1, $2)', [EVENTS_APPENDED_CHANNEL, streamId]);
    return { streamId, duplicate: false, events: stored, lastVersion };
  }

  private async previousAppend(manager: EntityManager, key: string): Promise<AppendResult | null> {
    const [previous] = await manager.query(
      'SELECT stream_id, first_version, last_version FROM idempotency_keys WHERE idempotency_key = $1',
      [key],
    );
    if (!previous) return null;
    const events =
      previous.first_version === null
        ? []
        : (
            await manager.query(
              `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version BETWEEN $2 AND $3 ORDER BY stream_version`,
              [previous.stream_id, previous.first_version, previous.last_version],
            )
          ).map(toStoredEvent);
    return { streamId: previous.stream_id, duplicate: true, events, lastVersion: previous.last_version ?? 0 };
  }
}

async function insertEvents(manager: EntityManager, streamId: string, expectedVersion: number, events: readonly NewEvent[]) {
  // Positions are drawn first and handed out in version order: a multi-row insert does not
  // promise to draw sequence values in row order, and readers order a transaction by position.
  const drawn: { position: string }[] = await manager.query(
    `SELECT nextval(pg_get_serial_sequence('events', 'global_position'))::text AS position FROM generate_series(1, $1)`,
    [events.length],
  );
  const positions = drawn.map((row) => BigInt(row.position)).sort((x, y) => (x < y ? -1 : 1));
  const values: unknown[] = [];
  const tuples = events.map((event, index) => {
    values.push(
      String(positions[index]),
      event.event_id,
      streamId,
      expectedVersion + index + 1,
      event.type,
      event.schema_version,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    );
    const p = index * 8;
    return `($${p + 1}::bigint, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}::jsonb, $${p + 8}::jsonb)`;
  });
  const rows = await manager.query(
    `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata)
     VALUES ${tuples.join(', ')} RETURNING ${EVENT_COLUMNS}`,
    values,
  );
  return (rows as Parameters<typeof toStoredEvent>[0][])
    .map(toStoredEvent)
    .sort((x, y) => x.stream_version - y.stream_version);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? error;
  const { code, constraint: violated } = driverError as { code?: string; constraint?: string };
  return code === UNIQUE_VIOLATION && violated === constraint;
}
