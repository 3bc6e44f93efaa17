// Kill -9 the relay process while it publishes, start another: every event reaches Kafka
// (duplicates allowed), each folder's events keep their order, and nothing is skipped.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, type EventEnvelope, migrate, PostgresEventStore } from '@forensics/event-store';
import { isolatedSchema, recordTopic, startService, testInfra, uniqueName, waitFor, type ServiceProcess } from '@forensics/testing';

const FOLDERS = 24;
const VERSIONS_PER_FOLDER = 40;

describe('relay crash (kill -9) and restart', () => {
  const schema = isolatedSchema('it_relay_crash');
  const topic = uniqueName('it_crash_events');
  const env = {
    DATABASE_URL: testInfra.databaseUrl,
    EVENT_STORE_SCHEMA: schema.name,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    FOLDER_EVENTS_TOPIC: topic,
    FOLDER_EVENTS_PARTITIONS: '3',
    RELAY_BATCH_SIZE: '25',
    RELAY_METRICS_PORT: '0',
  };
  let dataSource: DataSource;
  let recorder: Awaited<ReturnType<typeof recordTopic>>;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    dataSource = createDataSource({ url: testInfra.databaseUrl, schema: schema.name });
    await dataSource.initialize();
    await migrate(dataSource);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await recorder?.stop();
    await dataSource.destroy();
    await schema.drop();
  });

  it('publishes every event, per-folder in order, across a crash', async () => {
    const store = new PostgresEventStore(dataSource);
    const folders = Array.from({ length: FOLDERS }, () => randomUUID());
    const appendAll = async () => {
      for (let version = 0; version < VERSIONS_PER_FOLDER; version++) {
        await Promise.all(
          folders.map((folder) =>
            store.append(folder, version, [
              { event_id: randomUUID(), type: 'MediaUploaded', schema_version: 1, data: { version: version + 1 }, metadata: {} },
            ]),
          ),
        );
      }
    };
    const first = startService('apps/relay/src/main.ts', env);
    processes.push(first);
    const appending = appendAll();
    recorder = await waitForTopic(topic);
    // Kill it while it has a backlog: events committed that it has not published yet.
    const stored = async () => Number((await dataSource.query('SELECT count(*) AS n FROM events'))[0].n);
    const backlog = await waitFor(
      async () => ({ stored: await stored(), published: recorder.messages.length }),
      ({ stored: s, published }) => published >= 150 && s > published,
      { timeoutMs: 30_000, intervalMs: 5, what: `the first relay to be publishing (log: ${first.output()})` },
    );
    await first.kill9();
    const publishedBeforeCrash = recorder.messages.length;
    expect(backlog.stored).toBeGreaterThan(backlog.published);

    const second = startService('apps/relay/src/main.ts', env);
    processes.push(second);
    await appending;
    const total = FOLDERS * VERSIONS_PER_FOLDER;
    const distinct = () => new Set(recorder.messages.map((m) => m.headers['event_id'])).size;
    await waitFor(distinct, (n) => n === total, { timeoutMs: 45_000, what: `all ${total} events (log: ${second.output()})` });

    expect(publishedBeforeCrash).toBeLessThan(total);
    for (const folder of folders) {
      const versions = recorder.messages.filter((m) => m.key === folder).map((m) => (JSON.parse(m.value) as EventEnvelope).stream_version);
      // A replay after the crash may repeat a tail already sent, but never skips or reorders:
      // the first time each version appears, it appears in order 1, 2, 3, ...
      const firstSeen = versions.filter((v, i) => versions.indexOf(v) === i);
      expect(firstSeen).toEqual(Array.from({ length: VERSIONS_PER_FOLDER }, (_, n) => n + 1));
      // Each step is the next version, or a step back where a replay starts: never a jump ahead.
      const jumpsAhead = versions.slice(1).filter((v, i) => v > versions[i]! + 1);
      expect(jumpsAhead).toEqual([]);
    }
  }, 120_000);
});

/** The relay creates the topic when it starts; subscribe once it exists. */
async function waitForTopic(topic: string) {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ brokers: [...testInfra.kafkaBrokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await waitFor(() => admin.listTopics(), (topics) => topics.includes(topic), { timeoutMs: 30_000, what: `topic ${topic}` });
  await admin.disconnect();
  return recordTopic(topic);
}
