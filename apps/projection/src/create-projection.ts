import { EVENT_STORE_MIGRATIONS, openDatabase, PostgresEventStore } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaBatchConsumer, KafkaMessageProducer } from '@forensics/messaging';
import { FolderRowsRepository, READ_MODEL_MIGRATIONS } from '@forensics/read-model';
import { DeadLetters } from './dead-letters';
import { foldBatch } from './fold-batch';
import { GroupCommit } from './group-commit';
import { folderUpdatedChannel, readModelSwitchLock } from '@forensics/read-model';
import { ProjectionCache } from './projection-cache';
import type { ProjectionConfig } from './projection.config';
import { ProjectionMetrics } from './projection-metrics';

export type RunningProjection = Readonly<{
  metrics: ProjectionMetrics;
  stats: { events: number; batches: number };
  /** Messages on the topic the group has not committed yet. */
  lag: () => Promise<number>;
  /** Checks PostgreSQL and Kafka answer. */
  health: () => Promise<{ postgres: boolean; kafka: boolean }>;
  close: () => Promise<void>;
}>;

const jsonLog = (entry: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'projection', ...entry })}\n`);

/** Wires the projection: read-model and event-store connections, the consumer, dead letters. */
export async function createProjection(config: ProjectionConfig, log: (entry: Record<string, unknown>) => void = jsonLog): Promise<RunningProjection> {
  const readModel = await openDatabase({ url: config.databaseUrl, schema: config.readModelSchema, applicationName: 'projection', poolSize: config.concurrency + 2, migrations: READ_MODEL_MIGRATIONS });
  const eventStoreSource = await openDatabase({ url: config.databaseUrl, schema: config.eventStoreSchema, applicationName: 'projection-gap-fill', poolSize: 2, migrations: EVENT_STORE_MIGRATIONS });
  const kafka = createKafka({ brokers: config.brokers, clientId: `projection-${config.groupId}` });
  // Whoever starts first creates the topic: a consumer that subscribes to a topic that does not
  // exist yet fails (or, with auto-creation on, gets a topic with the broker's default partitions).
  await ensureTopic(kafka, config.topic, { partitions: config.partitions });
  await ensureTopic(kafka, config.deadLetterTopic, { partitions: 1 });
  const producer = await KafkaMessageProducer.connect(kafka);
  const consumer = await KafkaBatchConsumer.connect(kafka, {
    groupId: config.groupId,
    topic: config.topic,
    concurrency: config.concurrency,
    commitIntervalMs: config.commitIntervalMs,
  });
  const metrics = new ProjectionMetrics();
  const stats = { events: 0, batches: 0 };
  const rows = new FolderRowsRepository(readModel);
  const commitOptions = { sharedLock: readModelSwitchLock(config.readModelSchema), notifyChannel: folderUpdatedChannel(config.readModelSchema) };
  const deps = {
    rows,
    // 2,000 folders (about 13,000 rows) keep a statement's JSON to a few megabytes.
    groupCommit: new GroupCommit((writes) => rows.commit(writes, commitOptions), { inFlight: config.commitsInFlight, maxFolders: 2_000 }),
    eventStore: new PostgresEventStore(eventStoreSource),
    deadLetters: new DeadLetters(producer, config.deadLetterTopic),
    metrics,
    cache: new ProjectionCache(config.cacheFolders),
    log,
  };
  const rate = trackRate(metrics);
  await consumer.run(async (messages, { heartbeat }) => {
    await foldBatch(messages, deps);
    stats.events += messages.length;
    stats.batches += 1;
    await heartbeat();
  });
  log({ level: 'info', message: 'projection consuming', topic: config.topic, group: config.groupId, schema: config.readModelSchema });
  return {
    metrics,
    stats,
    lag: async () => {
      const lag = await consumer.lag(kafka);
      metrics.lag.set(lag);
      return lag;
    },
    health: async () => ({
      postgres: await readModel.query('SELECT 1').then(() => true, () => false),
      kafka: await consumer.lag(kafka).then(() => true, () => false),
    }),
    close: async () => {
      clearInterval(rate);
      await consumer.stop();
      await producer.disconnect();
      await readModel.destroy();
      await eventStoreSource.destroy();
    },
  };
}

/** Events applied per second over the last 10 s, as a gauge next to the counter. */
function trackRate(metrics: ProjectionMetrics): NodeJS.Timeout {
  const samples: number[] = [];
  const timer = setInterval(async () => {
    const total = (await metrics.eventsApplied.get()).values[0]?.value ?? 0;
    samples.push(total);
    if (samples.length > 11) samples.shift();
    metrics.eventsPerSecond.set(samples.length > 1 ? (total - (samples[0] ?? 0)) / (samples.length - 1) : 0);
  }, 1_000);
  timer.unref();
  return timer;
}
