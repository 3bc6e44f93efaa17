// Given an environment, when ingest loads its configuration, then it gets valid values or a clear refusal.
import { IngestConfigError, loadIngestConfig } from './ingest.config';

const refusal = (env: Record<string, string>): IngestConfigError => {
  try {
    loadIngestConfig(env);
  } catch (error) {
    if (error instanceof IngestConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
};

describe('loadIngestConfig', () => {
  it('takes the documented defaults when nothing is set', () => {
    expect(loadIngestConfig({})).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/forensics',
      eventStoreSchema: 'public',
      host: '127.0.0.1',
      port: 4010,
      maxFilesPerFolder: 10,
      metrics: { host: '127.0.0.1', port: 9461 },
    });
  });

  it('reads every variable that is set', () => {
    const config = loadIngestConfig({
      DATABASE_URL: 'postgresql://ingest:secret@db.internal:6432/forensics',
      EVENT_STORE_SCHEMA: 'tenant_eu_1',
      INGEST_HOST: '0.0.0.0',
      INGEST_PORT: '4100',
      MAX_FILES_PER_FOLDER: '25',
      METRICS_HOST: '0.0.0.0',
      INGEST_METRICS_PORT: '0',
    });
    expect(config).toEqual({
      databaseUrl: 'postgresql://ingest:secret@db.internal:6432/forensics',
      eventStoreSchema: 'tenant_eu_1',
      host: '0.0.0.0',
      port: 4100,
      maxFilesPerFolder: 25,
      metrics: { host: '0.0.0.0', port: 0 },
    });
  });

  it.each([
    ['INGEST_PORT', 'abc', 'INGEST_PORT must be an integer from 1 to 65535 (got "abc")'],
    ['INGEST_PORT', '70000', 'INGEST_PORT must be an integer from 1 to 65535 (got "70000")'],
    ['INGEST_PORT', '0', 'INGEST_PORT must be an integer from 1 to 65535 (got "0")'],
    ['INGEST_METRICS_PORT', '-1', 'INGEST_METRICS_PORT must be an integer from 0 to 65535 (got "-1")'],
    ['MAX_FILES_PER_FOLDER', '0', 'MAX_FILES_PER_FOLDER must be a positive integer (got "0")'],
    ['MAX_FILES_PER_FOLDER', '2.5', 'MAX_FILES_PER_FOLDER must be a positive integer (got "2.5")'],
    ['MAX_FILES_PER_FOLDER', '-3', 'MAX_FILES_PER_FOLDER must be a positive integer (got "-3")'],
    ['EVENT_STORE_SCHEMA', 'Events', 'EVENT_STORE_SCHEMA must be a lower-case PostgreSQL identifier'],
    ['EVENT_STORE_SCHEMA', 'x"; DROP SCHEMA public; --', 'EVENT_STORE_SCHEMA must be a lower-case PostgreSQL identifier'],
    ['INGEST_HOST', '  ', 'INGEST_HOST must be a host name or IP address (got "  ")'],
    ['DATABASE_URL', 'mysql://db/forensics', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
  ])('refuses %s=%j with a message naming the variable', (name, value, message) => {
    expect(refusal({ [name]: value }).message).toContain(message);
  });

  it('never echoes a refused DATABASE_URL, which may carry a password', () => {
    expect(refusal({ DATABASE_URL: 'postgress://admin:hunter2@db/forensics' }).message).not.toContain('hunter2');
  });

  it('lists every bad setting in one refusal', () => {
    expect(refusal({ INGEST_PORT: 'http', MAX_FILES_PER_FOLDER: 'ten' }).problems).toEqual([
      'INGEST_PORT must be an integer from 1 to 65535 (got "http")',
      'MAX_FILES_PER_FOLDER must be a positive integer (got "ten")',
    ]);
  });
});
