import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import type { IngestConfig } from './config/ingest.config';
import { IngestModule } from './ingest.module';
import { JsonLogger } from '@forensics/observability';
import { NoDelayJsonSocket } from '@forensics/messaging';

export type IngestAppOptions = Readonly<{ logger?: JsonLogger }>;

/** Starts ingest in this process: migrated, connected, and listening on the configured host and port. */
export async function createIngestApp(
  config: IngestConfig,
  { logger = new JsonLogger('ingest') }: IngestAppOptions = {},
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(IngestModule.register(config, logger), {
    transport: Transport.TCP,
    options: { host: config.host, port: config.port, socketClass: NoDelayJsonSocket },
    logger,
    // A start-up failure (database down, port taken) must reach the caller, not abort the process.
    abortOnError: false,
  });
  try {
    await app.listen();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
