import {
  assertTransactionIdsAhead,
  CheckpointStore,
  openDatabase,
  oldestRunningTransaction,
  PostgresEventStore,
  type StoredEvent,
} from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer } from '@forensics/messaging';
import { jsonLog, type Log, type MetricsServer, startMetricsServer } from '@forensics/observability';
import { CommitNotifications } from './commit-notifications';
import { LeaderLock } from './leader-lock';
import { Relay } from './relay';
import type { RelayConfig } from './relay.config';
import { unpublishedAfter } from './relay-lag';
import { RelayMetrics } from './relay-metrics';

export type RunningRelay = Readonly<{ relay: Relay; metrics: RelayMetrics; metricsServer: MetricsServer; close: () => Promise<void> }>;

/** Wires a relay from its configuration: database, topic, producer, lock, notifications and metrics. */
export async function createRelay(
  config: RelayConfig,
  hooks: { onPublished?: (events: readonly StoredEvent[]) => void; log?: Log } = {},
): Promise<RunningRelay> {
  const log = hooks.log ?? jsonLog('relay');
  const dataSource = await openDatabase({ url: config.databaseUrl, schema: config.schema, applicationName: 'relay', poolSize: 2, genericPlans: true });
  const kafka = createKafka({ brokers: config.brokers, clientId: `relay-${config.name}` });
  await ensureTopic(kafka, config.topic, { partitions: config.partitions });
  const producer = await KafkaMessageProducer.connect(kafka);
  const store = new PostgresEventStore(dataSource);
  const metrics = new RelayMetrics();
  const relay = new Relay(
    {
      store,
      checkpoints: new CheckpointStore(dataSource),
      producer,
      notifications: new CommitNotifications(config.databaseUrl, store.channel),
      // One leader per event store and topic, whatever the instances are named.
      lock: new LeaderLock(config.databaseUrl, `relay:${config.schema}:${config.topic}`),
      checkTransactionIds: (checkpoint) => assertTransactionIdsAhead(dataSource, checkpoint),
      blockingTransaction: () => oldestRunningTransaction(dataSource),
      log,
      metrics,
      ...(hooks.onPublished ? { onPublished: hooks.onPublished } : {}),
    },
    { name: config.name, topic: config.topic, batchSize: config.batchSize, idleWaitMs: 5_000, heldBackWaitMs: 1, checkpointQuietMs: 50, checkpointMaxAgeMs: 1_000 },
  );
  const metricsServer = await startMetricsServer({
    registry: metrics.registry,
    endpoint: config.metrics,
    log,
    beforeScrape: async () => {
      // A standby publishes nothing and is behind on nothing: the leader reports the lag.
      const lag = relay.position ? await unpublishedAfter(dataSource, relay.position) : { events: 0, oldestSeconds: 0 };
      metrics.lagEvents.set(lag.events);
      metrics.lagSeconds.set(lag.oldestSeconds);
    },
    health: async () => {
      const postgres = await dataSource.query('SELECT 1').then(() => true, () => false);
      return { ok: postgres, postgres, leading: relay.stats.leading };
    },
  });
  let closing: Promise<void> | null = null;
  const close = async () => {
    await relay.stop();
    await metricsServer.close();
    await producer.disconnect();
    await dataSource.destroy();
  };
  return { relay, metrics, metricsServer, close: () => (closing ??= close()) };
}
