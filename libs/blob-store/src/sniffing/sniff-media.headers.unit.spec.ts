import { ebmlFile, ftypFile } from '../../test/media-headers.builder';
import { thrownBy } from '../../test/rejection';
import { sniffMedia } from './sniff-media';

const refusal = (bytes: Uint8Array): unknown => thrownBy(() => sniffMedia(bytes));
const UNSUPPORTED = { code: 4, reason: 'UNSUPPORTED_MEDIA_TYPE' };

describe('sniffMedia on headers built byte by byte', () => {
  it('given an ftyp box with major brand "qt  ", when sniffed, then it is QuickTime video', () => {
    expect(sniffMedia(ftypFile('qt  ', ['qt  ']))).toEqual({ mime: 'video/quicktime', media_type: 'VIDEO_FOLDER' });
  });

  it.each([
    ['mp42', ['isom', 'mp42']],
    ['M4V ', ['M4V ', 'M4A ', 'mp42', 'isom']],
    ['dash', ['iso6', 'mp41']],
    ['XAVC', ['XAVC', 'mp42', 'iso2']],
  ])('given an ftyp box with major brand %j and compatible brands %j, when sniffed, then it is MP4 video', (major, compatible) => {
    expect(sniffMedia(ftypFile(major, compatible))).toEqual({ mime: 'video/mp4', media_type: 'VIDEO_FOLDER' });
  });

  it('given an unknown major brand whose compatible brands list only "qt  ", when sniffed, then it is QuickTime', () => {
    expect(sniffMedia(ftypFile('abcd', ['abcd', 'qt  '])).mime).toBe('video/quicktime');
  });

  it.each([
    ['HEIC photo', 'heic', ['mif1', 'heic']],
    ['AVIF photo', 'avif', ['avif', 'mif1', 'miaf', 'isom']],
    ['M4A audio', 'M4A ', ['M4A ', 'mp42', 'isom']],
    ['3GP with no MP4 brand', '3gp4', ['3gp4', '3gp5']],
  ])('given an ftyp box of a %s, when sniffed, then it is refused', (_what, major, compatible) => {
    expect(refusal(ftypFile(major, compatible))).toMatchObject(UNSUPPORTED);
  });

  it('given an EBML header with DocType "webm", when sniffed, then it is WebM video', () => {
    expect(sniffMedia(ebmlFile('webm'))).toEqual({ mime: 'video/webm', media_type: 'VIDEO_FOLDER' });
  });

  it('given an EBML header with DocType "matroska", when sniffed, then it is refused', () => {
    expect(refusal(ebmlFile('matroska'))).toMatchObject(UNSUPPORTED);
  });

  it('given a DocType padded with zero bytes, when sniffed, then the padding is ignored', () => {
    expect(sniffMedia(ebmlFile('webm\0\0')).mime).toBe('video/webm');
  });

  it.each([
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['PDF', Buffer.from('%PDF-1.7\n', 'latin1')],
    ['PNG signature cut short', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['"ftyp" at offset 0', Buffer.from('ftypisom\0\0\0\0isom', 'latin1')],
    ['EBML magic alone', Buffer.from([0x1a, 0x45, 0xdf, 0xa3])],
  ])('given a %s, when sniffed, then it is refused', (_what, bytes) => {
    expect(refusal(bytes)).toMatchObject(UNSUPPORTED);
  });
});
