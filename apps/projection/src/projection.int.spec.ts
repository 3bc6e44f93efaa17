// The projection against a real Kafka topic and PostgreSQL: every event type reaches the read
// model, duplicates change nothing, a gap is filled from the store, poison goes to the dead
// letters and the partition goes on.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { projectFolder, type StoredFolderRows, toFolderResponse } from '@forensics/read-model';
import { recordTopic, testInfra, waitFor } from '@forensics/testing';
import { asMessage, projectionHarness } from '../test/projection-harness';
import { createProjection, type RunningProjection } from './create-projection';
import { foldableEnvelope } from './stored-projections';
import { folderUpdatedChannel } from '@forensics/read-model';

jest.setTimeout(30_000);

describe('projection', () => {
  let h: Awaited<ReturnType<typeof projectionHarness>>;
  let projection: RunningProjection;
  /** What the projection logged, as entries. */
  const logged: Record<string, unknown>[] = [];
  const response = (projection: StoredFolderRows | undefined) => {
    if (!projection?.folder) throw new Error('the folder has no row yet');
    return toFolderResponse({ ...projection, folder: projection.folder }, { withAnalyses: true }) as unknown as Record<string, unknown>;
  };

  const versionOf = async (folderId: string) => (await h.rows.readRows([folderId])).get(folderId)?.version ?? 0;
  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(
        ['folders', 'media', 'analyses', 'analysis_groups'].map(async (table) => [table, await h.reads.query(`SELECT * FROM ${table} ORDER BY 1`)]),
      ),
    );

  beforeAll(async () => {
    h = await projectionHarness();
    projection = await createProjection(h.config, (entry) => logged.push(entry));
  }, 60_000);

  afterAll(async () => {
    await projection?.close();
    await h?.close();
  });

  it('folds every event type into the folder as the API returns it, and announces each commit', async () => {
    const listener = new Client({ connectionString: testInfra.databaseUrl });
    await listener.connect();
    const announced: { folder_id: string; version: number }[] = [];
    listener.on('notification', (n) => announced.push(JSON.parse(n.payload ?? '{}')));
    await listener.query(`LISTEN "${folderUpdatedChannel(h.config.readModelSchema)}"`);
    try {
      const { folderId, quality, biometry } = await h.kycFolder();
      await h.finish(folderId, quality, 'SUCCESS');
      await h.finish(folderId, biometry, 'OPERATOR_REQUIRED');
      await h.decideAsOperator(folderId, biometry, 'DECLINED');
      const second = await h.kycFolder();
      await h.fail(second.folderId, second.quality);
      const firstHistory = await h.store.readStream(folderId);
      const secondHistory = await h.store.readStream(second.folderId);
      expect(firstHistory.map((e) => e.type)).toEqual([
        'FolderCreated', 'MediaUploaded', 'MediaUploaded', 'AnalysisGroupSubmitted', 'AnalysisFinished', 'AnalysisFinished', 'AnalysisResolvedByOperator',
      ]);
      await h.publish([...firstHistory, ...secondHistory]);

      await waitFor(() => versionOf(folderId), (v) => v === 7, { what: 'the first folder at version 7' });
      await waitFor(() => versionOf(second.folderId), (v) => v === secondHistory.length, { what: 'the second folder fully applied' });
      const loaded = await h.rows.readRows([folderId, second.folderId]);
      const first = response(loaded.get(folderId));
      expect(first).toMatchObject({ folder_id: folderId, resolution_status: 'FINISHED', system_resolution: 'DECLINED' });
      expect(first['media']).toHaveLength(2);
      expect(first['analyses']).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ analysis_id: quality, type: 'QUALITY', state: 'FINISHED', resolution_status: 'SUCCESS' }),
          expect.objectContaining({ analysis_id: biometry, type: 'BIOMETRY', resolution_status: 'DECLINED', resolution_operator: 'operator-1' }),
        ]),
      );
      const other = response(loaded.get(second.folderId));
      expect(other).toMatchObject({ resolution_status: 'PROCESSING', system_resolution: 'PROCESSING' });
      expect(other['analyses']).toEqual(expect.arrayContaining([expect.objectContaining({ analysis_id: second.quality, state: 'FAILED', error_code: 11 })]));
      await waitFor(() => announced.filter((a) => a.folder_id === folderId).map((a) => a.version), (v) => v.includes(7), { what: 'a folder_updated notification' });
    } finally {
      await listener.end();
    }
  });

  it('leaves the read model identical when every event is delivered twice', async () => {
    const { folderId, quality, biometry } = await h.kycFolder();
    await h.finish(folderId, quality, 'SUCCESS');
    await h.finish(folderId, biometry, 'SUCCESS');
    const history = await h.store.readStream(folderId);
    await h.publish(history);
    await waitFor(() => versionOf(folderId), (v) => v === history.length, { what: 'the folder once' });
    const once = await snapshot();
    const redeliveredBefore = (await projection.metrics.redeliveries.get()).values[0]?.value ?? 0;
    await h.publish(history);
    await waitFor(async () => (await projection.metrics.redeliveries.get()).values[0]?.value ?? 0, (n) => n >= redeliveredBefore + history.length, { what: 'the duplicates to be seen' });
    expect(await snapshot()).toEqual(once);
  });

  it('given a folder stored by another process, when its history arrives again from its first event, then the batch is folded again after a read and nothing changes', async () => {
    const { folderId, quality } = await h.kycFolder();
    await h.finish(folderId, quality, 'SUCCESS');
    const history = await h.store.readStream(folderId);
    // Written by someone else (a member before a rebalance, a rebuild): not in this process's cache.
    await h.rows.write([{ expectedVersion: 0, projection: projectFolder(null, history.map(foldableEnvelope)) }]);
    const stored = await snapshot();
    const redeliveredBefore = (await projection.metrics.redeliveries.get()).values[0]?.value ?? 0;
    await h.publish(history);
    await waitFor(async () => (await projection.metrics.redeliveries.get()).values[0]?.value ?? 0, (n) => n >= redeliveredBefore + history.length, { what: 'the history to be seen as delivered again' });
    expect(await snapshot()).toEqual(stored);
  });

  it('fills a gap from the event store instead of skipping it', async () => {
    const { folderId, quality } = await h.kycFolder();
    await h.finish(folderId, quality, 'SUCCESS');
    const history = await h.store.readStream(folderId);
    // Version 2 never reaches the topic.
    await h.publish(history.filter((e) => e.stream_version !== 2));
    await waitFor(() => versionOf(folderId), (v) => v === history.length, { what: 'the folder with its gap filled' });
    expect((await projection.metrics.gapFills.get()).values[0]?.value).toBeGreaterThanOrEqual(1);
    expect((await h.rows.readRows([folderId])).get(folderId)?.media).toHaveLength(2);
  });

  it('sends poison messages to the dead-letter topic with the reason, and applies the next good one', async () => {
    const deadLetters = await recordTopic(h.config.deadLetterTopic);
    try {
      const { folderId } = await h.kycFolder();
      const [created] = await h.store.readStream(folderId);
      const envelope = (overrides: object) => JSON.stringify({ ...JSON.parse(JSON.stringify({ event_id: randomUUID(), stream_id: folderId })), ...overrides });
      await h.publishRaw([
        { key: folderId, value: '{ not json' },
        { key: folderId, value: envelope({ type: 'FolderTeleported', schema_version: 1 }) },
        { key: folderId, value: JSON.stringify({ ...JSON.parse(asMessage(created!).value), schema_version: 99 }) },
      ]);
      await h.publish(await h.store.readStream(folderId));
      await waitFor(() => versionOf(folderId), (v) => v === 4, { what: 'the good events after the poison' });
      await waitFor(() => deadLetters.messages.length, (n) => n >= 3, { what: 'three dead letters' });
      expect(deadLetters.messages.map((m) => m.headers['reason'])).toEqual([expect.stringMatching(/json/i), expect.stringMatching(/type/i), expect.stringMatching(/schema/i)]);
      expect(deadLetters.messages[0]).toMatchObject({ value: '{ not json', headers: expect.objectContaining({ source_topic: h.config.topic }) });
      expect((await projection.metrics.deadLetters.get()).values.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThanOrEqual(3);
    } finally {
      await deadLetters.stop();
    }
  });

  it('given a stored event it cannot read (a newer schema version), then the folder stops before it and its later events go to the dead-letter topic, once each, instead of blocking the partition', async () => {
    const deadLetters = await recordTopic(h.config.deadLetterTopic);
    try {
      const { folderId, quality, biometry } = await h.kycFolder();
      // Version 5, written by a newer writer in a shape this projection does not know.
      const data = { analysis_id: quality, group_id: 'g', resolution: 'SUCCESS', results_data: null, results_media: [], model_versions: {}, duration_ms: 1 };
      await h.store.append(folderId, 4, [{ event_id: randomUUID(), type: 'AnalysisFinished', schema_version: 99, data, metadata: { actor: { user_id: 'w', company_id: null, role: 'SYSTEM' } } }]);
      await h.finish(folderId, biometry, 'SUCCESS');
      const history = await h.store.readStream(folderId);
      expect(history.map((e) => e.stream_version)).toEqual([1, 2, 3, 4, 5, 6]);
      await h.publish(history);
      // The topic holds the dead letters of the other tests too: this folder's only.
      const mine = () => deadLetters.messages.filter((m) => m.key === folderId);
      await waitFor(async () => mine().length, (n) => n >= 2, { what: 'version 5 and version 6 dead-lettered' });
      // Retried batches would send them again: wait, then count.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(mine().map((m) => m.headers['reason'])).toEqual([expect.stringMatching(/schema/i), expect.stringMatching(/^behind an unreadable event: folder .* stops at version 4/)]);
      expect(await versionOf(folderId)).toBe(4);
      // The partitions go on: a folder after it is applied.
      const next = await h.kycFolder();
      await h.publish(await h.store.readStream(next.folderId));
      await waitFor(() => versionOf(next.folderId), (v) => v === 4, { what: 'the next folder applied' });
    } finally {
      await deadLetters.stop();
    }
  });

  it('logs each committed batch once, with the correlation ids of the requests in it', async () => {
    const { folderId } = await h.kycFolder();
    const history = await h.store.readStream(folderId);
    const correlationId = history[0]?.metadata['correlation_id'];

    await h.publish(history);

    await waitFor(() => versionOf(folderId), (v) => v === history.length, { what: 'the folder applied' });
    const batches = logged.filter((entry) => entry['message'] === 'batch committed' && (entry['correlation_ids'] as string[]).includes(String(correlationId)));
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches[0]).toMatchObject({ level: 'info', events: expect.any(Number), folders: expect.any(Number) });
  });

  it('exposes the events applied, dead letters, consumer lag and process metrics on its metrics port, and a health check', async () => {
    const { url, port } = projection.metricsServer;
    expect(logged).toContainEqual(expect.objectContaining({ message: 'metrics listening', metrics_port: port }));
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^projection_events_applied_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^projection_consumer_lag_messages \d+$/m);
    expect(metrics).toMatch(/^projection_events_applied_per_second /m);
    expect(metrics).toMatch(/^projection_dead_letters_total\{reason=/m);
    expect(metrics).toMatch(/^process_resident_memory_bytes [1-9]/m);
    expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds /m);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', postgres: true, kafka: true, lag: expect.any(Number) });
  });
});
