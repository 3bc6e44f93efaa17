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
}>;

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;
const positiveInt = (value: string) => /^[1-9][0-9]*$/.test(value);

function read(env: NodeJS.ProcessEnv, key: string, fallback: string, valid: (value: string) => boolean, expected: string, problems: string[]): string {
  const value = env[key] === undefined || env[key] === '' ? fallback : (env[key] as string);
  if (!valid(value)) problems.push(`${key} must be ${expected}, got "${value}"`);
  return value;
}

/** The worker's settings from the environment; every bad one is named at once. */
export function loadAnalysisWorkerConfig(env: NodeJS.ProcessEnv = process.env): AnalysisWorkerConfig {
  const problems: string[] = [];
  const config: AnalysisWorkerConfig = {
    databaseUrl: read(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/forensics', (v) => /^postgres(ql)?:\/\//.test(v), 'a postgres:// URL', problems),
    eventStoreSchema: read(env, 'EVENT_STORE_SCHEMA', 'public', (v) => identifier.test(v), 'a lower-case identifier', problems),
    brokers: (env['KAFKA_BROKERS'] || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    topic: read(env, 'FOLDER_EVENTS_TOPIC', 'folder-events', (v) => v.length > 0, 'a topic name', problems),
    partitions: Number(read(env, 'FOLDER_EVENTS_PARTITIONS', '12', positiveInt, 'a positive integer', problems)),
    groupId: read(env, 'ANALYSIS_WORKER_GROUP_ID', 'analysis-worker', (v) => v.length > 0, 'a consumer group id', problems),
    blobDir: read(env, 'BLOB_DIR', 'data/blobs', (v) => v.length > 0, 'a directory', problems),
    concurrency: Number(read(env, 'ANALYSIS_WORKER_CONCURRENCY', '2', positiveInt, 'a positive integer', problems)),
    maxAttempts: Number(read(env, 'ANALYSIS_WORKER_MAX_ATTEMPTS', '3', positiveInt, 'a positive integer', problems)),
  };
  if (problems.length > 0) throw new Error(`Invalid analysis worker configuration: ${problems.join('; ')}`);
  return config;
}
