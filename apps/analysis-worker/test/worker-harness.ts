// An analysis worker under test: its own event-store schema, topic, group and blob directory,
// folders made of the real fixture media, and the stored events published as the relay does.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlobStore } from '@forensics/blob-store';
import { type CommandMetadata, decide, evolve, type FolderEvent, initialFolderState, type MediaType } from '@forensics/domain';
import { createDataSource, EVENT_STORE_MIGRATIONS, handleCommand, migrate, PostgresEventStore, type StoredEvent, toEnvelope } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer } from '@forensics/messaging';
import { isolatedSchema, testInfra, uniqueName } from '@forensics/testing';
import type { AnalysisWorkerConfig } from '../src';

export const FIXTURES = path.resolve(__dirname, '../../../libs/analyzers/test/fixtures/media');

const decider = { decide: (c: Parameters<typeof decide>[0], s: ReturnType<typeof initialFolderState>) => decide(c, s), evolve, initialState: initialFolderState };

export type FixtureMedia = Readonly<{ file: string; tags: string[] }>;

export async function workerHarness(partitions = 3) {
  const schema = isolatedSchema('it_worker_events');
  const topic = uniqueName('it_worker_topic');
  const blobDir = mkdtempSync(path.join(os.tmpdir(), 'it-worker-blobs-'));
  const config: AnalysisWorkerConfig = {
    databaseUrl: testInfra.databaseUrl,
    eventStoreSchema: schema.name,
    brokers: testInfra.kafkaBrokers,
    topic,
    partitions,
    groupId: uniqueName('it_worker_group'),
    blobDir,
    concurrency: 2,
    maxAttempts: 3,
    metrics: { host: '127.0.0.1', port: 0 },
  };
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'analysis-worker-test' });
  await ensureTopic(kafka, topic, { partitions });
  const producer = await KafkaMessageProducer.connect(kafka);
  const events = createDataSource({ url: testInfra.databaseUrl, schema: schema.name, migrations: EVENT_STORE_MIGRATIONS });
  await events.initialize();
  await migrate(events);
  const store = new PostgresEventStore(events);
  const blobs = new BlobStore({ root: blobDir });
  const meta = (): CommandMetadata => ({ now: new Date().toISOString(), actor: { user_id: 'user-1', company_id: 'company-a', role: 'CLIENT' }, correlation_id: randomUUID() });

  return {
    config,
    store,
    blobs,
    /** A folder in one request: the media stored as blobs, and a group of these analyses. */
    async folder(media: readonly FixtureMedia[], analyses: Record<string, { type: string; params?: Record<string, unknown> }>) {
      const folderId = randomUUID();
      const inputs = await Promise.all(
        media.map(async ({ file, tags }) => {
          const stored = await blobs.put(readFileSync(path.join(FIXTURES, file)));
          return { media_id: randomUUID(), original_name: file, media_type: stored.media_type as MediaType, tags, blob: { sha256: stored.sha256, size: stored.size, mime: stored.mime } };
        }),
      );
      const ids = Object.fromEntries(Object.keys(analyses).map((name) => [name, randomUUID()]));
      const result = await handleCommand(
        store,
        decider,
        folderId,
        {
          type: 'CreateFolder',
          data: {
            folder_id: folderId,
            company_id: 'company-a',
            user_id: 'user-1',
            media: inputs,
            analysis_group: {
              group_id: randomUUID(),
              analyses: Object.entries(analyses).map(([name, a]) => ({ analysis_id: ids[name] as string, type: a.type, params: (a.params ?? {}) as never })),
            },
          },
          metadata: meta(),
        },
        { newEventId: randomUUID, schemaVersion: 1, expectNewStream: true },
      );
      return { folderId, analysisIds: ids, media: inputs, events: result.events };
    },
    /** Publishes stored events to the topic as the relay would. */
    publish: (stored: readonly StoredEvent[]) =>
      producer.send(
        topic,
        stored.map((event) => ({ key: event.stream_id, value: JSON.stringify(toEnvelope(event)), headers: { type: event.type, schema_version: String(event.schema_version), event_id: event.event_id } })),
      ),
    /** The outcome events of a folder's analyses, by analysis id. */
    async outcomes(folderId: string): Promise<Map<string, FolderEvent[]>> {
      const byAnalysis = new Map<string, FolderEvent[]>();
      for (const e of await store.readStream(folderId)) {
        if (e.type !== 'AnalysisFinished' && e.type !== 'AnalysisFailed') continue;
        const id = (e.data as { analysis_id: string }).analysis_id;
        byAnalysis.set(id, [...(byAnalysis.get(id) ?? []), { type: e.type, data: e.data, metadata: e.metadata } as FolderEvent]);
      }
      return byAnalysis;
    },
    async close() {
      await producer.disconnect();
      await events.destroy();
      await schema.drop();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}
