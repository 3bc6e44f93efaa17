import { loadAnalyzers } from '@forensics/analyzers';
import { BlobStore } from '@forensics/blob-store';
import { DomainError, evolve, type FolderEvent, initialFolderState } from '@forensics/domain';
import { EVENT_STORE_MIGRATIONS, openDatabase, PostgresEventStore } from '@forensics/event-store';
import { createKafka, ensureTopic, type IncomingMessage, KafkaWorkConsumer, stopProcessOnConsumerLoss } from '@forensics/messaging';
import { jsonLog, type Log, type MetricsServer, startMetricsServer, trackRate } from '@forensics/observability';
import { parseEnvelope } from '@forensics/read-model';
import { pendingJobs } from './analysis-jobs';
import type { AnalysisWorkerConfig } from './analysis-worker.config';
import { ConcurrencyLimit } from './concurrency-limit';
import { observeAnalysis } from './observe-analysis';
import { type JobDependencies, type KnownStream, runJob } from './run-job';
import { WorkerMetrics } from './worker-metrics';

export type RunningWorker = Readonly<{
  /** Analyses running right now. */
  running: () => number;
  metrics: WorkerMetrics;
  /** `/metrics` and `/health` on the configured endpoint. */
  metricsServer: MetricsServer;
  close: () => Promise<void>;
}>;

/** Wires the worker: the event store, the blob store, the face models and the consumer. */
export async function createWorker(config: AnalysisWorkerConfig, log: Log = jsonLog('analysis-worker')): Promise<RunningWorker> {
  const dataSource = await openDatabase({ url: config.databaseUrl, schema: config.eventStoreSchema, applicationName: 'analysis-worker', poolSize: config.concurrency + 2, migrations: EVENT_STORE_MIGRATIONS, genericPlans: true });
  const eventStore = new PostgresEventStore(dataSource);
  const analyzers = await loadAnalyzers({ maxAttempts: config.maxAttempts });
  const deps: JobDependencies = {
    eventStore,
    blobs: new BlobStore({ root: config.blobDir }),
    analyze: (request) => analyzers.analyze(request),
    outputUrlBase: '/api/output-images',
    now: () => new Date().toISOString(),
  };
  const limit = new ConcurrencyLimit(config.concurrency);
  const metrics = new WorkerMetrics();
  // Served before the consumer exists: until then it is not consuming either.
  let consuming = (): boolean => false;
  const metricsServer = await startMetricsServer({
    registry: metrics.registry,
    endpoint: config.metrics,
    log,
    beforeScrape: async () => metrics.running.set(limit.running),
    health: async () => {
      const postgres = await dataSource.query('SELECT 1').then(() => true, () => false);
      return { ok: postgres && consuming(), postgres, consuming: consuming(), running: limit.running };
    },
  });
  const stopRate = trackRate(metrics.analyses, metrics.perMinute, 60, 60);
  const kafka = createKafka({ brokers: config.brokers, clientId: `analysis-worker-${config.groupId}` });
  // Groups in hand at most: enough to keep every analysis slot busy, few enough to hand the rest
  // of a partition to another member.
  // Whoever starts first creates the topic; subscribing to a missing one fails.
  await ensureTopic(kafka, config.topic, { partitions: config.partitions });
  const consumer = await KafkaWorkConsumer.connect(kafka, { groupId: config.groupId, topic: config.topic, maxInFlight: config.concurrency * 2, log, onLost: stopProcessOnConsumerLoss(log) });
  consuming = consumer.consuming;

  const handle = async (message: IncomingMessage): Promise<void> => {
    // The relay names the type in a header: everything but a submitted group is skipped unread.
    if (message.headers['type'] !== undefined && message.headers['type'] !== 'AnalysisGroupSubmitted') return;
    const parsed = parseEnvelope(message.value ?? '');
    if (!parsed.ok) {
      log({ level: 'warn', message: 'skipped a message that is not a readable event (the projection dead-letters it)', reason: parsed.reason, partition: message.partition, offset: message.offset });
      return;
    }
    const { envelope } = parsed;
    if (envelope.type !== 'AnalysisGroupSubmitted') return;
    // The stream as it is now: analyses recorded since (by this worker before a crash, or by
    // another) are not run again.
    const history = await eventStore.readStream(envelope.stream_id);
    const state = history.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }) as FolderEvent).reduce(evolve, initialFolderState());
    const jobs = pendingJobs(envelope.data, envelope.stream_id, state);
    const known: KnownStream = { events: history };
    // Every job ends before the message does: a retry or a redelivery never runs one still running.
    const ended = await Promise.allSettled(
      jobs.map((job) =>
        limit.run(() => observeAnalysis(job, envelope.correlation_id, () => runJob(job, envelope.correlation_id, deps, known), { metrics, log })),
      ),
    );
    const retryable = ended.flatMap((end) => (end.status === 'rejected' && !(end.reason instanceof DomainError) ? [end.reason as unknown] : []));
    // A refusal by the folder's rules (its analysis is not there) is final: retrying cannot change it.
    for (const end of ended) if (end.status === 'rejected' && end.reason instanceof DomainError) log({ level: 'error', message: 'analysis result refused; not retried', folder_id: envelope.stream_id, error: end.reason.message });
    if (retryable.length > 0) throw retryable[0];
  };
  await consumer.run(handle);
  log({ level: 'info', message: 'analysis worker consuming', topic: config.topic, group: config.groupId, concurrency: config.concurrency });
  return {
    running: () => limit.running,
    metrics,
    metricsServer,
    close: async () => {
      stopRate();
      await consumer.stop();
      await metricsServer.close();
      await analyzers.close();
      await dataSource.destroy();
    },
  };
}
