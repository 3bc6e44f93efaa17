import { EnvSettings } from '@forensics/config';
import { type MetricsEndpoint, metricsEndpoint } from '@forensics/observability';

export type WebhookDispatcherConfig = Readonly<{
  databaseUrl: string;
  /** Where the folder streams are read from, to tell what an event changed. */
  eventStoreSchema: string;
  /** Where the folder JSON that is sent is read from. */
  readModelSchema: string;
  /** The dispatcher's own tables: company secrets, deliveries and their attempts. */
  webhookSchema: string;
  brokers: readonly string[];
  topic: string;
  /** Partitions of the topic if this service is the first to need it (the relay uses the same setting). */
  partitions: number;
  groupId: string;
  /** Attempts at a delivery before it is marked FAILED. */
  maxAttempts: number;
  /** How long one POST may take before it counts as a failed attempt. */
  timeoutMs: number;
  /** Loopback, private and link-local targets are refused unless this is on (tests turn it on). */
  allowPrivateTargets: boolean;
  /** The first retry waits up to this long; each next one up to twice as long (full jitter). */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Where clients reach the API: the links in the folder JSON sent (media, best shots) are made absolute on it. */
  publicBaseUrl: string;
  /** Settled deliveries (and their attempts) are deleted this long after they settled; the events themselves stay. */
  retentionDays: number;
  /** `/metrics` and `/health`. */
  metrics: MetricsEndpoint;
  /** How often the sender looks for due deliveries when nothing wakes it. */
  pollMs: number;
  /**
   * How long the broker gathers events before it hands them to the dispatcher (0: at the first
   * one). A webhook waits up to this much longer; the requests in flight get the cores meanwhile.
   */
  gatherMs: number;
}>;

/** The dispatcher's settings from the environment; every bad one is named at once. */
export function loadWebhookDispatcherConfig(env: NodeJS.ProcessEnv = process.env): WebhookDispatcherConfig {
  const settings = new EnvSettings(env);
  const config: WebhookDispatcherConfig = {
    databaseUrl: settings.databaseUrl(),
    eventStoreSchema: settings.identifier('EVENT_STORE_SCHEMA', 'public'),
    readModelSchema: settings.identifier('READ_MODEL_SCHEMA', 'read_model'),
    webhookSchema: settings.identifier('WEBHOOK_SCHEMA', 'webhooks'),
    brokers: settings.brokers(),
    topic: settings.text('FOLDER_EVENTS_TOPIC', 'folder-events', undefined, 'a topic name'),
    partitions: settings.positiveInt('FOLDER_EVENTS_PARTITIONS', 12),
    groupId: settings.text('WEBHOOK_DISPATCHER_GROUP_ID', 'webhook-dispatcher', undefined, 'a consumer group id'),
    maxAttempts: settings.positiveInt('WEBHOOK_MAX_ATTEMPTS', 8),
    timeoutMs: settings.positiveInt('WEBHOOK_TIMEOUT_MS', 10_000),
    allowPrivateTargets: settings.flag('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
    backoffBaseMs: settings.positiveInt('WEBHOOK_BACKOFF_BASE_MS', 1_000),
    backoffCapMs: settings.positiveInt('WEBHOOK_BACKOFF_CAP_MS', 300_000),
    pollMs: settings.positiveInt('WEBHOOK_POLL_MS', 200),
    // Below the consumer's heartbeat interval (1 s): a fetch held longer would delay heartbeats and rebalances.
    gatherMs: Number(settings.text('WEBHOOK_GATHER_MS', '250', (v) => /^[0-9]+$/.test(v) && Number(v) <= 1_000, 'a number of milliseconds from 0 to 1000')),
    publicBaseUrl: settings.text('PUBLIC_BASE_URL', 'http://localhost:8080', (v) => /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), 'an http(s) URL').replace(/\/+$/, ''),
    metrics: metricsEndpoint(settings, 'WEBHOOK_METRICS_PORT', 9466),
    retentionDays: settings.positiveInt('WEBHOOK_RETENTION_DAYS', 90),
  };
  settings.check('webhook dispatcher');
  return config;
}
