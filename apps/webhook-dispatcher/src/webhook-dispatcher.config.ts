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
  /** How often the sender looks for due deliveries when nothing wakes it. */
  pollMs: number;
}>;

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;
const positiveInt = (value: string) => /^[1-9][0-9]*$/.test(value);
const boolean = (value: string) => value === 'true' || value === 'false';

function read(env: NodeJS.ProcessEnv, key: string, fallback: string, valid: (value: string) => boolean, expected: string, problems: string[]): string {
  const value = env[key] === undefined || env[key] === '' ? fallback : (env[key] as string);
  if (!valid(value)) problems.push(`${key} must be ${expected}, got "${value}"`);
  return value;
}

/** The dispatcher's settings from the environment; every bad one is named at once. */
export function loadWebhookDispatcherConfig(env: NodeJS.ProcessEnv = process.env): WebhookDispatcherConfig {
  const problems: string[] = [];
  const config: WebhookDispatcherConfig = {
    databaseUrl: read(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/forensics', (v) => /^postgres(ql)?:\/\//.test(v), 'a postgres:// URL', problems),
    eventStoreSchema: read(env, 'EVENT_STORE_SCHEMA', 'public', (v) => identifier.test(v), 'a lower-case identifier', problems),
    readModelSchema: read(env, 'READ_MODEL_SCHEMA', 'read_model', (v) => identifier.test(v), 'a lower-case identifier', problems),
    webhookSchema: read(env, 'WEBHOOK_SCHEMA', 'webhooks', (v) => identifier.test(v), 'a lower-case identifier', problems),
    brokers: (env['KAFKA_BROKERS'] || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    topic: read(env, 'FOLDER_EVENTS_TOPIC', 'folder-events', (v) => v.length > 0, 'a topic name', problems),
    partitions: Number(read(env, 'FOLDER_EVENTS_PARTITIONS', '12', positiveInt, 'a positive integer', problems)),
    groupId: read(env, 'WEBHOOK_DISPATCHER_GROUP_ID', 'webhook-dispatcher', (v) => v.length > 0, 'a consumer group id', problems),
    maxAttempts: Number(read(env, 'WEBHOOK_MAX_ATTEMPTS', '8', positiveInt, 'a positive integer', problems)),
    timeoutMs: Number(read(env, 'WEBHOOK_TIMEOUT_MS', '10000', positiveInt, 'a positive integer', problems)),
    allowPrivateTargets: read(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', 'false', boolean, 'true or false', problems) === 'true',
    backoffBaseMs: Number(read(env, 'WEBHOOK_BACKOFF_BASE_MS', '1000', positiveInt, 'a positive integer', problems)),
    backoffCapMs: Number(read(env, 'WEBHOOK_BACKOFF_CAP_MS', '300000', positiveInt, 'a positive integer', problems)),
    pollMs: Number(read(env, 'WEBHOOK_POLL_MS', '200', positiveInt, 'a positive integer', problems)),
  };
  if (problems.length > 0) throw new Error(`Invalid webhook dispatcher configuration: ${problems.join('; ')}`);
  return config;
}
