import type { DataSource } from 'typeorm';
import { APPEND_STATEMENT } from './append-statement';
import { eventsAppendedChannel } from './channels';
import { ConcurrencyError } from './errors';
import { preparedQuery } from './prepared-query';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from './event-row';
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

type AppendOutcome = {
  current_version: number;
  claimed: number;
  events: (Omit<Parameters<typeof toStoredEvent>[0], 'recorded_at'> & { recorded_at: string })[];
};

const UNIQUE_VIOLATION = '23505';

/** The PostgreSQL event store: one stream per folder, versions 1, 2, 3 and so on. */
export class PostgresEventStore {
  /** Where this store's appends notify; the relay of the same schema listens there. */
  readonly channel: string;

  constructor(private readonly dataSource: DataSource) {
    this.channel = eventsAppendedChannel((dataSource.options as { schema?: string }).schema ?? 'public');
  }

  /**
   * Appends events atomically if the stream is at `expectedVersion` (0 for a new stream), and
   * notifies readers on commit. A repeated idempotency key appends nothing.
   */
  async append(streamId: string, expectedVersion: number, events: readonly NewEvent[], { idempotencyKey }: AppendOptions = {}): Promise<AppendResult> {
    let outcome: AppendOutcome;
    try {
      [outcome] = (await preparedQuery<AppendOutcome>(this.dataSource, 'event_store_append', APPEND_STATEMENT, [streamId, expectedVersion, idempotencyKey ?? null, JSON.stringify(events), this.channel])) as [AppendOutcome];
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_unique')) throw new ConcurrencyError(streamId, expectedVersion, null);
      throw error;
    }
    // A key seen before answers with its first result, even though the stream has moved on since.
    if (idempotencyKey !== undefined && outcome.claimed === 0) {
      const previous = await this.findByIdempotencyKey(idempotencyKey);
      if (previous) return previous;
    }
    if (outcome.current_version !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, outcome.current_version);
    const stored = outcome.events.map((row) => toStoredEvent({ ...row, recorded_at: new Date(row.recorded_at) }));
    return { streamId, duplicate: false, events: stored, lastVersion: expectedVersion + stored.length };
  }

  /** The result of an earlier command with this idempotency key, if there was one. */
  async findByIdempotencyKey(key: string): Promise<AppendResult | null> {
    const [previous] = await preparedQuery<{ stream_id: string; first_version: number | null; last_version: number | null }>(
      this.dataSource,
      'event_store_find_key',
      'SELECT stream_id, first_version, last_version FROM idempotency_keys WHERE idempotency_key = $1',
      [key],
    );
    if (!previous) return null;
    const events =
      previous.first_version === null ? [] : await this.readStreamRange(previous.stream_id, previous.first_version, previous.last_version ?? 0);
    return { streamId: previous.stream_id, duplicate: true, events, lastVersion: previous.last_version ?? 0 };
  }

  /** The events of a stream from one version to another, inclusive: what a gap fill reads. */
  async readStreamRange(streamId: string, fromVersion: number, toVersion: number): Promise<StoredEvent[]> {
    const rows = await preparedQuery<EventRow>(
      this.dataSource,
      'event_store_read_range',
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version BETWEEN $2 AND $3 ORDER BY stream_version`,
      [streamId, fromVersion, toVersion],
    );
    return rows.map(toStoredEvent);
  }

  /**
   * The events of many streams, each from version 1 up to its own bound, in one query: what a
   * reader needs to fold folders it holds no state for. Grouped by stream, in version order.
   */
  async readStreamsUpTo(bounds: ReadonlyMap<string, number>): Promise<Map<string, StoredEvent[]>> {
    const byStream = new Map<string, StoredEvent[]>();
    if (bounds.size === 0) return byStream;
    const rows = await preparedQuery<EventRow>(
      this.dataSource,
      'event_store_read_streams_up_to',
      // LATERAL: one index range scan per stream, whatever the planner guesses of the list's size
      // (a plain join may hash the whole table with parallel workers).
      `SELECT e.* FROM unnest($1::text[], $2::integer[]) AS bound(bound_stream_id, to_version)
       CROSS JOIN LATERAL (
         SELECT ${EVENT_COLUMNS} FROM events
         WHERE events.stream_id = bound.bound_stream_id AND events.stream_version <= bound.to_version
         ORDER BY events.stream_version
       ) AS e
       ORDER BY e.stream_id, e.stream_version`,
      [[...bounds.keys()], [...bounds.values()]],
    );
    for (const row of rows) {
      const event = toStoredEvent(row);
      const own = byStream.get(event.stream_id);
      if (own) own.push(event);
      else byStream.set(event.stream_id, [event]);
    }
    return byStream;
  }

  /** Every event of a stream, in version order. */
  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const rows = await preparedQuery<EventRow>(
      this.dataSource,
      'event_store_read_stream',
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
    const rows = await preparedQuery<EventRow & { held_back: boolean }>(
      this.dataSource,
      'event_store_read_all',
      `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
       SELECT ${EVENT_COLUMNS}, (events.transaction_id >= horizon.xmin) AS held_back
       FROM events, horizon
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
       ORDER BY events.transaction_id, events.global_position
       LIMIT $3`,
      [checkpoint.transaction_id, checkpoint.global_position, limit],
    );
    const ready = rows.filter((row) => !row.held_back);
    // Rows are in transaction order, so the held-back ones all come after the ready ones.
    return {
      events: ready.map(({ held_back: _heldBack, ...row }) => toStoredEvent(row)),
      heldBack: ready.length < rows.length,
    };
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? error;
  const { code, constraint: violated } = driverError as { code?: string; constraint?: string };
  return code === UNIQUE_VIOLATION && violated === constraint;
}
