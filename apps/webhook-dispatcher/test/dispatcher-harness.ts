// A webhook dispatcher under test: its own event-store, read-model and webhook schemas, its own
// topic, a real projection filling the read model, and folder histories decided by the domain.
import { randomUUID } from 'node:crypto';
import { type CommandMetadata, decide, evolve, type FolderCommand, initialFolderState } from '@forensics/domain';
import { createDataSource, EVENT_STORE_MIGRATIONS, handleCommand, migrate, PostgresEventStore, type StoredEvent, toEnvelope } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer } from '@forensics/messaging';
import { isolatedSchema, type ServiceProcess, startService, testInfra, uniqueName, waitFor } from '@forensics/testing';
import type { DataSource } from 'typeorm';
import type { WebhookDispatcherConfig } from '../src';

const folderDecider = { decide: (c: FolderCommand, s: ReturnType<typeof initialFolderState>) => decide(c, s), evolve, initialState: initialFolderState };

export async function dispatcherHarness() {
  const eventSchema = isolatedSchema('it_wh_events');
  const readSchema = isolatedSchema('it_wh_read');
  const schemas = [eventSchema, readSchema];
  const topic = uniqueName('it_wh_topic');
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'webhook-dispatcher-test' });
  await ensureTopic(kafka, topic, { partitions: 3 });
  const producer = await KafkaMessageProducer.connect(kafka);
  const events: DataSource = createDataSource({ url: testInfra.databaseUrl, schema: eventSchema.name, migrations: EVENT_STORE_MIGRATIONS });
  await events.initialize();
  await migrate(events);
  const store = new PostgresEventStore(events);
  // The projection as production runs it, a process of its own (an app's test may not import
  // another app): it fills the read model the sender reads the folder from.
  const projection: ServiceProcess = startService('apps/projection/src/main.ts', {
    DATABASE_URL: testInfra.databaseUrl,
    EVENT_STORE_SCHEMA: eventSchema.name,
    READ_MODEL_SCHEMA: readSchema.name,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    FOLDER_EVENTS_TOPIC: topic,
    FOLDER_EVENTS_PARTITIONS: '3',
    DEAD_LETTER_TOPIC: `${topic}.dead-letter`,
    PROJECTION_GROUP_ID: uniqueName('it_wh_projection'),
    PROJECTION_CONCURRENCY: '3',
    PROJECTION_CACHE_FOLDERS: '100',
    PROJECTION_COMMIT_INTERVAL_MS: '0',
    PROJECTION_COMMITS_IN_FLIGHT: '1',
    PROJECTION_METRICS_PORT: '0',
  });
  await waitFor(async () => projection.output().includes('projection consuming'), (ok) => ok, { timeoutMs: 60_000, what: `the projection consuming (log: ${projection.output()})` });
  const webhookDbs: DataSource[] = [];
  const meta = (role: 'CLIENT' | 'SYSTEM' | 'OPERATOR', companyId: string): CommandMetadata => ({
    now: new Date().toISOString(),
    actor: role === 'CLIENT' ? { user_id: 'user-1', company_id: companyId, role } : { user_id: `${role.toLowerCase()}-1`, company_id: null, role },
    correlation_id: randomUUID(),
  });
  const run = async (folderId: string, command: FolderCommand): Promise<readonly StoredEvent[]> =>
    (await handleCommand(store, folderDecider, folderId, command, { newEventId: randomUUID, schemaVersion: 1 })).events;
  const publish = (stored: readonly StoredEvent[]) =>
    producer.send(
      topic,
      stored.map((event) => ({ key: event.stream_id, value: JSON.stringify(toEnvelope(event)), headers: { type: event.type, schema_version: String(event.schema_version), event_id: event.event_id } })),
    );

  return {
    store,
    publish,
    /** A dispatcher's settings on this topic, with a webhook schema and a consumer group of its own. */
    dispatcherConfig(overrides: Partial<WebhookDispatcherConfig> = {}): WebhookDispatcherConfig {
      const webhookSchema = isolatedSchema('it_wh_hooks');
      schemas.push(webhookSchema);
      return {
        databaseUrl: testInfra.databaseUrl,
        eventStoreSchema: eventSchema.name,
        readModelSchema: readSchema.name,
        webhookSchema: webhookSchema.name,
        brokers: testInfra.kafkaBrokers,
        topic,
        partitions: 3,
        groupId: uniqueName('it_wh_dispatcher'),
        maxAttempts: 5,
        timeoutMs: 2_000,
        allowPrivateTargets: true,
        backoffBaseMs: 50,
        backoffCapMs: 200,
        pollMs: 50,
        // As deployed: the broker gathers the events for a quarter of a second.
        gatherMs: 250,
        publicBaseUrl: 'http://api.test',
        metrics: { host: '127.0.0.1', port: 0 },
        retentionDays: 90,
        ...overrides,
      };
    },
    /** Plain SQL on a dispatcher's webhook schema. */
    async webhookDb(schema: string): Promise<DataSource> {
      const db = createDataSource({ url: testInfra.databaseUrl, schema, poolSize: 2, migrations: [] });
      await db.initialize();
      webhookDbs.push(db);
      return db;
    },
    /** A folder of company `companyId` with a selfie and an ID photo, a QUALITY + BIOMETRY group, and this endpoint. */
    async kycFolder(resolutionEndpoint: string | null, companyId = 'company-a') {
      const folderId = randomUUID();
      const sha = (n: number) => `${n}`.padStart(64, 'a');
      const quality = randomUUID();
      const biometry = randomUUID();
      const stored = await run(folderId, {
        type: 'CreateFolder',
        data: {
          folder_id: folderId,
          company_id: companyId,
          user_id: 'user-1',
          resolution_endpoint: resolutionEndpoint,
          media: [
            { media_id: randomUUID(), original_name: 'selfie.mp4', media_type: 'VIDEO_FOLDER', tags: ['video_selfie'], blob: { sha256: sha(1), size: 10, mime: 'video/mp4' } },
            { media_id: randomUUID(), original_name: 'id.jpg', media_type: 'IMAGE_FOLDER', tags: ['photo_id_front'], blob: { sha256: sha(2), size: 10, mime: 'image/jpeg' } },
          ],
          analysis_group: { group_id: randomUUID(), analyses: [{ analysis_id: quality, type: 'quality' }, { analysis_id: biometry, type: 'biometry' }] },
        },
        metadata: meta('CLIENT', companyId),
      });
      return { folderId, quality, biometry, stored };
    },
    finish: (folderId: string, analysisId: string, resolution: 'SUCCESS' | 'DECLINED' | 'OPERATOR_REQUIRED') =>
      run(folderId, {
        type: 'RecordAnalysisResult',
        data: { folder_id: folderId, analysis_id: analysisId, outcome: { status: 'FINISHED', resolution, results_data: { min_confidence: 0.7 }, results_media: [], model_versions: { human: '3.3.6' }, duration_ms: 10 } },
        metadata: meta('SYSTEM', 'company-a'),
      }),
    /** A second group (one QUALITY analysis) on an existing folder. */
    async submitQuality(folderId: string) {
      const analysisId = randomUUID();
      const stored = await run(folderId, {
        type: 'SubmitAnalysisGroup',
        data: { folder_id: folderId, group_id: randomUUID(), analyses: [{ analysis_id: analysisId, type: 'quality' }] },
        metadata: meta('CLIENT', 'company-a'),
      });
      return { analysisId, stored };
    },
    decideAsOperator: (folderId: string, analysisId: string, resolution: 'SUCCESS' | 'DECLINED') =>
      run(folderId, { type: 'ResolveAnalysisByOperator', data: { folder_id: folderId, analysis_id: analysisId, resolution, comment: 'checked' }, metadata: meta('OPERATOR', 'company-a') }),
    async close() {
      await projection.stop();
      await producer.disconnect();
      await events.destroy();
      for (const db of webhookDbs) await db.destroy();
      for (const schema of schemas) await schema.drop();
    },
  };
}
