import { EVENT_STORE_MIGRATIONS, openDatabase, PostgresEventStore } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaBatchConsumer, KafkaMessageProducer, stopProcessOnConsumerLoss } from '@forensics/messaging';
import { jsonLog, type Log, type MetricsServer, startMetricsServer, trackRate } from '@forensics/observability';
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
  /** `/metrics` and `/health` on the configured endpoint. */
  metricsServer: MetricsServer;
  stats: { events: number; batches: number };
  /** Messages on the topic the group has not committed yet. */
  lag: () => Promise<number>;
  /** Checks PostgreSQL and Kafka answer. */
  health: () => Promise<{ postgres: boolean; kafka: boolean }>;
  close: () => Promise<void>;
}>;

/** Wires the projection: read-model and event-store connections, the consumer, dead letters. */
export async function createProjection(config: ProjectionConfig, log: Log = jsonLog('projection')): Promise<RunningProjection> {
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
    onLost: stopProcessOnConsumerLoss(log),
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
  const lag = async () => {
    const messages = await consumer.lag(kafka);
    metrics.lag.set(messages);
    return messages;
  };
  const health = async () => ({
    postgres: await readModel.query('SELECT 1').then(() => true, () => false),
    kafka: consumer.consuming() && (await consumer.lag(kafka).then(() => true, () => false)),
  });
  // Served before consuming starts: a port already taken stops the service before it does any work.
  const metricsServer = await startMetricsServer({
    registry: metrics.registry,
    endpoint: config.metrics,
    log,
    beforeScrape: lag,
    health: async () => {
      const answers = await health();
      return { ok: answers.postgres && answers.kafka, ...answers, lag: await lag().catch(() => null) };
    },
  });
  const stopRate = trackRate(metrics.eventsApplied, metrics.eventsPerSecond, 10);
  await consumer.run(async (messages, { heartbeat }) => {
    await foldBatch(messages, deps);
    stats.events += messages.length;
    stats.batches += 1;
    await heartbeat();
  });
  log({ level: 'info', message: 'projection consuming', topic: config.topic, group: config.groupId, schema: config.readModelSchema });
  return {
    metrics,
    metricsServer,
    stats,
    lag,
    health,
    close: async () => {
      stopRate();
      await metricsServer.close();
      await consumer.stop();
      await producer.disconnect();
      await readModel.destroy();
      await eventStoreSource.destroy();
    },
  };
}
