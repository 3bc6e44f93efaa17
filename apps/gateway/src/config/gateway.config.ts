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
  maxFileBytes: number;
  maxFilesPerFolder: number;
}>;

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;
const positiveInt = (value: string) => /^[1-9][0-9]*$/.test(value);
const port = (value: string) => /^[0-9]+$/.test(value) && Number(value) <= 65_535;

function read(env: NodeJS.ProcessEnv, key: string, fallback: string, valid: (value: string) => boolean, expected: string, problems: string[]): string {
  const value = env[key] === undefined || env[key] === '' ? fallback : (env[key] as string);
  if (!valid(value)) problems.push(`${key} must be ${expected}, got "${key.includes('PASSWORD') ? '***' : value}"`);
  return value;
}

/** The gateway's settings from the environment; every bad one is named at once. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const problems: string[] = [];
  const config: GatewayConfig = {
    host: read(env, 'GATEWAY_HOST', '127.0.0.1', (v) => v.length > 0, 'a host', problems),
    port: Number(read(env, 'GATEWAY_PORT', '8080', port, 'a port number (0 picks a free one)', problems)),
    databaseUrl: read(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/forensics', (v) => /^postgres(ql)?:\/\//.test(v), 'a postgres:// URL', problems),
    readModelSchema: read(env, 'READ_MODEL_SCHEMA', 'read_model', (v) => identifier.test(v), 'a lower-case identifier', problems),
    eventStoreSchema: read(env, 'EVENT_STORE_SCHEMA', 'public', (v) => identifier.test(v), 'a lower-case identifier', problems),
    identitySchema: read(env, 'IDENTITY_SCHEMA', 'identity', (v) => identifier.test(v), 'a lower-case identifier', problems),
    ingestHost: read(env, 'INGEST_HOST', '127.0.0.1', (v) => v.length > 0, 'a host', problems),
    ingestPort: Number(read(env, 'INGEST_PORT', '4010', port, 'a port number', problems)),
    brokers: (env['KAFKA_BROKERS'] || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    blobDir: read(env, 'BLOB_DIR', 'data/blobs', (v) => v.length > 0, 'a directory', problems),
    adminEmail: read(env, 'ADMIN_EMAIL', 'admin@forensics.local', (v) => /^[^@\s]+@[^@\s]+$/.test(v), 'an e-mail address', problems),
    adminPassword: read(env, 'ADMIN_PASSWORD', 'change-me-now', (v) => v.length >= 8, 'at least 8 characters', problems),
    singleRequestTimeoutMs: Number(read(env, 'SINGLE_REQUEST_TIMEOUT_MS', '60000', positiveInt, 'a number of milliseconds', problems)),
    maxFileBytes: Number(read(env, 'MAX_FILE_BYTES', String(30 * 1024 * 1024), positiveInt, 'a number of bytes', problems)),
    maxFilesPerFolder: Number(read(env, 'MAX_FILES_PER_FOLDER', '10', positiveInt, 'a positive integer', problems)),
  };
  if (problems.length > 0) throw new Error(`Invalid gateway configuration: ${problems.join('; ')}`);
  return config;
}
