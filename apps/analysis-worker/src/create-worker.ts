import { loadAnalyzers } from '@forensics/analyzers';
import { BlobStore } from '@forensics/blob-store';
import { DomainError, evolve, type FolderEvent, initialFolderState } from '@forensics/domain';
import { EVENT_STORE_MIGRATIONS, openDatabase, PostgresEventStore } from '@forensics/event-store';
import { createKafka, ensureTopic, type IncomingMessage, KafkaWorkConsumer, stopProcessOnConsumerLoss } from '@forensics/messaging';
import { jsonLog, type Log, type MetricsServer, startMetricsServer, trackRate } from '@forensics/observability';
import { pendingJobs } from './analysis-jobs';
import type { AnalysisWorkerConfig } from './analysis-worker.config';
import { ConcurrencyLimit } from './concurrency-limit';
import { ConsumedHistories, consumedEvent } from './consumed-histories';
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

/**
 * Consumed folder histories kept: a folder's group comes within seconds of its first event, and
 * 2,000 folders is minutes of single requests; a folder's events weigh a few KB (its metadata at
 * most 256 KB per change).
 */
const CONSUMED_HISTORY_LIMITS = { maxFolders: 2_000, maxBytes: 32 * 1024 * 1024 };

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

  const histories = new ConsumedHistories(CONSUMED_HISTORY_LIMITS);
  const handle = async (message: IncomingMessage): Promise<void> => {
    // Every event is seen, in the partition's order, before anything awaits: the histories
    // follow the topic. Only a submitted group starts work.
    const consumed = consumedEvent(message.value ?? '');
    const firstSight = consumed.ok && histories.see(consumed.envelope.stream_id, consumed.event, (message.value ?? '').length);
    if (message.headers['type'] !== undefined && message.headers['type'] !== 'AnalysisGroupSubmitted') return;
    if (!consumed.ok) {
      log({ level: 'warn', message: 'skipped a message that is not a readable event (the projection dead-letters it)', reason: consumed.reason, partition: message.partition, offset: message.offset });
      return;
    }
    const { envelope } = consumed;
    if (envelope.type !== 'AnalysisGroupSubmitted') return;
    // The folder's stream as consumed, when it is whole through a group that nobody can have
    // handled yet: appended after this member got the partition, and seen here for the first
    // time. Else (a group delivered again, left uncommitted by a member before, replayed, or a
    // folder not consumed from its start) it is read as it is now, so analyses recorded since
    // (by this worker before a crash, or by another) are not run again.
    const unhandled = firstSight && message.appendedSinceAssignment === true;
    const seen = unhandled ? histories.through(envelope.stream_id, envelope.stream_version) : null;
    metrics.historiesRead.inc({ source: seen ? 'consumed' : 'event_store' });
    const history = seen ?? (await eventStore.readStream(envelope.stream_id));
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
