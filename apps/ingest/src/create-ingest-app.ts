import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import type { IngestConfig } from './config/ingest.config';
import { CommandDrain } from './commands/command-drain';
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

/** How long a stopping ingest waits for the commands in hand. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Stops ingest without cutting a command off: new commands are refused (code 11, try again),
 * those in hand answer, then the server, the metrics endpoint and the pool close.
 */
export async function stopIngestApp(app: INestMicroservice, drainTimeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  await app.get(CommandDrain).drain(drainTimeoutMs);
  // The last reply is written to its socket a few ticks after its command resolved, and closing
  // destroys the sockets: give the writes a moment first (what is written is then sent).
  await new Promise((resolve) => setTimeout(resolve, REPLY_GRACE_MS));
  await app.close();
}

const REPLY_GRACE_MS = 100;
