import 'reflect-metadata';
import { IngestConfigError, loadIngestConfig } from './config/ingest.config';
import { createIngestApp } from './create-ingest-app';
import { describeError, JsonLogger } from '@forensics/observability';

const logger = new JsonLogger('ingest');

async function main(): Promise<void> {
  const config = loadIngestConfig(process.env);
  const app = await createIngestApp(config, { logger });
  app.enableShutdownHooks();
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
