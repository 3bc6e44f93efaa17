// The worker as production runs it, as processes: killed with -9 in the middle of its analyses
// and started again, every analysis ends with exactly one outcome; two processes in one consumer
// group share the folders.
import { startService, waitFor, type ServiceProcess } from '@forensics/testing';
import { workerHarness } from '../test/worker-harness';

jest.setTimeout(240_000);

describe('analysis worker processes', () => {
  let h: Awaited<ReturnType<typeof workerHarness>>;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    h = await workerHarness(6);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await h?.close();
  });

  const env = (groupSuffix = '') => ({
    DATABASE_URL: h.config.databaseUrl,
    EVENT_STORE_SCHEMA: h.config.eventStoreSchema,
    FOLDER_EVENTS_TOPIC: h.config.topic,
    ANALYSIS_WORKER_GROUP_ID: `${h.config.groupId}${groupSuffix}`,
    BLOB_DIR: h.config.blobDir,
    ANALYSIS_WORKER_CONCURRENCY: '2',
    // Two workers run at once here: each takes a free metrics port.
    ANALYSIS_WORKER_METRICS_PORT: '0',
  });
  const start = (groupSuffix = '') => {
    const worker = startService('apps/analysis-worker/src/main.ts', env(groupSuffix));
    processes.push(worker);
    return worker;
  };
  /** KYC folders: a selfie video and an ID photo, QUALITY and BIOMETRY. */
  const kycFolders = (count: number) =>
    Promise.all(
      Array.from({ length: count }, () =>
        h.folder(
          [
            { file: 'astronaut-selfie.mp4', tags: ['video_selfie'] },
            { file: 'footballer.jpg', tags: ['photo_id_front'] },
          ],
          { quality: { type: 'quality' }, biometry: { type: 'biometry' } },
        ),
      ),
    );
  const outcomeCounts = async (folders: Awaited<ReturnType<typeof kycFolders>>) => {
    const counts: number[] = [];
    for (const folder of folders) {
      const outcomes = await h.outcomes(folder.folderId);
      for (const id of Object.values(folder.analysisIds)) counts.push(outcomes.get(id)?.length ?? 0);
    }
    return counts;
  };
  const recordedBy = (worker: ServiceProcess) => worker.output().split('\n').filter((line) => line.includes('"analysis recorded"')).length;

  it('given a worker killed with -9 during its analyses, when one starts again, then every analysis has exactly one outcome event', async () => {
    const folders = await kycFolders(8);
    await h.publish(folders.flatMap((f) => f.events));
    const first = start();
    const recorded = async () => (await outcomeCounts(folders)).filter((n) => n > 0).length;
    const atKill = await waitFor(recorded, (n) => n >= 2 && n < 16, { timeoutMs: 120_000, intervalMs: 20, what: `some analyses recorded, not all (log: ${first.output().slice(-2000)})` });
    await first.kill9();
    expect(atKill).toBeLessThan(16);

    const second = start();
    await waitFor(recorded, (n) => n === 16, { timeoutMs: 180_000, intervalMs: 250, what: `every analysis recorded after the restart (log: ${second.output().slice(-2000)})` });
    expect(await outcomeCounts(folders)).toEqual(Array.from({ length: 16 }, () => 1));
    await second.stop();
  });

  it('given two worker processes in one consumer group, then both run analyses and each analysis is recorded once', async () => {
    const [a, b] = [start('-pair'), start('-pair')];
    // Both members joined before the work arrives, so the partitions are split between them.
    await waitFor(async () => [a, b].every((w) => w.output().includes('analysis worker consuming')), (ok) => ok, { timeoutMs: 60_000, what: 'both workers consuming' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const folders = await kycFolders(12);
    await h.publish(folders.flatMap((f) => f.events));
    await waitFor(async () => (await outcomeCounts(folders)).every((n) => n === 1), (ok) => ok, { timeoutMs: 180_000, intervalMs: 250, what: 'every analysis recorded' });
    expect(await outcomeCounts(folders)).toEqual(Array.from({ length: 24 }, () => 1));
    expect([recordedBy(a), recordedBy(b)].map((n) => n > 0)).toEqual([true, true]);
    expect(recordedBy(a) + recordedBy(b)).toBeGreaterThanOrEqual(24);
  });
});
