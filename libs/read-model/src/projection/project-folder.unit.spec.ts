import { type FolderEnvelope, type FolderProjection, projectFolder } from '../index';
import * as story from '../../test/events-md-history';

const { upTo, FOLDER, COMPANY, CLIENT, SELFIE, ID_FRONT, G1, G2, QUALITY, BIOMETRY, COLLECTION, OPERATOR } = story;

/** given the folder's history up to a version, when the next events arrive: the projection before and after. */
function given(history: readonly FolderEnvelope[]) {
  const before = history.length === 0 ? null : projectFolder(null, history);
  return { when: (...events: FolderEnvelope[]) => ({ before, after: projectFolder(before, events) }) };
}

const analysis = (p: FolderProjection, id: string) => p.analyses.find((a) => a.analysis_id === id)!;
const group = (p: FolderProjection, id: string) => p.groups.find((g) => g.group_id === id)!;

describe('projectFolder, one event type at a time (the history of docs/events.md)', () => {
  it('FolderCreated opens the folder row: owner, metadata, endpoint, INITIAL statuses, created at the event time', () => {
    const { after } = given([]).when(story.V1_FOLDER_CREATED);
    expect(after).toMatchObject({ folder_id: FOLDER, version: 1, media: [], analyses: [], groups: [] });
    expect(after.state).toMatchObject({ status: 'existing', folder_id: FOLDER });
    expect(after.folder).toEqual({
      folder_id: FOLDER,
      company_id: COMPANY,
      user_id: CLIENT,
      meta_data: { partner_side_folder_id: 'loan-2026-118734' },
      resolution_endpoint: 'https://kyc.partner.example/hooks/forensics',
      resolution_status: 'INITIAL',
      system_resolution: 'INITIAL',
      resolution_comment: '[]',
      deciding_group_id: null,
      time_created: '2026-11-22T09:14:03.118Z',
      time_updated: '2026-11-22T09:14:03.118Z',
    });
  });

  it('MediaUploaded adds a media row with its tags and blob, in upload order, and touches the folder', () => {
    const later = { ...story.V3_ID_UPLOADED, occurred_at: '2026-11-22T09:20:00.000Z' };
    const { after } = given(upTo(2)).when(later);
    expect(after.version).toBe(3);
    expect(after.media.map((m) => m.media_id)).toEqual([SELFIE, ID_FRONT]);
    expect(after.media[1]).toEqual({
      folder_id: FOLDER,
      media_id: ID_FRONT,
      company_id: COMPANY,
      position: 1,
      media_type: 'IMAGE_FOLDER',
      original_name: 'id-front.jpg',
      tags: ['photo_id', 'photo_id_front'],
      info: {},
      meta_data: {},
      blob_sha256: 'febd886651e19ed57b68d1c020692149809837842d0878bbfc47ecfb37640843',
      blob_size: 412906,
      blob_mime: 'image/jpeg',
      original_url: null,
      thumb_url: null,
      image_id: ID_FRONT,
      folder_time_created: '2026-11-22T09:14:03.118Z',
      time_created: '2026-11-22T09:20:00.000Z',
      time_updated: '2026-11-22T09:20:00.000Z',
      changed_version: 3,
    });
    expect(after.folder).toMatchObject({ time_created: '2026-11-22T09:14:03.118Z', time_updated: '2026-11-22T09:20:00.000Z', resolution_status: 'INITIAL' });
  });

  it('AnalysisGroupSubmitted adds the group and its analyses, all PROCESSING, and the folder starts PROCESSING', () => {
    const { after } = given(upTo(3)).when(story.V4_G1_SUBMITTED);
    expect(after.analyses.map((a) => [a.analysis_id, a.type, a.state, a.resolution_status, a.position])).toEqual([
      [QUALITY, 'QUALITY', 'PROCESSING', 'PROCESSING', 0],
      [BIOMETRY, 'BIOMETRY', 'PROCESSING', 'PROCESSING', 1],
    ]);
    expect(analysis(after, QUALITY)).toMatchObject({
      group_id: G1,
      company_id: COMPANY,
      source_media_ids: [SELFIE],
      params: { threshold_spoofing: 0.5, extract_best_shot: true },
      results_data: null,
      results_media: [],
      error_code: null,
      resolution_operator: null,
      folder_time_created: '2026-11-22T09:14:03.118Z',
      time_created: '2026-11-22T09:14:03.118Z',
      changed_version: 4,
    });
    expect(after.groups).toEqual([
      expect.objectContaining({ group_id: G1, analysis_ids: [QUALITY, BIOMETRY], finished: false, result: 'PROCESSING', changed_version: 4 }),
    ]);
    expect(after.folder).toMatchObject({ resolution_status: 'PROCESSING', system_resolution: 'PROCESSING' });
  });

  it('AnalysisFinished records the result and verdict on its analysis only, while the group still runs', () => {
    const { before, after } = given(upTo(4)).when(story.V5_QUALITY_FINISHED);
    expect(analysis(after, QUALITY)).toMatchObject({
      state: 'FINISHED',
      resolution_status: 'SUCCESS',
      results_data: null,
      results_media: [expect.objectContaining({ source_media_id: SELFIE, results_data: { confidence_spoofing: 0.0731 } })],
      model_versions: { human: '3.3.6', antispoof: '1.0', liveness: '1.0' },
      duration_ms: 1840,
      time_created: '2026-11-22T09:14:03.118Z',
      time_updated: '2026-11-22T09:14:05.402Z',
      changed_version: 5,
    });
    expect(analysis(after, BIOMETRY)).toBe(analysis(before!, BIOMETRY));
    expect(group(after, G1)).toBe(group(before!, G1));
    expect(after.folder).toMatchObject({ resolution_status: 'PROCESSING', time_updated: '2026-11-22T09:14:05.402Z' });
  });

  it('AnalysisFinished of the last analysis of a group finishes the group, and its result becomes the verdict', () => {
    const { after } = given(upTo(5)).when(story.V6_BIOMETRY_FINISHED);
    expect(analysis(after, BIOMETRY)).toMatchObject({ state: 'FINISHED', resolution_status: 'OPERATOR_REQUIRED', results_data: { min_confidence: 0.8124 } });
    expect(group(after, G1)).toMatchObject({ finished: true, result: 'OPERATOR_REQUIRED', time_updated: '2026-11-22T09:14:06.871Z', changed_version: 6 });
    expect(after.folder).toMatchObject({ resolution_status: 'FINISHED', system_resolution: 'OPERATOR_REQUIRED', deciding_group_id: G1 });
  });

  it("AnalysisResolvedByOperator shows the operator's decision, keeps the machine's results, and settles the verdict", () => {
    const { before, after } = given(upTo(6)).when(story.V7_OPERATOR_DECIDED);
    expect(analysis(after, BIOMETRY)).toEqual({
      ...analysis(before!, BIOMETRY),
      resolution_status: 'SUCCESS',
      resolution_operator: OPERATOR,
      resolution_comment: 'Same person; ID photo is 8 years old.',
      time_updated: '2026-11-22T09:31:47.250Z',
      changed_version: 7,
    });
    expect(group(after, G1)).toMatchObject({ finished: true, result: 'SUCCESS' });
    expect(after.folder).toMatchObject({
      resolution_status: 'FINISHED',
      system_resolution: 'SUCCESS',
      resolution_comment: JSON.stringify(['Same person; ID photo is 8 years old.']),
    });
  });

  it('AnalysisFailed records the error; its group, the last to finish, makes the folder FAILED', () => {
    const { after } = given(upTo(8)).when(story.V9_COLLECTION_FAILED);
    expect(analysis(after, COLLECTION)).toMatchObject({
      state: 'FAILED',
      resolution_status: 'FAILED',
      error_code: 0,
      error_message: `Media ${SELFIE} could not be decoded: no video stream found`,
      results_data: null,
      results_media: [],
      changed_version: 9,
    });
    expect(group(after, G2)).toMatchObject({ finished: true, result: 'FAILED' });
    expect(after.folder).toMatchObject({ resolution_status: 'FAILED', system_resolution: 'FAILED', deciding_group_id: G2 });
  });

  it('MetaDataChanged of the folder sets the whole new object on the folder row and leaves every other row alone', () => {
    const { before, after } = given(upTo(9)).when(story.V10_META_DATA_CHANGED);
    expect(after.folder).toEqual({
      ...before!.folder,
      meta_data: { partner_side_folder_id: 'loan-2026-118734', client_iin: '880202400456' },
      time_updated: '2026-11-22T10:05:40.512Z',
    });
    expect([after.media, after.analyses, after.groups]).toEqual([before!.media, before!.analyses, before!.groups]);
    expect(after.analyses.every((row, i) => row === before!.analyses[i])).toBe(true);
  });

  it('MetaDataChanged of a media or an analysis sets it on that row only, touched with the version so the batch writes it', () => {
    const at = '2026-11-22T10:05:40.512Z';
    const onMedia = { ...story.V10_META_DATA_CHANGED, data: { target: 'MEDIA', target_id: ID_FRONT, meta_data: { side: 'front' } } } as FolderEnvelope;
    const media = given(upTo(9)).when(onMedia);
    expect(media.after.media).toEqual([media.before!.media[0], { ...media.before!.media[1], meta_data: { side: 'front' }, time_updated: at, changed_version: 10 }]);
    expect(media.after.media[0]).toBe(media.before!.media[0]);

    const onAnalysis = { ...story.V10_META_DATA_CHANGED, data: { target: 'ANALYSIS', target_id: BIOMETRY, meta_data: { reviewed_by: 'team-b' } } } as FolderEnvelope;
    const analysisChange = given(upTo(9)).when(onAnalysis);
    expect(analysis(analysisChange.after, BIOMETRY)).toEqual({ ...analysis(analysisChange.before!, BIOMETRY), meta_data: { reviewed_by: 'team-b' }, time_updated: at, changed_version: 10 });
    expect(analysis(analysisChange.after, QUALITY)).toBe(analysis(analysisChange.before!, QUALITY));
  });

  it('MetaDataChanged of a media the folder does not have moves the version and changes no row', () => {
    const stray = { ...story.V10_META_DATA_CHANGED, data: { target: 'MEDIA', target_id: 'no-such-media', meta_data: { k: 1 } } } as FolderEnvelope;
    const { before, after } = given(upTo(9)).when(stray);
    expect(after).toEqual({ ...before, version: 10 });
  });
});

