import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { testInfra, waitFor } from '@forensics/testing';
import { eventStoreFixture } from '../test/event-store-fixture';
import { ConcurrencyError, type NewEvent, type PostgresEventStore, START_CHECKPOINT, checkpointOf } from './index';

const event = (type: string, data: object = {}): NewEvent => ({
  event_id: randomUUID(),
  type,
  schema_version: 1,
  data,
  metadata: { correlation_id: 'request-1' },
});

describe('PostgresEventStore', () => {
  let fixture: Awaited<ReturnType<typeof eventStoreFixture>>;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    fixture = await eventStoreFixture('it_event_store');
    ({ dataSource } = fixture);
    ({ store } = fixture);
  });

  afterAll(() => fixture.close());

  const stream = () => `folder-${randomUUID()}`;

  it('runs on connections that use generic plans from the first execution, and the append still uses the stream index', async () => {
    expect(await dataSource.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'force_generic_plan' }]);
    const id = stream();
    await store.append(id, 0, [event('FolderCreated')]);
    const [plan] = (await dataSource.query(`EXPLAIN SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1`, [id])) as { 'QUERY PLAN': string }[];
    expect(JSON.stringify(plan)).not.toMatch(/Seq Scan/);
  });

  it('appends several events atomically and reads the stream back in version order', async () => {
    const id = stream();
    const first = await store.append(id, 0, [event('FolderCreated', { folder_id: id }), event('MediaUploaded', { n: 1 })]);
    await store.append(id, 2, [event('MediaUploaded', { n: 2 })]);
    expect(first).toMatchObject({ duplicate: false, lastVersion: 2 });
    const read = await store.readStream(id);
    expect(read.map((e) => [e.stream_version, e.type, e.data])).toEqual([
      [1, 'FolderCreated', { folder_id: id }],
      [2, 'MediaUploaded', { n: 1 }],
      [3, 'MediaUploaded', { n: 2 }],
    ]);
    expect(typeof read[0]?.global_position).toBe('number');
    expect(read[0]?.recorded_at).toBeInstanceOf(Date);
  });

  it('reads many streams at once, each up to its own version, and nothing of streams it was not asked for', async () => {
    const [a, b, c] = [stream(), stream(), stream()];
    for (const id of [a, b, c]) await store.append(id, 0, [event('FolderCreated'), event('MediaUploaded'), event('MediaUploaded')]);
    const read = await store.readStreamsUpTo(new Map([[a, 3], [b, 1], [stream(), 2]]));
    expect([...read.keys()].sort()).toEqual([a, b].sort());
    expect(read.get(a)?.map((e) => e.stream_version)).toEqual([1, 2, 3]);
    expect(read.get(b)?.map((e) => [e.stream_version, e.type])).toEqual([[1, 'FolderCreated']]);
    expect(read.has(c)).toBe(false);
    expect((await store.readStreamsUpTo(new Map())).size).toBe(0);
  });

  it('refuses an append at the wrong expected version with a typed error, and writes none of it', async () => {
    const id = stream();
    await store.append(id, 0, [event('FolderCreated')]);
    const error = await store.append(id, 0, [event('FolderCreated'), event('MediaUploaded')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: id, expectedVersion: 0, actualVersion: 1 });
    await expect(store.append(id, 5, [event('MediaUploaded')])).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent appends at the same version win', async () => {
    const id = stream();
    await store.append(id, 0, [event('FolderCreated')]);
    const results = await Promise.allSettled([
      store.append(id, 1, [event('MediaUploaded', { by: 'a' })]),
      store.append(id, 1, [event('MediaUploaded', { by: 'b' })]),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(id)).map((e) => e.stream_version)).toEqual([1, 2]);
  });

  it('appends nothing for a repeated idempotency key and answers with the first result', async () => {
    const id = stream();
    const first = await store.append(id, 0, [event('FolderCreated')], { idempotencyKey: `req-${id}` });
    const again = await store.append(id, 0, [event('FolderCreated')], { idempotencyKey: `req-${id}` });
    expect(again).toMatchObject({ duplicate: true, lastVersion: 1 });
    expect(again.events.map((e) => e.event_id)).toEqual(first.events.map((e) => e.event_id));
    expect(await store.readStream(id)).toHaveLength(1);
    expect(await store.findByIdempotencyKey(`req-${id}`)).toMatchObject({ duplicate: true, streamId: id });
    expect(await store.findByIdempotencyKey('never-seen')).toBeNull();
  });

  it('keeps events immutable', async () => {
    const id = stream();
    await store.append(id, 0, [event('FolderCreated')]);
    await expect(dataSource.query('UPDATE events SET type = $1 WHERE stream_id = $2', ['Changed', id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM events WHERE stream_id = $1', [id])).rejects.toThrow(/append-only/);
  });

  it('reads all events after a checkpoint, in commit-safe order', async () => {
    const { events: before } = await store.readAllAfter(START_CHECKPOINT, 10_000);
    const checkpoint = before.length > 0 ? checkpointOf(before[before.length - 1]!) : START_CHECKPOINT;
    const a = stream();
    const b = stream();
    await store.append(a, 0, [event('FolderCreated'), event('MediaUploaded')]);
    await store.append(b, 0, [event('FolderCreated')]);
    const after = await store.readAllAfter(checkpoint, 100);
    expect(after.heldBack).toBe(false);
    expect(after.events.map((e) => [e.stream_id, e.stream_version])).toEqual([[a, 1], [a, 2], [b, 1]]);
    expect((await store.readAllAfter(checkpointOf(after.events[1]!), 100)).events.map((e) => e.stream_id)).toEqual([b]);
  });

  it('holds back later commits while a transaction that took an earlier position is still open', async () => {
    const { events: before } = await store.readAllAfter(START_CHECKPOINT, 100_000);
    const checkpoint = before.length > 0 ? checkpointOf(before[before.length - 1]!) : START_CHECKPOINT;
    const slow = new Client({ connectionString: testInfra.databaseUrl, options: `-c search_path=${fixture.schema.name}` });
    await slow.connect();
    try {
      const slowStream = stream();
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
         VALUES ($1, $2, 1, 'FolderCreated', 1, '{}', '{}')`,
        [randomUUID(), slowStream],
      );
      const fast = stream();
      await store.append(fast, 0, [event('FolderCreated')]);

      const whileOpen = await store.readAllAfter(checkpoint, 100);
      expect(whileOpen).toEqual({ events: [], heldBack: true });

      await slow.query('COMMIT');
      const afterCommit = await store.readAllAfter(checkpoint, 100);
      expect(afterCommit.events.map((e) => e.stream_id)).toEqual([slowStream, fast]);
      expect(afterCommit.events[0]!.global_position).toBeLessThan(afterCommit.events[1]!.global_position);
    } finally {
      await slow.end();
    }
  });

  describe('an idempotency key held by a transaction still open', () => {
    const holdKey = async (key: string, stream: string) => {
      const holder = new Client({ connectionString: testInfra.databaseUrl, options: `-c search_path=${fixture.schema.name}` });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('INSERT INTO idempotency_keys (idempotency_key, stream_id, first_version, last_version) VALUES ($1, $2, 1, 1)', [key, stream]);
      await holder.query(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata) VALUES ($1, $2, 1, 'FolderCreated', 1, '{}', '{}')`,
        [randomUUID(), stream],
      );
      return holder;
    };
    /** Until the append really waits on the holder's lock: PostgreSQL lists the holder as its blocker. */
    const blockedBy = async (holder: Client) => {
      const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')).rows;
      await waitFor(
        async () => Number((await dataSource.query('SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]))[0].n),
        (n) => n > 0,
        { what: 'the append to wait on the held key' },
      );
    };

    it('makes a second append with that key wait, then answer as a duplicate when the holder commits', async () => {
      const id = stream();
      const holder = await holdKey(`held-${id}`, id);
      try {
        const waiting = store.append(id, 0, [event('FolderCreated')], { idempotencyKey: `held-${id}` });
        await blockedBy(holder);
        await holder.query('COMMIT');
        const result = await waiting;
        expect(result).toMatchObject({ duplicate: true, lastVersion: 1 });
        expect(await store.readStream(id)).toHaveLength(1);
      } finally {
        await holder.end();
      }
    });

    it('lets the waiting append go through when the holder rolls back', async () => {
      const id = stream();
      const holder = await holdKey(`held-${id}`, id);
      try {
        const waiting = store.append(id, 0, [event('FolderCreated')], { idempotencyKey: `held-${id}` });
        await blockedBy(holder);
        await holder.query('ROLLBACK');
        expect(await waiting).toMatchObject({ duplicate: false, lastVersion: 1 });
        expect(await store.readStream(id)).toHaveLength(1);
      } finally {
        await holder.end();
      }
    });
  });
});
