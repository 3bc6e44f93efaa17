import { EnvSettings } from '@forensics/config';
import { type MetricsEndpoint, metricsEndpoint } from '@forensics/observability';

export type AnalysisWorkerConfig = Readonly<{
  databaseUrl: string;
  eventStoreSchema: string;
  brokers: readonly string[];
  topic: string;
  /** Partitions of the topic if this service is the first to need it (the relay uses the same setting). */
  partitions: number;
  groupId: string;
  /** Where the gateway stores uploaded media, and where best shots go. */
  blobDir: string;
  /** Analyses this process runs at the same time. */
  concurrency: number;
  /** Attempts at an analysis whose model crashes before it is recorded as FAILED. */
  maxAttempts: number;
  /** `/metrics` and `/health`; several workers on one host each need their own port, or 0. */
  metrics: MetricsEndpoint;
}>;

/** The worker's settings from the environment; every bad one is named at once. */
export function loadAnalysisWorkerConfig(env: NodeJS.ProcessEnv = process.env): AnalysisWorkerConfig {
  const settings = new EnvSettings(env);
  const config: AnalysisWorkerConfig = {
    databaseUrl: settings.databaseUrl(),
    eventStoreSchema: settings.identifier('EVENT_STORE_SCHEMA', 'public'),
    brokers: settings.brokers(),
    topic: settings.text('FOLDER_EVENTS_TOPIC', 'folder-events', undefined, 'a topic name'),
    partitions: settings.positiveInt('FOLDER_EVENTS_PARTITIONS', 12),
    groupId: settings.text('ANALYSIS_WORKER_GROUP_ID', 'analysis-worker', undefined, 'a consumer group id'),
    blobDir: settings.text('BLOB_DIR', 'data/blobs', undefined, 'a directory'),
    concurrency: settings.positiveInt('ANALYSIS_WORKER_CONCURRENCY', 2),
    maxAttempts: settings.positiveInt('ANALYSIS_WORKER_MAX_ATTEMPTS', 3),
    metrics: metricsEndpoint(settings, 'ANALYSIS_WORKER_METRICS_PORT', 9465),
  };
  settings.check('analysis worker');
  return config;
}
