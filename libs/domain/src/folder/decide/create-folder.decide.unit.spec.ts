import { OzErrorCode } from '../../index';
import { actors, folderWithMedia } from '../../../test/folder-history';
import { given } from '../../../test/decider-specification';
import { createFolder, mediaInput } from '../../../test/commands';

describe('CreateFolder', () => {
  it('opens a folder and records each file, with the time and actor of the command', () => {
    const events = given([])
      .when(createFolder({ meta_data: { transaction_id: 't-1' }, media: [mediaInput('m1', ['photo_selfie'])] }))
      .thenEvents();
    expect(events.map((e) => e.type)).toEqual(['FolderCreated', 'MediaUploaded']);
    expect(events[0]).toMatchObject({
      data: { folder_id: 'folder-1', company_id: 'company-a', meta_data: { transaction_id: 't-1' }, resolution_endpoint: null },
      metadata: { occurred_at: '2026-11-22T10:00:00.000Z', user_id: 'user-client', company_id: 'company-a' },
    });
    expect(events[1]?.data).toMatchObject({ media_id: 'm1', tags: ['photo_selfie'], meta_data: {} });
  });

  it('in single-request mode also submits the group, checked against the new media', () => {
    const events = given([])
      .when(
        createFolder({
          media: [mediaInput('v1', ['video_selfie', 'video_selfie_eyes'], { media_type: 'VIDEO_FOLDER' })],
          analysis_group: { group_id: 'g1', analyses: [{ analysis_id: 'q1', type: 'quality', params: { threshold_spoofing: 0.5 } }] },
        }),
      )
      .thenEvents();
    expect(events.map((e) => e.type)).toEqual(['FolderCreated', 'MediaUploaded', 'AnalysisGroupSubmitted']);
    expect(events[2]?.data).toMatchObject({ group_id: 'g1', analyses: [{ analysis_id: 'q1', type: 'QUALITY', source_media_ids: ['v1'] }] });
  });

  it('refuses a single request whose analyses find no suitable media, so nothing is stored', () => {
    given([])
      .when(
        createFolder({
          media: [mediaInput('p1', ['photo_selfie'])],
          analysis_group: { group_id: 'g1', analyses: [{ analysis_id: 'b1', type: 'biometry' }] },
        }),
      )
      .thenRefuses(OzErrorCode.INVALID_VALUE, /BIOMETRY needs at least 2/);
  });

  it('refuses a folder that already exists', () => {
    given(folderWithMedia()).when(createFolder()).thenRefuses(OzErrorCode.INVALID_VALUE, /already exists/);
  });

  it('refuses to create a folder in another company', () => {
    given([]).when(createFolder({}, actors.foreignClient)).thenRefuses(OzErrorCode.AUTH_FORBIDDEN);
  });

  it('refuses a command without a folder id as INVALID STRUCTURE', () => {
    given([]).when(createFolder({ folder_id: '' })).thenRefuses(OzErrorCode.INVALID_STRUCTURE, /folder_id/);
  });

  it('refuses a webhook target that is not an http(s) URL', () => {
    given([]).when(createFolder({ resolution_endpoint: 'ftp://x.example/hook' })).thenRefuses(OzErrorCode.INVALID_VALUE, /resolution_endpoint/);
    given([]).when(createFolder({ resolution_endpoint: 'not a url' })).thenRefuses(OzErrorCode.INVALID_VALUE);
  });

  it('refuses folder metadata that is not an object', () => {
    given([]).when(createFolder({ meta_data: ['a'] as never })).thenRefuses(OzErrorCode.INVALID_VALUE, /meta_data/);
  });
});
