import type { MetricsEndpoint } from '@forensics/observability';
import { integerIn, nonEmpty, postgresUrl, schemaName } from './setting-parsers';

/** Everything ingest reads from its environment, validated once at start. */
export type IngestConfig = Readonly<{
  databaseUrl: string;
  eventStoreSchema: string;
  host: string;
  port: number;
  maxFilesPerFolder: number;
  /** `/metrics` and `/health`. */
  metrics: MetricsEndpoint;
}>;

/** The injection token of the IngestConfig. */
export const INGEST_CONFIG = Symbol('INGEST_CONFIG');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/forensics';
const SCHEMA_RULE = '[a-z_][a-z0-9_]*, at most 63 characters';

export type Environment = Readonly<Record<string, string | undefined>>;

/** A start-up refusal that names every bad setting, so one restart fixes them all. */
export class IngestConfigError extends Error {
  override readonly name = 'IngestConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid ingest configuration: ${problems.join('; ')}`);
  }
}

/** Reads and validates the configuration; an unset variable takes its default, a set one must be valid. */
export function loadIngestConfig(env: Environment): IngestConfig {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | null, expected: string, secret = false): T => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    const value = parse(raw);
    if (value !== null) return value;
    // A database URL may hold a password: it is never echoed into a log.
    problems.push(`${name} must be ${expected} (got ${secret ? 'a value that is not one' : JSON.stringify(raw)})`);
    return fallback;
  };
  const config: IngestConfig = {
    databaseUrl: read('DATABASE_URL', DEFAULT_DATABASE_URL, postgresUrl, 'a postgres:// or postgresql:// URL', true),
    eventStoreSchema: read('EVENT_STORE_SCHEMA', 'public', schemaName, `a lower-case PostgreSQL identifier (${SCHEMA_RULE})`),
    host: read('INGEST_HOST', '127.0.0.1', nonEmpty, 'a host name or IP address'),
    port: read('INGEST_PORT', 4010, integerIn(1, 65_535), 'an integer from 1 to 65535'),
    maxFilesPerFolder: read('MAX_FILES_PER_FOLDER', 10, integerIn(1, Number.MAX_SAFE_INTEGER), 'a positive integer'),
    metrics: {
      host: read('METRICS_HOST', '127.0.0.1', nonEmpty, 'a host name or IP address'),
      // 0 takes any free port.
      port: read('INGEST_METRICS_PORT', 9461, integerIn(0, 65_535), 'an integer from 0 to 65535'),
    },
  };
  if (problems.length > 0) throw new IngestConfigError(problems);
  return config;
}
