// A projection under test: its own event-store and read-model schemas, its own topic and group,
// and helpers to append realistic folder histories and to publish stored events by hand.
import { randomUUID } from 'node:crypto';
import { type CommandMetadata, decide, evolve, type FolderCommand, initialFolderState } from '@forensics/domain';
import { createDataSource, EVENT_STORE_MIGRATIONS, handleCommand, migrate, PostgresEventStore, type StoredEvent, toEnvelope } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer, type OutgoingMessage } from '@forensics/messaging';
import { FolderRowsRepository, READ_MODEL_MIGRATIONS } from '@forensics/read-model';
import { isolatedSchema, testInfra, uniqueName } from '@forensics/testing';
import type { DataSource } from 'typeorm';
import type { ProjectionConfig } from '../src';

export const folderDecider = { decide: (c: FolderCommand, s: ReturnType<typeof initialFolderState>) => decide(c, s), evolve, initialState: initialFolderState };

export async function projectionHarness() {
  const eventSchema = isolatedSchema('it_proj_events');
  const readSchema = isolatedSchema('it_proj_read');
  const topic = uniqueName('it_proj_topic');
  const config: ProjectionConfig = {
    databaseUrl: testInfra.databaseUrl,
    eventStoreSchema: eventSchema.name,
    readModelSchema: readSchema.name,
    brokers: testInfra.kafkaBrokers,
    topic,
    partitions: 3,
    deadLetterTopic: `${topic}.dead-letter`,
    groupId: uniqueName('it_proj_group'),
    concurrency: 2,
    cacheFolders: 2_000,
    commitIntervalMs: 1_000,
    commitsInFlight: 2,
    metrics: { host: '127.0.0.1', port: 0 },
  };
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'projection-test' });
  await ensureTopic(kafka, topic, { partitions: 3 });
  const producer = await KafkaMessageProducer.connect(kafka);
  const events: DataSource = createDataSource({ url: testInfra.databaseUrl, schema: eventSchema.name, migrations: EVENT_STORE_MIGRATIONS });
  const reads: DataSource = createDataSource({ url: testInfra.databaseUrl, schema: readSchema.name, migrations: READ_MODEL_MIGRATIONS });
  await events.initialize();
  await migrate(events);
  await reads.initialize();
  await migrate(reads);
  const store = new PostgresEventStore(events);
  const rows = new FolderRowsRepository(reads);
  const meta = (role: 'CLIENT' | 'SYSTEM' | 'OPERATOR'): CommandMetadata => ({
    now: new Date().toISOString(),
    actor: role === 'CLIENT' ? { user_id: 'user-1', company_id: 'company-a', role } : { user_id: `${role.toLowerCase()}-1`, company_id: null, role },
    correlation_id: randomUUID(),
  });
  const run = (folderId: string, command: FolderCommand) =>
    handleCommand(store, folderDecider, folderId, command, { newEventId: randomUUID, schemaVersion: 1 });

  return {
    config,
    kafka,
    store,
    rows,
    reads,
    events,
    meta,
    run,
    /** A folder with a selfie video and an ID photo, and a group of QUALITY + BIOMETRY. */
    async kycFolder(folderId = randomUUID()) {
      const sha = (n: number) => `${n}`.padStart(64, 'a');
      const q = randomUUID();
      const b = randomUUID();
      await run(folderId, {
        type: 'CreateFolder',
        data: {
          folder_id: folderId,
          company_id: 'company-a',
          user_id: 'user-1',
          meta_data: { transaction_id: folderId },
          media: [
            { media_id: randomUUID(), original_name: 'selfie.mp4', media_type: 'VIDEO_FOLDER', tags: ['video_selfie'], blob: { sha256: sha(1), size: 10, mime: 'video/mp4' } },
            { media_id: randomUUID(), original_name: 'id.jpg', media_type: 'IMAGE_FOLDER', tags: ['photo_id_front'], blob: { sha256: sha(2), size: 10, mime: 'image/jpeg' } },
          ],
          analysis_group: { group_id: randomUUID(), analyses: [{ analysis_id: q, type: 'quality' }, { analysis_id: b, type: 'biometry' }] },
        },
        metadata: meta('CLIENT'),
      });
      return { folderId, quality: q, biometry: b };
    },
    finish: (folderId: string, analysisId: string, resolution: 'SUCCESS' | 'DECLINED' | 'OPERATOR_REQUIRED') =>
      run(folderId, {
        type: 'RecordAnalysisResult',
        data: { folder_id: folderId, analysis_id: analysisId, outcome: { status: 'FINISHED', resolution, results_data: { min_confidence: 0.7 }, results_media: [], model_versions: { human: '3.3.6' }, duration_ms: 10 } },
        metadata: meta('SYSTEM'),
      }),
    fail: (folderId: string, analysisId: string) =>
      run(folderId, {
        type: 'RecordAnalysisResult',
        data: { folder_id: folderId, analysis_id: analysisId, outcome: { status: 'FAILED', error_code: 11, error_message: 'cannot decode the video', attempts: 3 } },
        metadata: meta('SYSTEM'),
      }),
    decideAsOperator: (folderId: string, analysisId: string, resolution: 'SUCCESS' | 'DECLINED') =>
      run(folderId, { type: 'ResolveAnalysisByOperator', data: { folder_id: folderId, analysis_id: analysisId, resolution, comment: 'checked' }, metadata: meta('OPERATOR') }),
    /** Publishes stored events to the topic as the relay would. */
    publish: (stored: readonly StoredEvent[]) => producer.send(topic, stored.map(asMessage)),
    publishRaw: (messages: readonly OutgoingMessage[]) => producer.send(topic, messages),
    async close() {
      await producer.disconnect();
      await events.destroy();
      await reads.destroy();
      await eventSchema.drop();
      await readSchema.drop();
    },
  };
}

export const asMessage = (event: StoredEvent): OutgoingMessage => ({
  key: event.stream_id,
  value: JSON.stringify(toEnvelope(event)),
  headers: { type: event.type, schema_version: String(event.schema_version), event_id: event.event_id },
});
