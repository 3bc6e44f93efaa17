import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, type EventEnvelope, migrate, type NewEvent, PostgresEventStore, type StoredEvent } from '@forensics/event-store';
import { isolatedSchema, recordTopic, testInfra, uniqueName, waitFor } from '@forensics/testing';
import { createRelay, type RunningRelay } from './create-relay';
import type { RelayConfig } from './relay.config';

const event = (type: string, occurred_at = '2026-11-22T10:00:00.000Z'): NewEvent => ({
  event_id: randomUUID(),
  type,
  schema_version: 1,
  data: { note: type },
  metadata: { occurred_at, user_id: 'user-1', company_id: 'company-a', correlation_id: 'request-1' },
});

describe('relay', () => {
  const schema = isolatedSchema('it_relay');
  const topic = uniqueName('it_folder_events');
  const config: RelayConfig = { databaseUrl: testInfra.databaseUrl, schema: schema.name, brokers: testInfra.kafkaBrokers, topic, partitions: 3, batchSize: 100, name: 'relay', metrics: { host: '127.0.0.1', port: 0 } };
  /** What the relays logged, as entries. */
  const logged: Record<string, unknown>[] = [];
  const metricsOf = async (running: RunningRelay) => (await fetch(`${running.metricsServer.url}/metrics`)).text();
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let recorder: Awaited<ReturnType<typeof recordTopic>>;
  const relays: RunningRelay[] = [];
  const publishOrder: string[] = [];

  const startRelay = async (name = 'relay'): Promise<RunningRelay> => {
    const running = await createRelay({ ...config, name }, { log: (entry) => logged.push(entry), onPublished: (events) => publishOrder.push(...events.map((e) => e.event_id)) });
    relays.push(running);
    void running.relay.run().catch(() => undefined);
    return running;
  };
  const published = () => recorder.messages.map((m) => JSON.parse(m.value) as EventEnvelope);
  const publishedIds = () => new Set(published().map((e) => e.event_id));

  beforeAll(async () => {
    dataSource = createDataSource({ url: testInfra.databaseUrl, schema: schema.name });
    await dataSource.initialize();
    await migrate(dataSource);
    store = new PostgresEventStore(dataSource);
    const first = await startRelay();
    await waitFor(() => first.relay.stats.leading, Boolean, { what: 'the first relay to lead' });
    recorder = await recordTopic(topic);
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await Promise.all(relays.map((r) => r.close()));
    await dataSource.destroy();
    await schema.drop();
  });

  it('publishes every committed event keyed by folder id, with the envelope, in version order per folder', async () => {
    const folders = [randomUUID(), randomUUID(), randomUUID()];
    const appended: StoredEvent[] = [];
    for (let version = 0; version < 4; version++) {
      for (const folder of folders) appended.push(...(await store.append(folder, version, [event(version === 0 ? 'FolderCreated' : 'MediaUploaded')])).events);
    }
    await waitFor(() => appended.filter((e) => publishedIds().has(e.event_id)).length, (n) => n === appended.length, { what: 'all events on the topic' });
    for (const folder of folders) {
      const own = recorder.messages.filter((m) => m.key === folder);
      expect(new Set(own.map((m) => m.partition)).size).toBe(1);
      expect(own.map((m) => (JSON.parse(m.value) as EventEnvelope).stream_version)).toEqual([1, 2, 3, 4]);
    }
    const sample = recorder.messages.find((m) => m.key === folders[0]) ?? null;
    expect(sample?.headers).toEqual({ type: 'FolderCreated', schema_version: '1', event_id: expect.any(String) });
    expect(JSON.parse(sample?.value ?? '{}')).toEqual({
      event_id: sample?.headers['event_id'],
      type: 'FolderCreated',
      schema_version: 1,
      stream_id: folders[0],
      stream_version: 1,
      global_position: expect.any(Number),
      occurred_at: '2026-11-22T10:00:00.000Z',
      recorded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      company_id: 'company-a',
      user_id: 'user-1',
      correlation_id: 'request-1',
      causation_id: null,
      data: { note: 'FolderCreated' },
    });
  });

  it('logs each published Kafka request with the correlation ids it carried, and counts the events on its metrics port', async () => {
    const running = relays[0] as RunningRelay;
    const correlationId = randomUUID();
    const appended = (await store.append(randomUUID(), 0, [{ ...event('FolderCreated'), metadata: { ...event('FolderCreated').metadata, correlation_id: correlationId } }])).events;

    await waitFor(() => publishedIds().has(appended[0]!.event_id), Boolean, { what: 'the event on the topic' });

    expect(logged).toContainEqual(expect.objectContaining({ level: 'info', message: 'published', topic, correlation_ids: [correlationId] }));
    const metrics = await metricsOf(running);
    expect(Number(/^relay_events_published_total (\d+)$/m.exec(metrics)?.[1])).toBe(running.relay.stats.published);
    expect(metrics).toMatch(/^relay_publish_batch_seconds_count [1-9]\d*$/m);
    expect(metrics).toMatch(/^relay_leading 1$/m);
    expect(metrics).toMatch(/^relay_lag_events 0$/m);
    expect(metrics).toMatch(/^process_resident_memory_bytes [1-9]/m);
  });

  it('wakes on the commit notification instead of polling', async () => {
    const running = relays[0] as RunningRelay;
    await waitFor(() => running.relay.stats.published, (n) => n > 0);
    const idleCycles = running.relay.stats.cycles;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Idle, the relay reads no more than its 5 s safety net allows: once at most.
    expect(running.relay.stats.cycles - idleCycles).toBeLessThanOrEqual(1);
    const { events } = await store.append(randomUUID(), 0, [event('FolderCreated')]);
    await waitFor(() => publishedIds().has(events[0]!.event_id), Boolean, { timeoutMs: 2_000, what: 'the event, well before the 5 s safety poll' });
  });

  const savedCheckpoint = async (): Promise<number> =>
    Number(((await dataSource.query(`SELECT global_position::text AS position FROM checkpoints WHERE name = 'relay'`)) as { position: string }[])[0]?.position ?? 0);

  it('after sending all there was, reads again only on the next commit, and saves its checkpoint once no commit came for a moment', async () => {
    const running = relays[0] as RunningRelay;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cycles = running.relay.stats.cycles;
    const { events } = await store.append(randomUUID(), 0, [event('FolderCreated')]);
    const sent = events[0] as StoredEvent;
    await waitFor(() => publishedIds().has(sent.event_id), Boolean, { what: 'the event on the topic' });
    await waitFor(savedCheckpoint, (position) => position === sent.global_position, { timeoutMs: 2_000, what: 'the checkpoint saved once quiet' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One read, which found the event: no second read to find nothing.
    expect(running.relay.stats.cycles - cycles).toBe(1);
  });

  it('under commits that never pause, still saves its checkpoint, at least once a second', async () => {
    const before = await savedCheckpoint();
    let appending = true;
    let last = 0;
    const load = (async () => {
      while (appending) {
        last = (await store.append(randomUUID(), 0, [event('FolderCreated')])).events[0]!.global_position;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      await waitFor(savedCheckpoint, (position) => position > before, { timeoutMs: 5_000, intervalMs: 50, what: 'a checkpoint saved while the commits go on' });
    } finally {
      appending = false;
      await load;
    }
    expect(last).toBeGreaterThan(before);
  });

  it('publishes an event whose transaction took an earlier position but committed later', async () => {
    const running = relays[0] as RunningRelay;
    const slow = new Client({ connectionString: testInfra.databaseUrl, options: `-c search_path=${schema.name}` });
    await slow.connect();
    try {
      const slowFolder = randomUUID();
      const slowEventId = randomUUID();
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
         VALUES ($1, $2, 1, 'FolderCreated', 1, '{}', '{}') RETURNING global_position`,
        [slowEventId, slowFolder],
      );
      const fast = (await store.append(randomUUID(), 0, [event('FolderCreated')])).events[0]!;
      // Let the relay read the store a few times while the slow transaction is still open.
      const cycles = running.relay.stats.cycles;
      await waitFor(() => running.relay.stats.cycles, (n) => n >= cycles + 3, { what: 'the relay to look again' });
      // Committed and held back: the relay is behind by that event, and its metrics say so.
      expect(await metricsOf(running)).toMatch(/^relay_lag_events [1-9]\d*$/m);
      await slow.query('COMMIT');
      await waitFor(() => publishedIds(), (ids) => ids.has(slowEventId) && ids.has(fast.event_id), { what: 'both events on the topic' });
      // The earlier transaction's event went out first: the later one waited for it.
      expect(publishOrder.indexOf(slowEventId)).toBeLessThan(publishOrder.indexOf(fast.event_id));
    } finally {
      await slow.end();
    }
  });

  it('lets one relay lead; a standby takes over when the leader stops', async () => {
    const leader = relays[0] as RunningRelay;
    const standby = await startRelay();
    const before = (await store.append(randomUUID(), 0, [event('FolderCreated')])).events[0]!;
    await waitFor(() => publishedIds().has(before.event_id), Boolean);
    expect(standby.relay.stats).toMatchObject({ leading: false, published: 0 });
    expect(await metricsOf(standby)).toMatch(/^relay_leading 0$/m);

    await leader.close();
    await waitFor(() => standby.relay.stats.leading, Boolean, { what: 'the standby to take over' });
    const after = (await store.append(randomUUID(), 0, [event('FolderCreated')])).events[0]!;
    await waitFor(() => publishedIds().has(after.event_id), Boolean, { what: 'the standby to publish' });
    // It resumed from the shared checkpoint: nothing the leader had published is sent again.
    expect(published().filter((e) => e.event_id === before.event_id)).toHaveLength(1);
  });

  /** The session that holds this relay's lock, found by the lock's key, as an operator would. */
  const lockHolder = async (admin: Client): Promise<{ pid: number }> =>
    (
      await admin.query(
        `SELECT l.pid FROM pg_locks l, (SELECT hashtextextended($1, 0) AS k) AS lock_key
         WHERE l.locktype = 'advisory' AND l.granted
           AND l.classid::bigint = ((lock_key.k >> 32) & 4294967295) AND l.objid::bigint = (lock_key.k & 4294967295)`,
        [`relay:${schema.name}:${topic}`],
      )
    ).rows[0];

  it('stops a leader whose database session dies, and the standby takes over', async () => {
    const leader = relays.find((r) => r.relay.stats.leading) as RunningRelay;
    const standby = await startRelay();
    const admin = new Client({ connectionString: testInfra.databaseUrl });
    await admin.connect();
    try {
      const holder = await lockHolder(admin);
      expect(holder).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [holder.pid]);
    } finally {
      await admin.end();
    }
    await waitFor(() => leader.relay.stats.leading, (leading) => !leading, { what: 'the old leader to stop' });
    await waitFor(() => standby.relay.stats.leading, Boolean, { what: 'the standby to take over' });
    const after = (await store.append(randomUUID(), 0, [event('FolderCreated')])).events[0]!;
    await waitFor(() => publishedIds().has(after.event_id), Boolean, { what: 'the new leader to publish' });
  });

  it('stops a leader whose lock session stops answering (a hung or silently lost connection), within seconds, not the minutes TCP takes', async () => {
    const leader = relays.find((r) => r.relay.stats.leading) as RunningRelay;
    const admin = new Client({ connectionString: testInfra.databaseUrl });
    await admin.connect();
    let stopped: number | null = null;
    try {
      const holder = await lockHolder(admin);
      expect(holder).toBeDefined();
      // The server process of that session stops answering, as behind a dead network path.
      process.kill(holder.pid, 'SIGSTOP');
      stopped = holder.pid;
      const since = Date.now();
      await waitFor(() => leader.relay.stats.leading, (leading) => !leading, { timeoutMs: 20_000, what: 'the leader to give up' });
      // A check every 2 s, given up after 6 s: 6 to 8 s, with room for a slow host.
      expect(Date.now() - since).toBeLessThan(12_000);
    } finally {
      if (stopped !== null) process.kill(stopped, 'SIGCONT');
      await admin.end();
    }
  });
});
