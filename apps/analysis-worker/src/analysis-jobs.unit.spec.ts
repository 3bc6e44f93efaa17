// Which analyses of a submitted group a worker runs: those the folder's stream still shows as
// PROCESSING, each with the media the stream assigned to it.
import { type AnalysisGroupSubmitted, evolveAll, type FolderEvent, initialFolderState, type MediaType } from '@forensics/domain';
import { pendingJobs } from './analysis-jobs';

const FOLDER = 'folder-1';
const meta = { occurred_at: '2026-11-22T10:00:00.000Z', user_id: 'user-1', company_id: 'company-a', correlation_id: 'request-1' };

const created: FolderEvent = { type: 'FolderCreated', data: { folder_id: FOLDER, company_id: 'company-a', user_id: 'user-1', meta_data: {}, resolution_endpoint: null }, metadata: meta };
const media = (media_id: string, tags: string[], media_type: MediaType): FolderEvent => ({
  type: 'MediaUploaded',
  data: { media_id, original_name: media_id, media_type, tags, meta_data: {}, blob: { sha256: media_id.padEnd(64, 'a'), size: 10, mime: media_type === 'VIDEO_FOLDER' ? 'video/mp4' : 'image/jpeg' } },
  metadata: meta,
});
const group: AnalysisGroupSubmitted['data'] = {
  group_id: 'g1',
  analyses: [
    { analysis_id: 'q1', type: 'QUALITY', source_media_ids: ['selfie'], params: { threshold_spoofing: 0.4 }, meta_data: {} },
    { analysis_id: 'b1', type: 'BIOMETRY', source_media_ids: ['selfie', 'id-front'], params: {}, meta_data: {} },
  ],
  resolution_endpoint: null,
};
const submitted: FolderEvent = { type: 'AnalysisGroupSubmitted', data: group, metadata: meta };
const qualityFinished: FolderEvent = {
  type: 'AnalysisFinished',
  data: { analysis_id: 'q1', group_id: 'g1', resolution: 'SUCCESS', results_data: null, results_media: [], model_versions: {}, duration_ms: 5 },
  metadata: meta,
};
const history = [created, media('selfie', ['video_selfie'], 'VIDEO_FOLDER'), media('id-front', ['photo_id_front'], 'IMAGE_FOLDER'), media('id-back', ['photo_id_back'], 'IMAGE_FOLDER'), submitted];

describe('pendingJobs', () => {
  it('given a group just submitted, then every analysis is a job with its params and the media the stream assigned, in order', () => {
    const jobs = pendingJobs(group, FOLDER, evolveAll(initialFolderState(), history));
    expect(jobs.map((j) => [j.analysis_id, j.type, j.media.map((m) => m.media_id)])).toEqual([
      ['q1', 'QUALITY', ['selfie']],
      ['b1', 'BIOMETRY', ['selfie', 'id-front']],
    ]);
    expect(jobs[0]).toMatchObject({ folder_id: FOLDER, group_id: 'g1', params: { threshold_spoofing: 0.4 } });
    expect(jobs[0]?.media[0]?.blob.mime).toBe('video/mp4');
  });

  it('given an analysis already recorded (a redelivered group), then only the others are jobs', () => {
    const jobs = pendingJobs(group, FOLDER, evolveAll(initialFolderState(), [...history, qualityFinished]));
    expect(jobs.map((j) => j.analysis_id)).toEqual(['b1']);
  });

  it('given a folder the stream does not hold (yet), then there is nothing to run', () => {
    expect(pendingJobs(group, FOLDER, initialFolderState())).toEqual([]);
  });
});
