import { EnvSettings } from '@forensics/config';
import { type MetricsEndpoint, metricsEndpoint } from '@forensics/observability';

export type ProjectionConfig = Readonly<{
  databaseUrl: string;
  /** Where the event store lives: gaps are filled from it. */
  eventStoreSchema: string;
  /** Where the live read model tables live (a rebuild writes a new schema, then switches). */
  readModelSchema: string;
  brokers: readonly string[];
  topic: string;
  /** Partitions of the topic if this service is the first to need it (the relay uses the same setting). */
  partitions: number;
  deadLetterTopic: string;
  groupId: string;
  /** Partitions one process folds at the same time: best the topic's partition count, so a fetch is folded in one wave. */
  concurrency: number;
  /**
   * Folders whose projection (rows and domain state) stays in memory after a write, so their next
   * batch need not fold them again from the event store. About 8 KB each.
   */
  cacheFolders: number;
  /**
   * How often, at most, a partition's Kafka offset is committed. The fold is idempotent by
   * version, so a crash makes the projection read again at most this much, and changes nothing.
   */
  commitIntervalMs: number;
  /** Read-model statements in flight at once; the batches that arrive meanwhile are written together in the next. */
  commitsInFlight: number;
  /** `/metrics` and `/health`. */
  metrics: MetricsEndpoint;
}>;

/** The projection's settings from the environment; every bad one is named at once. */
export function loadProjectionConfig(env: NodeJS.ProcessEnv = process.env): ProjectionConfig {
  const settings = new EnvSettings(env);
  const config: ProjectionConfig = {
    databaseUrl: settings.databaseUrl(),
    eventStoreSchema: settings.identifier('EVENT_STORE_SCHEMA', 'public'),
    readModelSchema: settings.identifier('READ_MODEL_SCHEMA', 'read_model'),
    brokers: settings.brokers(),
    topic: settings.text('FOLDER_EVENTS_TOPIC', 'folder-events', undefined, 'a topic name'),
    partitions: settings.positiveInt('FOLDER_EVENTS_PARTITIONS', 12),
    deadLetterTopic: settings.text('DEAD_LETTER_TOPIC', 'folder-events.dead-letter', undefined, 'a topic name'),
    groupId: settings.text('PROJECTION_GROUP_ID', 'projection', undefined, 'a consumer group id'),
    concurrency: settings.positiveInt('PROJECTION_CONCURRENCY', 12),
    cacheFolders: settings.positiveInt('PROJECTION_CACHE_FOLDERS', 2000),
    commitIntervalMs: settings.nonNegativeInt('PROJECTION_COMMIT_INTERVAL_MS', 1000, 'a number of milliseconds'),
    commitsInFlight: settings.positiveInt('PROJECTION_COMMITS_IN_FLIGHT', 2),
    metrics: metricsEndpoint(settings, 'PROJECTION_METRICS_PORT', 9464),
  };
  settings.check('projection');
  return config;
}
