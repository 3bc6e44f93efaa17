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
  metricsPort: number;
}>;

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

function read(env: NodeJS.ProcessEnv, key: string, fallback: string, valid: (value: string) => boolean, expected: string, problems: string[]): string {
  const value = env[key] === undefined || env[key] === '' ? fallback : (env[key] as string);
  if (!valid(value)) problems.push(`${key} must be ${expected}, got "${value}"`);
  return value;
}

const positiveInt = (value: string) => /^[1-9][0-9]*$/.test(value);
const nonNegativeInt = (value: string) => /^[0-9]+$/.test(value);
const port = (value: string) => /^[0-9]+$/.test(value) && Number(value) <= 65_535;

/** The projection's settings from the environment; every bad one is named at once. */
export function loadProjectionConfig(env: NodeJS.ProcessEnv = process.env): ProjectionConfig {
  const problems: string[] = [];
  const config: ProjectionConfig = {
    databaseUrl: read(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/forensics', (v) => /^postgres(ql)?:\/\//.test(v), 'a postgres:// URL', problems),
    eventStoreSchema: read(env, 'EVENT_STORE_SCHEMA', 'public', (v) => identifier.test(v), 'a lower-case identifier', problems),
    readModelSchema: read(env, 'READ_MODEL_SCHEMA', 'read_model', (v) => identifier.test(v), 'a lower-case identifier', problems),
    brokers: (env['KAFKA_BROKERS'] || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    topic: read(env, 'FOLDER_EVENTS_TOPIC', 'folder-events', (v) => v.length > 0, 'a topic name', problems),
    partitions: Number(read(env, 'FOLDER_EVENTS_PARTITIONS', '12', positiveInt, 'a positive integer', problems)),
    deadLetterTopic: read(env, 'DEAD_LETTER_TOPIC', 'folder-events.dead-letter', (v) => v.length > 0, 'a topic name', problems),
    groupId: read(env, 'PROJECTION_GROUP_ID', 'projection', (v) => v.length > 0, 'a consumer group id', problems),
    concurrency: Number(read(env, 'PROJECTION_CONCURRENCY', '12', positiveInt, 'a positive integer', problems)),
    cacheFolders: Number(read(env, 'PROJECTION_CACHE_FOLDERS', '2000', positiveInt, 'a positive integer', problems)),
    commitIntervalMs: Number(read(env, 'PROJECTION_COMMIT_INTERVAL_MS', '1000', nonNegativeInt, 'a number of milliseconds', problems)),
    commitsInFlight: Number(read(env, 'PROJECTION_COMMITS_IN_FLIGHT', '2', positiveInt, 'a positive integer', problems)),
    metricsPort: Number(read(env, 'PROJECTION_METRICS_PORT', '9464', port, 'a port number (0 picks a free one)', problems)),
  };
  if (problems.length > 0) throw new Error(`Invalid projection configuration: ${problems.join('; ')}`);
  return config;
}
