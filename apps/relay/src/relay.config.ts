export type RelayConfig = Readonly<{
  databaseUrl: string;
  schema: string;
  brokers: readonly string[];
  topic: string;
  partitions: number;
  batchSize: number;
  name: string;
}>;

const positiveInt = (env: NodeJS.ProcessEnv, key: string, fallback: number): number => {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${key} must be a positive integer, got "${raw}"`);
  return value;
};

/** The relay's settings from the environment, checked at start. */
export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const schema = env['EVENT_STORE_SCHEMA'] || 'public';
  // Lower case only: the schema reaches `search_path` unquoted, where PostgreSQL folds case.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`EVENT_STORE_SCHEMA must be a lower-case identifier, got "${schema}"`);
  return {
    databaseUrl: env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/forensics',
    schema,
    brokers: (env['KAFKA_BROKERS'] || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    topic: env['FOLDER_EVENTS_TOPIC'] || 'folder-events',
    // Partitions bound how many worker and projection instances share the load.
    partitions: positiveInt(env, 'FOLDER_EVENTS_PARTITIONS', 12),
    batchSize: positiveInt(env, 'RELAY_BATCH_SIZE', 500),
    name: env['RELAY_NAME'] || 'relay',
  };
}
