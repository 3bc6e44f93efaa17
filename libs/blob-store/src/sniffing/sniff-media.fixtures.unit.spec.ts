import { BlobRejectedError } from '../errors/blob-rejected.error';
import { ACCEPTED_FIXTURES, mediaBytes } from '../../test/media-fixtures';
import { thrownBy } from '../../test/rejection';
import { sniffMedia } from './sniff-media';

describe('sniffMedia on the test media', () => {
  it.each(ACCEPTED_FIXTURES)('given the bytes of $file, when sniffed, then it is $mime ($media_type)', ({ file, mime, media_type }) => {
    expect(sniffMedia(mediaBytes(file))).toEqual({ mime, media_type });
  });

  it('given only the first 64 bytes of each accepted file, when sniffed, then the type is the same', () => {
    for (const { file, mime } of ACCEPTED_FIXTURES) {
      expect(sniffMedia(mediaBytes(file).subarray(0, 64)).mime).toBe(mime);
    }
  });

  it('given not-media.jpg (text named like a JPEG), when sniffed, then it is refused with code 4', () => {
    const error = thrownBy(() => sniffMedia(mediaBytes('not-media.jpg')));
    expect(error).toBeInstanceOf(BlobRejectedError);
    expect(error).toMatchObject({
      code: 4,
      reason: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'File content is not an allowed media type (JPEG, PNG, MP4, QuickTime, WebM)',
    });
  });

  it('given an empty buffer, when sniffed, then it is refused as EMPTY with code 4', () => {
    expect(thrownBy(() => sniffMedia(Buffer.alloc(0)))).toMatchObject({ code: 4, reason: 'EMPTY', message: 'File is empty' });
  });
});
