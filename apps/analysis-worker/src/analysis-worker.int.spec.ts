// The worker end to end, with real Kafka, PostgreSQL, blob store and face models: a submitted
// group on the topic becomes exactly one outcome event per analysis in the folder's stream.
import { decodeMedia, loadFaceEngine } from '@forensics/analyzers';
import type { FolderEvent } from '@forensics/domain';
import { uniqueName, waitFor } from '@forensics/testing';
import { workerHarness } from '../test/worker-harness';
import { createWorker, type RunningWorker } from './create-worker';

jest.setTimeout(120_000);

describe('analysis worker', () => {
  let h: Awaited<ReturnType<typeof workerHarness>>;
  let worker: RunningWorker;
  /** What the worker logged, as entries. */
  const logged: Record<string, unknown>[] = [];
  const metricValue = async (pattern: RegExp) => Number(pattern.exec(await (await fetch(`${worker.metricsServer.url}/metrics`)).text())?.[1] ?? NaN);

  beforeAll(async () => {
    h = await workerHarness();
    worker = await createWorker(h.config, (entry) => logged.push(entry));
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await h?.close();
  });

  /** Submitted groups put on the topic so far, by every test. */
  let groupsPublished = 0;
  const publish = (events: Parameters<typeof h.publish>[0]) => {
    groupsPublished += events.filter((e) => e.type === 'AnalysisGroupSubmitted').length;
    return h.publish(events);
  };

  const settled = async (folderId: string, count: number) => {
    await waitFor(() => h.outcomes(folderId), (o) => o.size === count, { timeoutMs: 90_000, intervalMs: 200, what: `${count} outcomes in folder ${folderId}` });
    return h.outcomes(folderId);
  };
  const only = (events: FolderEvent[] | undefined): FolderEvent => {
    expect(events).toHaveLength(1);
    return events?.[0] as FolderEvent;
  };

  it('answers /health with its database and whether its consumer still consumes', async () => {
    const health = await fetch(`${worker.metricsServer.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ postgres: true, consuming: true });
  });

  it('given a KYC folder (selfie video, ID photo) with QUALITY and BIOMETRY, then liveness has a score and a best shot with one face, and the faces match', async () => {
    const folder = await h.folder(
      [
        { file: 'astronaut-selfie.mp4', tags: ['video_selfie'] },
        { file: 'astronaut.png', tags: ['photo_id_front'] },
      ],
      { quality: { type: 'quality' }, biometry: { type: 'biometry' } },
    );
    await publish(folder.events);
    const outcomes = await settled(folder.folderId, 2);

    const quality = only(outcomes.get(folder.analysisIds['quality'] as string));
    expect(quality.type).toBe('AnalysisFinished');
    const qualityData = quality.data as unknown as { resolution: string; results_media: { source_media_id: string; results_data: { confidence_spoofing: number }; output_images?: { original_url: string; sha256: string }[] }[] };
    const [selfie] = qualityData.results_media;
    expect(selfie?.source_media_id).toBe(folder.media[0]?.media_id);
    expect(selfie?.results_data.confidence_spoofing).toBeGreaterThanOrEqual(0);
    expect(selfie?.results_data.confidence_spoofing).toBeLessThanOrEqual(1);
    const [bestShot] = selfie?.output_images ?? [];
    expect(bestShot?.original_url).toBe(`/api/output-images/${bestShot?.sha256}`);

    // The best shot is a stored image with exactly one face in it.
    const [frame] = await decodeMedia('image/jpeg', await h.blobs.readBuffer(bestShot?.sha256 ?? ''));
    if (!frame) throw new Error('the best shot does not decode');
    const engine = await loadFaceEngine();
    expect(await engine.detectFaces(frame)).toHaveLength(1);

    const biometry = only(outcomes.get(folder.analysisIds['biometry'] as string));
    expect(biometry).toMatchObject({ type: 'AnalysisFinished', data: { resolution: 'SUCCESS' } });
    expect(biometry.metadata).toMatchObject({ user_id: 'analysis-worker' });

    // The outcomes and the worker's log lines carry the request that submitted the group.
    const correlationId = folder.events[0]?.metadata['correlation_id'];
    expect([quality.metadata.correlation_id, biometry.metadata.correlation_id]).toEqual([correlationId, correlationId]);
    for (const message of ['analysis started', 'analysis recorded']) {
      expect(logged.filter((entry) => entry['message'] === message && entry['folder_id'] === folder.folderId)).toEqual([
        expect.objectContaining({ level: 'info', correlation_id: correlationId }),
        expect.objectContaining({ level: 'info', correlation_id: correlationId }),
      ]);
    }
  });

  it('given a truncated video and a photo with no face, then the first analysis FAILED with an error code and the second DECLINED for no face, and the metrics count both', async () => {
    const counted = (outcome: string) => metricValue(new RegExp(`^analyses_total\\{type="QUALITY",outcome="${outcome}"\\} (\\d+)$`, 'm'));
    const [failedBefore, declinedBefore] = [(await counted('FAILED')) || 0, (await counted('DECLINED')) || 0];
    const broken = await h.folder([{ file: 'truncated.mp4', tags: ['video_selfie'] }], { quality: { type: 'quality' } });
    const cat = await h.folder([{ file: 'cat-no-face.png', tags: ['photo_selfie'] }], { quality: { type: 'quality' } });
    await publish([...broken.events, ...cat.events]);

    const failed = only((await settled(broken.folderId, 1)).get(broken.analysisIds['quality'] as string));
    expect(failed.type).toBe('AnalysisFailed');
    expect(failed.data).toMatchObject({ error_code: 4, error_message: expect.stringMatching(/decode|moov|invalid/i) });

    const declined = only((await settled(cat.folderId, 1)).get(cat.analysisIds['quality'] as string));
    expect(declined).toMatchObject({ type: 'AnalysisFinished', data: { resolution: 'DECLINED', results_data: { reason: expect.stringMatching(/no.?face/i) } } });
    expect([await counted('FAILED'), await counted('DECLINED')]).toEqual([failedBefore + 1, declinedBefore + 1]);
    expect(await metricValue(/^analysis_duration_seconds_count\{type="QUALITY"\} (\d+)$/m)).toBeGreaterThanOrEqual(3);
    await waitFor(() => metricValue(/^analyses_per_minute (\S+)$/m), (n) => n > 0, { what: 'analyses a minute above 0' });
  });

  const histories = async () => ({
    consumed: (await metricValue(/^analysis_group_histories_total\{source="consumed"\} (\S+)$/m)) || 0,
    read: (await metricValue(/^analysis_group_histories_total\{source="event_store"\} (\S+)$/m)) || 0,
  });

  it('given a group delivered twice, then each analysis still has exactly one outcome, and the second delivery reads the stream', async () => {
    const folder = await h.folder([{ file: 'footballer.jpg', tags: ['photo_selfie'] }], { quality: { type: 'quality', params: { extract_best_shot: false } } });
    const before = await histories();
    await publish(folder.events);
    await settled(folder.folderId, 1);
    // Every event of the folder came on the topic, from its first: the group started on them.
    expect(await histories()).toEqual({ consumed: before.consumed + 1, read: before.read });
    await publish(folder.events);
    await waitFor(histories, (now) => now.read === before.read + 1, { what: 'the second delivery read from the event store' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const outcomes = await h.outcomes(folder.folderId);
    expect(outcomes.get(folder.analysisIds['quality'] as string)).toHaveLength(1);
    expect(logged.filter((entry) => entry['message'] === 'analysis started' && entry['folder_id'] === folder.folderId)).toHaveLength(1);
    expect(worker.running()).toBe(0);
  });

  it("given a group whose folder's earlier events it did not consume, then it reads the folder from the event store and records the outcome", async () => {
    const folder = await h.folder([{ file: 'footballer.jpg', tags: ['photo_selfie'] }], { quality: { type: 'quality', params: { extract_best_shot: false } } });
    const before = await histories();
    await publish(folder.events.filter((e) => e.type === 'AnalysisGroupSubmitted'));
    const outcomes = await settled(folder.folderId, 1);
    expect(only(outcomes.get(folder.analysisIds['quality'] as string))).toMatchObject({ type: 'AnalysisFinished' });
    expect(await histories()).toEqual({ consumed: before.consumed, read: before.read + 1 });
  });

  it('given a new member that replays the whole topic (every group already recorded), then it reads each folder from the event store and runs nothing again', async () => {
    const replayLog: Record<string, unknown>[] = [];
    const replaying = await createWorker({ ...h.config, groupId: uniqueName('it_worker_replay') }, (entry) => replayLog.push(entry));
    try {
      const count = async (source: string) => Number(new RegExp(`^analysis_group_histories_total\\{source="${source}"\\} (\\S+)$`, 'm').exec(await (await fetch(`${replaying.metricsServer.url}/metrics`)).text())?.[1] ?? 0);
      await waitFor(() => count('event_store'), (n) => n >= groupsPublished, { timeoutMs: 60_000, what: `${groupsPublished} groups replayed` });
      expect(await count('consumed')).toBe(0);
      expect(replayLog.filter((entry) => entry['message'] === 'analysis started')).toEqual([]);
      expect(replaying.running()).toBe(0);
    } finally {
      await replaying.close();
    }
  });
});
