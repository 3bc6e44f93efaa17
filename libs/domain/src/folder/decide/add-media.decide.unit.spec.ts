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

  it('refuses a file whose sniffed content is not an allowed media type, or does not match its media type', () => {
    given(folderWithMedia())
      .when(addMedia([{ ...mediaInput('m3', []), blob: { sha256: 'a'.repeat(64), size: 20, mime: 'text/plain' } }]))
      .thenRefuses(OzErrorCode.INVALID_VALUE, /not an allowed media type/);
    given(folderWithMedia())
      .when(addMedia([{ ...mediaInput('m3', []), media_type: 'VIDEO_FOLDER' }]))
      .thenRefuses(OzErrorCode.INVALID_VALUE, /does not match/);
  });

  it('refuses an id longer than 128 characters, which no store could index', () => {
    given(folderWithMedia()).when(addMedia([mediaInput('m'.repeat(129), [])])).thenRefuses(OzErrorCode.INVALID_VALUE, /at most 128 characters/);
  });

  it('refuses a media id that the folder already has', () => {
    given(folderWithMedia()).when(addMedia([mediaInput('selfie', [])])).thenRefuses(OzErrorCode.INVALID_VALUE, /twice/);
  });

  it('refuses more files than the folder may hold, counting the ones it has', () => {
    const eight = Array.from({ length: 8 }, (_, n) => mediaInput(`extra-${n}`, []));
    expect(given(folderWithMedia()).when(addMedia(eight)).thenEvents()).toHaveLength(8);
    given(folderWithMedia()).when(addMedia([...eight, mediaInput('one-too-many', [])])).thenRefuses(OzErrorCode.INVALID_VALUE, /at most 10 files/);
  });

  it('refuses a media list that is not a list as INVALID STRUCTURE', () => {
    given(folderWithMedia()).when(addMedia('m3' as never)).thenRefuses(OzErrorCode.INVALID_STRUCTURE, /media/);
  });
});
