import { EnvSettings } from '@forensics/config';
import { type MetricsEndpoint, metricsEndpoint } from '@forensics/observability';

export type RelayConfig = Readonly<{
  databaseUrl: string;
  schema: string;
  brokers: readonly string[];
  topic: string;
  partitions: number;
  batchSize: number;
  name: string;
  /** `/metrics` and `/health`. */
  metrics: MetricsEndpoint;
}>;

/** The relay's settings from the environment; every bad one is named at once. */
export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const settings = new EnvSettings(env);
  const config: RelayConfig = {
    databaseUrl: settings.databaseUrl(),
    // Lower case only: the schema reaches `search_path` unquoted, where PostgreSQL folds case.
    schema: settings.identifier('EVENT_STORE_SCHEMA', 'public'),
    brokers: settings.brokers(),
    topic: settings.text('FOLDER_EVENTS_TOPIC', 'folder-events', undefined, 'a topic name'),
    // Partitions bound how many worker and projection instances share the load.
    partitions: settings.positiveInt('FOLDER_EVENTS_PARTITIONS', 12),
    batchSize: settings.positiveInt('RELAY_BATCH_SIZE', 500),
    name: settings.text('RELAY_NAME', 'relay', undefined, 'a checkpoint name'),
    metrics: metricsEndpoint(settings, 'RELAY_METRICS_PORT', 9462),
  };
  settings.check('relay');
  return config;
}
