import 'reflect-metadata';
import { IngestConfigError, loadIngestConfig } from './config/ingest.config';
import { createIngestApp, stopIngestApp } from './create-ingest-app';
import { describeError, JsonLogger } from '@forensics/observability';

const logger = new JsonLogger('ingest');

async function main(): Promise<void> {
  const config = loadIngestConfig(process.env);
  const app = await createIngestApp(config, { logger });
  // Not Nest's shutdown hooks: they close the server, and every socket with it, first.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.event('info', 'ingest stopping', { signal });
    stopIngestApp(app).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.event('error', 'ingest did not stop cleanly', { error: describeError(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  logger.event('info', 'ingest listening', {
    host: config.host,
    port: config.port,
    schema: config.eventStoreSchema,
    max_files_per_folder: config.maxFilesPerFolder,
  });
}

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix: its message is the whole story, no stack needed.
  const fields = error instanceof IngestConfigError ? { problems: error.problems } : { error: describeError(error) };
  logger.event('fatal', 'ingest failed to start', fields);
  process.exit(1);
});
