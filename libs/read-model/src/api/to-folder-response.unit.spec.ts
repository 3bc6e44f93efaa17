import { type FolderProjection, type FolderRows, projectFolder, toFolderResponse } from '../index';
import * as story from '../../test/events-md-history';
import { SEED_RESPONSE } from '../../test/seed-single-request-response';

const keysOf = (value: object) => Object.keys(value).sort();
const rowsOf = (projection: FolderProjection): FolderRows => ({ ...projection, folder: projection.folder! });

/** Keys the API adds beyond the seed's example: both are named in DESIGN.md §3 and the brief of the read model. */
const ANALYSIS_EXTRAS = ['params', 'resolution_comment'];

describe('toFolderResponse', () => {
  const afterOperator = rowsOf(projectFolder(null, story.upTo(7)));

  it("given a folder with media and analyses, then every object has exactly the seed's keys", () => {
    const response = toFolderResponse(afterOperator, { withAnalyses: true });
    expect(keysOf(response)).toEqual(keysOf(SEED_RESPONSE));
    expect(keysOf(response.media[0]!)).toEqual(keysOf(SEED_RESPONSE.media[0]));
    expect(keysOf(response.analyses![0]!)).toEqual([...keysOf(SEED_RESPONSE.analyses[0]), ...ANALYSIS_EXTRAS].sort());
    expect(keysOf(response.analyses![0]!.source_media[0]!)).toEqual(keysOf(SEED_RESPONSE.media[0]));
  });

  it('given the same rows without with_analyses, then the folder has no analyses key', () => {
    expect(toFolderResponse(afterOperator, { withAnalyses: false })).not.toHaveProperty('analyses');
  });

  it('answers times as epoch seconds in a float, the folder time repeated on its media and analyses', () => {
    const response = toFolderResponse(afterOperator, { withAnalyses: true });
    expect(response.time_created).toBe(1795338843.118);
    expect(response.time_updated).toBe(1795339907.25);
    expect(response.media[0]).toMatchObject({ folder_time_created: 1795338843.118, time_created: 1795338843.118 });
    expect(response.analyses![1]).toMatchObject({ time_created: 1795338843.118, time_updated: 1795339907.25 });
  });

  it('copies analyse_id from analysis_id and resolution from resolution_status, type in upper case', () => {
    const biometry = toFolderResponse(afterOperator, { withAnalyses: true }).analyses![1]!;
    expect(biometry).toMatchObject({
      analysis_id: story.BIOMETRY,
      analyse_id: story.BIOMETRY,
      type: 'BIOMETRY',
      state: 'FINISHED',
      resolution_status: 'SUCCESS',
      resolution: 'SUCCESS',
      resolution_operator: story.OPERATOR,
      results_data: { min_confidence: 0.8124, max_confidence: 0.8124 },
    });
  });

  it('embeds the full media objects of an analysis as source_media, in the order the analysis names them', () => {
    const response = toFolderResponse(afterOperator, { withAnalyses: true });
    const [selfie, idFront] = response.media;
    expect(response.analyses!.map((a) => a.source_media)).toEqual([[selfie], [selfie, idFront]]);
    expect(selfie).toMatchObject({ media_id: story.SELFIE, image_id: story.SELFIE, media_type: 'VIDEO_FOLDER', tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'] });
  });

  it('names the input of each per-media result the Oz way too: source_video_id for a video, nothing more for a photo', () => {
    const [quality, biometry] = toFolderResponse(afterOperator, { withAnalyses: true }).analyses!;
    expect(quality!.results_media[0]).toMatchObject({ source_media_id: story.SELFIE, source_video_id: story.SELFIE });
    const byMedia = new Map(biometry!.results_media.map((entry) => [entry['source_media_id'], entry]));
    expect(byMedia.get(story.SELFIE)).toHaveProperty('source_video_id', story.SELFIE);
    expect(byMedia.get(story.ID_FRONT)).not.toHaveProperty('source_video_id');
    expect(byMedia.get(story.ID_FRONT)).not.toHaveProperty('source_shots_set_id');
  });

  it('lists media and analyses by position, whatever order the rows come in', () => {
    const shuffled = { ...afterOperator, media: [...afterOperator.media].reverse(), analyses: [...afterOperator.analyses].reverse() };
    const response = toFolderResponse(shuffled, { withAnalyses: true });
    expect(response.media.map((m) => m.media_id)).toEqual([story.SELFIE, story.ID_FRONT]);
    expect(response.analyses!.map((a) => a.analysis_id)).toEqual([story.QUALITY, story.BIOMETRY]);
  });
});
