import { createDataSource, EVENT_STORE_MIGRATIONS, openDatabase, PostgresEventStore } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaBatchConsumer, stopProcessOnConsumerLoss } from '@forensics/messaging';
import { FolderRowsRepository, READ_MODEL_MIGRATIONS } from '@forensics/read-model';
import { jsonLog, type Log, type MetricsServer, startMetricsServer } from '@forensics/observability';
import { CompanySecrets, DeliveriesRepository, WEBHOOK_MIGRATIONS } from '@forensics/webhooks';
import { deliveriesOfBatch } from './deliveries-of-batch';
import { DispatcherMetrics } from './dispatcher-metrics';
import type { WebhookDispatcherConfig } from './webhook-dispatcher.config';
import { startPruning } from './prune-deliveries';
import { WebhookSender } from './webhook-sender';

export type RunningDispatcher = Readonly<{
  deliveries: DeliveriesRepository;
  metrics: DispatcherMetrics;
  metricsServer: MetricsServer;
  close: () => Promise<void>;
}>;

/** Wires the dispatcher: its tables, the event store and read model it reads, the consumer and the sender. */
export async function createDispatcher(
  config: WebhookDispatcherConfig,
  log: Log = jsonLog('webhook-dispatcher'),
  /** `resolve`: name resolution for target checks and connections (tests play DNS answers that change). */
  { resolve }: Readonly<{ resolve?: (host: string) => Promise<string[]> }> = {},
): Promise<RunningDispatcher> {
  const webhooks = await openDatabase({ url: config.databaseUrl, schema: config.webhookSchema, applicationName: 'webhook-dispatcher', poolSize: 6, migrations: WEBHOOK_MIGRATIONS });
  const events = createDataSource({ url: config.databaseUrl, schema: config.eventStoreSchema, applicationName: 'webhook-dispatcher-events', poolSize: 2, migrations: EVENT_STORE_MIGRATIONS });
  const reads = createDataSource({ url: config.databaseUrl, schema: config.readModelSchema, applicationName: 'webhook-dispatcher-reads', poolSize: 4, migrations: READ_MODEL_MIGRATIONS });
  await Promise.all([events.initialize(), reads.initialize()]);
  const eventStore = new PostgresEventStore(events);
  const deliveries = new DeliveriesRepository(webhooks);
  const metrics = new DispatcherMetrics();
  const sender = new WebhookSender(
    deliveries,
    new CompanySecrets(webhooks),
    new FolderRowsRepository(reads),
    { publicBaseUrl: config.publicBaseUrl, maxAttempts: config.maxAttempts, timeoutMs: config.timeoutMs, allowPrivateTargets: config.allowPrivateTargets, backoff: { baseMs: config.backoffBaseMs, capMs: config.backoffCapMs }, pollMs: config.pollMs, ...(resolve ? { resolve } : {}) },
    metrics,
    log,
  );
  const kafka = createKafka({ brokers: config.brokers, clientId: `webhook-dispatcher-${config.groupId}` });
  // Whoever starts first creates the topic; subscribing to a missing one fails.
  await ensureTopic(kafka, config.topic, { partitions: config.partitions });
  // Offsets are committed once a second, not after every batch: a delivery row is keyed by its
  // event, so a batch delivered again after a crash records nothing twice, and a request's events
  // no longer cost a commit round trip to Kafka each, at the moment the projection needs the broker.
  const consumer = await KafkaBatchConsumer.connect(kafka, { groupId: config.groupId, topic: config.topic, concurrency: 2, commitIntervalMs: 1_000, gatherMs: config.gatherMs, onLost: stopProcessOnConsumerLoss(log) });
  // The offsets are committed after the handler resolves, so only after the rows are in.
  await consumer.run(async (messages, { heartbeat }) => {
    const added = await deliveries.insert(await deliveriesOfBatch(messages, { eventStore, allowPrivateTargets: config.allowPrivateTargets, log, heartbeat, ...(resolve ? { resolve } : {}) }));
    for (const d of added) {
      metrics.recorded.inc({ reason: d.reason });
      if (d.refused !== undefined) metrics.deliveries.inc({ outcome: 'refused' });
      log({ level: 'info', message: 'webhook delivery recorded', event_id: d.event_id, folder_id: d.folder_id, correlation_id: d.correlation_id, reason: d.reason, status: d.refused === undefined ? 'PENDING' : 'FAILED' });
    }
    if (added.length > 0) sender.wake();
    await heartbeat();
  });
  sender.start();
  const pruner = startPruning(deliveries, config.retentionDays, log);
  const metricsServer = await startMetricsServer({
    registry: metrics.registry,
    endpoint: config.metrics,
    log,
    beforeScrape: async () => {
      const backlog = await deliveries.backlog();
      metrics.pending.set(backlog.pending);
      metrics.oldestPendingSeconds.set(backlog.oldestSeconds);
    },
    health: async () => {
      const postgres = await webhooks.query('SELECT 1').then(() => true, () => false);
      return { ok: postgres && consumer.consuming(), postgres, consuming: consumer.consuming() };
    },
  });
  log({ level: 'info', message: 'webhook dispatcher consuming', topic: config.topic, group: config.groupId, schema: config.webhookSchema });
  return {
    deliveries,
    metrics,
    metricsServer,
    close: async () => {
      await consumer.stop();
      pruner.stop();
      await sender.stop();
      await metricsServer.close();
      await Promise.all([webhooks.destroy(), events.destroy(), reads.destroy()]);
    },
  };
}
