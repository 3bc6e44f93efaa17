// A running ingest for one int test file: its own schema, a free port, a TCP client like the
// gateway's, and a direct view of the event store to check what was (not) written.
import type { INestMicroservice } from '@nestjs/common';
import { type ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { createDataSource, PostgresEventStore, type StoredEvent } from '@forensics/event-store';
import { freePort, isolatedSchema, testInfra } from '@forensics/testing';
import type { IngestPattern, IngestReply } from '@forensics/contracts';
import { NoDelayJsonSocket } from '@forensics/messaging';
import { JsonLogger } from '@forensics/observability';
import { createIngestApp, type IngestConfig } from '../src';

export type IngestHarness = Readonly<{
  config: IngestConfig;
  app: INestMicroservice;
  /** Every line ingest logged, NestJS's included. */
  logLines: string[];
  /** Every line ingest logged, parsed. */
  logged: () => Record<string, unknown>[];
  /** What Prometheus reads from ingest's metrics port (the one its log says it bound). */
  metrics: () => Promise<string>;
  send: (pattern: IngestPattern, payload: unknown) => Promise<IngestReply>;
  /** The error the caller's observable fails with; fails the test if the command is accepted. */
  refusal: (pattern: IngestPattern, payload: unknown) => Promise<unknown>;
  readStream: (folderId: string) => Promise<StoredEvent[]>;
  countEvents: () => Promise<number>;
  /** Closes everything; `appStopped` when the test has stopped ingest itself. */
  stop: (options?: Readonly<{ appStopped?: boolean }>) => Promise<void>;
}>;

export async function startIngest(prefix: string, overrides: Partial<IngestConfig> = {}): Promise<IngestHarness> {
  const schema = isolatedSchema(prefix);
  const config: IngestConfig = {
    databaseUrl: testInfra.databaseUrl,
    eventStoreSchema: schema.name,
    host: '127.0.0.1',
    port: await freePort(),
    maxFilesPerFolder: 10,
    metrics: { host: '127.0.0.1', port: 0 },
    ...overrides,
  };
  const logLines: string[] = [];
  const app = await createIngestApp(config, { logger: new JsonLogger('ingest', (line) => logLines.push(line)) });
  // Configured as the gateway's client should be: without Nagle, so concurrent commands really race.
  const client: ClientProxy = ClientProxyFactory.create({
    transport: Transport.TCP,
    options: { host: config.host, port: config.port, socketClass: NoDelayJsonSocket },
  });
  // The schema exists now: ingest migrated it at start.
  const dataSource: DataSource = await createDataSource({ url: config.databaseUrl, schema: schema.name, poolSize: 2 }).initialize();
  const store = new PostgresEventStore(dataSource);
  const logged = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const metricsUrl = String(logged().find((entry) => entry['message'] === 'metrics listening')?.['url']);
  const send = (pattern: IngestPattern, payload: unknown) => firstValueFrom(client.send<IngestReply>(pattern, payload));
  return {
    config,
    app,
    logLines,
    logged,
    metrics: async () => (await fetch(metricsUrl)).text(),
    send,
    refusal: (pattern, payload) =>
      send(pattern, payload).then(
        (reply) => {
          throw new Error(`expected ${pattern} to be refused, it answered ${JSON.stringify(reply)}`);
        },
        (error: unknown) => error,
      ),
    readStream: (folderId) => store.readStream(folderId),
    countEvents: async () => (await dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n,
    stop: async ({ appStopped = false } = {}) => {
      await client.close();
      if (!appStopped) await app.close();
      await dataSource.destroy();
      await schema.drop();
    },
  };
}
