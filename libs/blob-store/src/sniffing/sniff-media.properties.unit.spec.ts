import fc from 'fast-check';
import { BlobRejectedError } from '../errors/blob-rejected.error';
import { ebmlFile, ftypFile } from '../../test/media-headers.builder';
import { sniffMedia } from './sniff-media';

const bytes = fc.uint8Array({ maxLength: 256 });

// The sniffer reads untrusted bytes: whatever arrives, the answer is a media type or a refusal,
// never an out-of-range read or another crash.
const outcome = (input: Uint8Array): string => {
  try {
    return sniffMedia(input).mime;
  } catch (error) {
    if (error instanceof BlobRejectedError) return 'refused';
    throw error;
  }
};

describe('sniffMedia properties', () => {
  it('given any bytes, when sniffed, then it answers a media type or a BlobRejectedError', () => {
    fc.assert(fc.property(bytes, (input) => void outcome(input)));
  });

  it('given any cut of a real header with any tail, when sniffed, then it answers a media type or a BlobRejectedError', () => {
    const headers = [ftypFile('qt  ', ['qt  ']), ftypFile('isom', ['isom', 'mp42']), ebmlFile('webm'), ebmlFile('matroska')];
    fc.assert(
      fc.property(fc.constantFrom(...headers), fc.nat(), bytes, (header, cut, tail) => {
        void outcome(Buffer.concat([header.subarray(0, cut % (header.length + 1)), tail]));
      }),
    );
  });

  it('given a JPEG or PNG signature followed by anything, when sniffed, then the signature decides', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    fc.assert(
      fc.property(bytes, (tail) => {
        expect(sniffMedia(Buffer.concat([jpeg, tail])).mime).toBe('image/jpeg');
        expect(sniffMedia(Buffer.concat([png, tail])).mime).toBe('image/png');
      }),
    );
  });
});
