import { EnvSettings } from '@forensics/config';
import { type MetricsEndpoint, metricsEndpoint } from '@forensics/observability';

export type GatewayConfig = Readonly<{
  host: string;
  port: number;
  databaseUrl: string;
  /** The schema of the folder read models the projection writes. */
  readModelSchema: string;
  /** The event store's schema: the folder history endpoint reads it. */
  eventStoreSchema: string;
  /** The gateway's own tables: companies, users, sessions. */
  identitySchema: string;
  ingestHost: string;
  ingestPort: number;
  /** Only checked by `/ready`: the gateway itself neither produces nor consumes. */
  brokers: readonly string[];
  blobDir: string;
  /** The first ADMIN, created at start when no user has this e-mail. */
  adminEmail: string;
  adminPassword: string;
  /** How long a single request waits for its analyses before answering the folder as it stands. */
  singleRequestTimeoutMs: number;
  /**
   * How long a checked access token is believed without asking the database again (0: never).
   * Revocations and changes to users and companies reach every gateway at once through a
   * notification; this bounds only what a lost notification could leave (decision 0018).
   */
  tokenCacheMs: number;
  /** How often a status stream sends a keep-alive, and checks its token again. */
  streamHeartbeatMs: number;
  maxFileBytes: number;
  maxFilesPerFolder: number;
  /** Failed logins within the window before logins are refused for a while: per e-mail and client address, and per e-mail from anywhere. */
  loginMaxFailures: number;
  loginMaxFailuresPerEmail: number;
  /** Failed logins from one address (an IPv6 /64) over every e-mail, in the window. */
  loginMaxFailuresPerAddress: number;
  loginFailureWindowMs: number;
  /** Proxies in front of the gateway whose X-Forwarded-For is believed (0: the socket's address is the client's). */
  trustProxyHops: number;
  /** The webhook tables (deliveries, attempts, company secrets) the dispatcher writes. */
  webhookSchema: string;
  /** A resolution_endpoint on a loopback, private or link-local address is refused unless this is on. */
  allowPrivateWebhookTargets: boolean;
  /** How long a rotated-out webhook secret still signs (shown with the secret; the dispatcher applies it). */
  webhookSecretGraceMs: number;
  /** `/metrics` and `/health` for Prometheus, on a port of their own: never on the public API port. */
  metrics: MetricsEndpoint;
}>;

/** The gateway's settings from the environment; every bad one is named at once. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const settings = new EnvSettings(env);
  const config: GatewayConfig = {
    host: settings.text('GATEWAY_HOST', '127.0.0.1', undefined, 'a host'),
    port: settings.port('GATEWAY_PORT', 8080),
    databaseUrl: settings.databaseUrl(),
    readModelSchema: settings.identifier('READ_MODEL_SCHEMA', 'read_model'),
    eventStoreSchema: settings.identifier('EVENT_STORE_SCHEMA', 'public'),
    identitySchema: settings.identifier('IDENTITY_SCHEMA', 'identity'),
    ingestHost: settings.text('INGEST_HOST', '127.0.0.1', undefined, 'a host'),
    ingestPort: settings.port('INGEST_PORT', 4010),
    brokers: settings.brokers(),
    blobDir: settings.text('BLOB_DIR', 'data/blobs', undefined, 'a directory'),
    adminEmail: settings.text('ADMIN_EMAIL', 'admin@forensics.local', (v) => /^[^@\s]+@[^@\s]+$/.test(v), 'an e-mail address'),
    adminPassword: settings.text('ADMIN_PASSWORD', 'change-me-now', (v) => v.length >= 8, 'at least 8 characters'),
    singleRequestTimeoutMs: settings.positiveInt('SINGLE_REQUEST_TIMEOUT_MS', 60_000),
    tokenCacheMs: Number(settings.text('TOKEN_CACHE_MS', '5000', (v) => /^[0-9]+$/.test(v) && Number(v) <= 10_000, 'a number of milliseconds from 0 to 10000')),
    streamHeartbeatMs: settings.positiveInt('STREAM_HEARTBEAT_MS', 15_000),
    maxFileBytes: settings.positiveInt('MAX_FILE_BYTES', 30 * 1024 * 1024),
    maxFilesPerFolder: settings.positiveInt('MAX_FILES_PER_FOLDER', 10),
    loginMaxFailures: settings.positiveInt('LOGIN_MAX_FAILURES', 5),
    loginMaxFailuresPerEmail: settings.positiveInt('LOGIN_MAX_FAILURES_PER_EMAIL', 50),
    loginMaxFailuresPerAddress: settings.positiveInt('LOGIN_MAX_FAILURES_PER_ADDRESS', 30),
    trustProxyHops: settings.nonNegativeInt('GATEWAY_TRUST_PROXY_HOPS', 0),
    loginFailureWindowMs: settings.positiveInt('LOGIN_FAILURE_WINDOW_MS', 15 * 60_000),
    webhookSchema: settings.identifier('WEBHOOK_SCHEMA', 'webhooks'),
    allowPrivateWebhookTargets: settings.flag('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
    webhookSecretGraceMs: settings.positiveInt('WEBHOOK_SECRET_GRACE_MS', 24 * 3_600_000),
    metrics: metricsEndpoint(settings, 'GATEWAY_METRICS_PORT', 9460),
  };
  settings.check('gateway');
  return config;
}
