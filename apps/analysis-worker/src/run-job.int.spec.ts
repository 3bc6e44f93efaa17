// What the worker records when the folder's rules refuse an analyzer's result: the analysis must
// end, not stay PROCESSING while the message is retried for ever. The analyzer here is a faulty
// one on purpose (a QUALITY verdict of OPERATOR_REQUIRED, which the rules forbid); the event
// store, the blob store and the rules are the real ones.
import { evolve, type FolderEvent, initialFolderState, type AnalysisGroupSubmitted } from '@forensics/domain';
import { workerHarness } from '../test/worker-harness';
import { pendingJobs } from './analysis-jobs';
import { runJob } from './run-job';

jest.setTimeout(60_000);

describe('runJob', () => {
  let h: Awaited<ReturnType<typeof workerHarness>>;

  beforeAll(async () => {
    h = await workerHarness(1);
  });

  afterAll(() => h?.close());

  it('given an analyzer result that the folder refuses, then the analysis ends FAILED (code 0) with the reason, and a second run records nothing more', async () => {
    const folder = await h.folder([{ file: 'footballer.jpg', tags: ['photo_selfie'] }], { q: { type: 'quality' } });
    const history = await h.store.readStream(folder.folderId);
    const state = history.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }) as FolderEvent).reduce(evolve, initialFolderState());
    const submitted = history.find((e) => e.type === 'AnalysisGroupSubmitted')?.data as AnalysisGroupSubmitted['data'];
    const [job] = pendingJobs(submitted, folder.folderId, state);
    const deps = {
      eventStore: h.store,
      blobs: h.blobs,
      analyze: async () => ({
        outcome: { status: 'FINISHED' as const, resolution: 'OPERATOR_REQUIRED' as const, results_data: {}, results_media: [], model_versions: { test: '1' }, duration_ms: 5 },
        artifacts: [],
      }),
      outputUrlBase: '/api/output-images',
      now: () => new Date().toISOString(),
    };

    const outcome = await runJob(job!, 'corr-1', deps, { events: history });
    expect(outcome).toEqual(expect.objectContaining({ status: 'FAILED', error_code: 0, error_message: expect.stringMatching(/refused: A QUALITY analysis never ends OPERATOR_REQUIRED/) }));
    // A redelivery that still holds the stream as it was before the first outcome.
    await runJob(job!, 'corr-1', deps, { events: history });
    const recorded = (await h.outcomes(folder.folderId)).get(folder.analysisIds['q'] as string);
    expect(recorded?.map((e) => [e.type, (e.data as { error_code?: number }).error_code])).toEqual([['AnalysisFailed', 0]]);
  });
});
