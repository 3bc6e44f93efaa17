import { OzErrorCode } from '../../index';
import { actors, folderWithMedia } from '../../../test/folder-history';
import { given } from '../../../test/decider-specification';
import { addMedia, mediaInput } from '../../../test/commands';

describe('AddMedia', () => {
  it('records one MediaUploaded per file', () => {
    const events = given(folderWithMedia()).when(addMedia([mediaInput('m3', ['photo_selfie']), mediaInput('m4', [])])).thenEvents();
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['MediaUploaded', expect.objectContaining({ media_id: 'm3' })],
      ['MediaUploaded', expect.objectContaining({ media_id: 'm4', tags: [] })],
    ]);
  });

  it('answers NOT EXIST for an unknown folder, and the same for another company\'s folder', () => {
    const unknown = given([]).when(addMedia([mediaInput('m3', [])])).thenRefuses(OzErrorCode.NOT_EXIST);
    const foreign = given(folderWithMedia()).when(addMedia([mediaInput('m3', [])], actors.foreignClient)).thenRefuses(OzErrorCode.NOT_EXIST);
    expect(foreign.message).toBe(unknown.message);
    expect(foreign.details).toEqual(unknown.details);
  });

  it('hides a folder from a CLIENT of the same company who does not own it, but not from its CLIENT ADMIN', () => {
    given(folderWithMedia()).when(addMedia([mediaInput('m3', [])], actors.colleague)).thenRefuses(OzErrorCode.NOT_EXIST);
    expect(given(folderWithMedia()).when(addMedia([mediaInput('m3', [])], actors.clientAdmin)).thenEvents()).toHaveLength(1);
  });

  it('refuses tags that are not strings', () => {
    given(folderWithMedia()).when(addMedia([{ ...mediaInput('m3', []), tags: ['ok', 7] }])).thenRefuses(OzErrorCode.INVALID_VALUE, /tags/);
  });

  it('refuses an unknown media type and a blob without a sha256 digest', () => {
    given(folderWithMedia()).when(addMedia([{ ...mediaInput('m3', []), media_type: 'PDF' }])).thenRefuses(OzErrorCode.INVALID_VALUE, /media_type/);
    given(folderWithMedia())
      .when(addMedia([{ ...mediaInput('m3', []), blob: { sha256: 'xyz', size: 1, mime: 'image/png' } }]))
      .thenRefuses(OzErrorCode.INVALID_VALUE, /sha256/);
  });

  it('refuses a media id that the folder already has', () => {
    given(folderWithMedia()).when(addMedia([mediaInput('selfie', [])])).thenRefuses(OzErrorCode.INVALID_VALUE, /twice/);
  });

  it('refuses a media list that is not a list as INVALID STRUCTURE', () => {
    given(folderWithMedia()).when(addMedia('m3' as never)).thenRefuses(OzErrorCode.INVALID_STRUCTURE, /media/);
  });
});