describe('projectFolder, the folder statuses after each version (docs/events.md §5)', () => {
  const table: [number, string, string][] = [
    [1, 'INITIAL', 'INITIAL'],
    [3, 'INITIAL', 'INITIAL'],
    [4, 'PROCESSING', 'PROCESSING'],
    [5, 'PROCESSING', 'PROCESSING'],
    [6, 'FINISHED', 'OPERATOR_REQUIRED'],
    [7, 'FINISHED', 'SUCCESS'],
    [8, 'PROCESSING', 'PROCESSING'],
    [9, 'FAILED', 'FAILED'],
    [10, 'FAILED', 'FAILED'],
  ];
  it.each(table)('after version %i: resolution_status %s, system_resolution %s', (version, resolutionStatus, systemResolution) => {
    const { folder } = projectFolder(null, upTo(version));
    expect([folder?.resolution_status, folder?.system_resolution]).toEqual([resolutionStatus, systemResolution]);
  });
});

describe('projectFolder, versions', () => {
  it('a result that does not fit the history (a second one for a finished analysis) moves the version and changes no row', () => {
    const { before, after } = given(upTo(9)).when({ ...story.V5_QUALITY_FINISHED, stream_version: 10, data: { ...story.V5_QUALITY_FINISHED.data, resolution: 'DECLINED' } });
    expect(after).toEqual({ ...before, version: 10 });
  });

  it('an event past a gap waits: nothing after the gap is applied', () => {
    const { before, after } = given(upTo(3)).when(story.V5_QUALITY_FINISHED, story.V6_BIOMETRY_FINISHED);
    expect(after).toBe(before);
  });

  it('a batch out of version order is applied in version order', () => {
    const { after } = given(upTo(3)).when(story.V6_BIOMETRY_FINISHED, story.V4_G1_SUBMITTED, story.V5_QUALITY_FINISHED);
    expect(after).toEqual(projectFolder(null, upTo(6)));
  });

  it("refuses an event of another folder: the caller grouped a batch wrongly", () => {
    expect(() => given(upTo(1)).when({ ...story.V2_SELFIE_UPLOADED, stream_id: 'another-folder' })).toThrow(/another-folder/);
  });
});
