import { loadAnalyzers } from '@forensics/analyzers';
import { BlobStore } from '@forensics/blob-store';
import { evolve, type FolderEvent, initialFolderState } from '@forensics/domain';
import { EVENT_STORE_MIGRATIONS, openDatabase, PostgresEventStore } from '@forensics/event-store';
import { createKafka, ensureTopic, type IncomingMessage, KafkaWorkConsumer } from '@forensics/messaging';
import { parseEnvelope } from '@forensics/read-model';
import { pendingJobs } from './analysis-jobs';
import type { AnalysisWorkerConfig } from './analysis-worker.config';
import { ConcurrencyLimit } from './concurrency-limit';
import { type JobDependencies, runJob } from './run-job';

export type RunningWorker = Readonly<{
  /** Analyses running right now. */
  running: () => number;
  close: () => Promise<void>;
}>;

const jsonLog = (entry: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'analysis-worker', ...entry })}\n`);

/** Wires the worker: the event store, the blob store, the face models and the consumer. */
export async function createWorker(config: AnalysisWorkerConfig, log: (entry: Record<string, unknown>) => void = jsonLog): Promise<RunningWorker> {
  const dataSource = await openDatabase({ url: config.databaseUrl, schema: config.eventStoreSchema, applicationName: 'analysis-worker', poolSize: config.concurrency + 2, migrations: EVENT_STORE_MIGRATIONS });
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
  const kafka = createKafka({ brokers: config.brokers, clientId: `analysis-worker-${config.groupId}` });
  // Groups in hand at most: enough to keep every analysis slot busy, few enough to hand the rest
  // of a partition to another member.
  // Whoever starts first creates the topic; subscribing to a missing one fails.
  await ensureTopic(kafka, config.topic, { partitions: config.partitions });
  const consumer = await KafkaWorkConsumer.connect(kafka, { groupId: config.groupId, topic: config.topic, maxInFlight: config.concurrency * 2, log });

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
    await Promise.all(
      jobs.map((job) =>
        limit.run(async () => {
          const started = performance.now();
          const outcome = await runJob(job, envelope.correlation_id, deps);
          log({
            level: 'info',
            message: 'analysis recorded',
            folder_id: job.folder_id,
            analysis_id: job.analysis_id,
            type: job.type,
            status: outcome.status,
            resolution: outcome.status === 'FINISHED' ? outcome.resolution : null,
            error_code: outcome.status === 'FAILED' ? outcome.error_code : null,
            ms: Math.round(performance.now() - started),
          });
        }),
      ),
    );
  };
  await consumer.run(handle);
  log({ level: 'info', message: 'analysis worker consuming', topic: config.topic, group: config.groupId, concurrency: config.concurrency });
  return {
    running: () => limit.running,
    close: async () => {
      await consumer.stop();
      await analyzers.close();
      await dataSource.destroy();
    },
  };
}
