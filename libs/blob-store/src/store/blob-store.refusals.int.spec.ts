import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { BlobRejectedError } from '../errors/blob-rejected.error';
import { mediaBytes, mediaPath } from '../../test/media-fixtures';
import { rejectionOf } from '../../test/rejection';
import { filesUnder, useTempDir } from '../../test/temp-blob-root';
import { BlobStore } from './blob-store';

const KB = 1024;

/** A stream of the file in 1 KB chunks that counts how many chunks were pulled from it. */
function countingStream(bytes: Buffer): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += KB) {
      pulled += 1;
      yield bytes.subarray(at, at + KB);
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), pulled: () => pulled };
}

describe('BlobStore refusals on a real directory', () => {
  const root = useTempDir();

  it('given a 10 KB limit and a 773 KB PNG stream, when stored, then it is refused early, the stream is destroyed and nothing is left', async () => {
    const png = mediaBytes('astronaut.png');
    const { stream, pulled } = countingStream(png);
    const error = await rejectionOf(new BlobStore({ root: root(), maxBytes: 10 * KB }).put(stream));
    expect(error).toBeInstanceOf(BlobRejectedError);
    expect(error).toMatchObject({ code: 4, reason: 'TOO_LARGE', message: 'File is larger than the limit of 10 KB' });
    // 11 chunks cross the limit; a little read-ahead is allowed, reading the whole file is not.
    expect(pulled()).toBeLessThan(40);
    expect(stream.destroyed).toBe(true);
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given a limit of exactly the file size, when stored, then it is accepted; one byte less and it is refused', async () => {
    const jpeg = mediaBytes('footballer.jpg');
    await expect(new BlobStore({ root: root(), maxBytes: jpeg.length }).put(jpeg)).resolves.toMatchObject({ size: jpeg.length });
    const error = await rejectionOf(new BlobStore({ root: root(), maxBytes: jpeg.length - 1 }).put(createReadStream(mediaPath('footballer.jpg'))));
    expect(error).toMatchObject({ reason: 'TOO_LARGE' });
    expect(await filesUnder(root())).toHaveLength(1);
  });

  it('given the default limit, when a 30 MB + 1 byte JPEG-looking Buffer comes, then it is refused and nothing is left', async () => {
    const huge = Buffer.alloc(30 * 1024 * 1024 + 1);
    huge.set([0xff, 0xd8, 0xff]);
    expect(await rejectionOf(new BlobStore({ root: root() }).put(huge))).toMatchObject({ reason: 'TOO_LARGE', message: /30 MB/ });
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given not-media.jpg, as a Buffer or a stream, when stored, then it is refused as UNSUPPORTED_MEDIA_TYPE and nothing is left', async () => {
    const store = new BlobStore({ root: root() });
    expect(await rejectionOf(store.put(mediaBytes('not-media.jpg')))).toMatchObject({ code: 4, reason: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await rejectionOf(store.put(createReadStream(mediaPath('not-media.jpg'))))).toMatchObject({ reason: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given a large stream of text, when stored, then it is refused after the first 4 KB, long before the end', async () => {
    const { stream, pulled } = countingStream(Buffer.alloc(2 * 1024 * KB, 'text '));
    expect(await rejectionOf(new BlobStore({ root: root() }).put(stream))).toMatchObject({ reason: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(pulled()).toBeLessThan(40);
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given an empty stream, when stored, then it is refused as EMPTY and nothing is left', async () => {
    expect(await rejectionOf(new BlobStore({ root: root() }).put(Readable.from([])))).toMatchObject({ code: 4, reason: 'EMPTY' });
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given an empty Buffer, when stored, then it is refused as EMPTY and nothing is left', async () => {
    expect(await rejectionOf(new BlobStore({ root: root() }).put(Buffer.alloc(0)))).toMatchObject({ code: 4, reason: 'EMPTY' });
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given an upload that fails before the store starts reading it, when stored, then its error comes back and nothing is left', async () => {
    // The test pushes the bytes itself, so reading asks for nothing.
    const broken = new Readable({ read: () => undefined });
    broken.push(mediaBytes('astronaut.png').subarray(0, 100 * KB));
    setImmediate(() => broken.destroy(new Error('client went away')));
    expect(await rejectionOf(new BlobStore({ root: root() }).put(broken))).toMatchObject({ message: 'client went away' });
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given an upload that breaks off after 100 KB, when stored, then its error comes back and nothing is left', async () => {
    const png = mediaBytes('astronaut.png');
    async function* brokenOff(): AsyncGenerator<Buffer> {
      yield png.subarray(0, 100 * KB);
      throw new Error('connection reset');
    }
    expect(await rejectionOf(new BlobStore({ root: root() }).put(Readable.from(brokenOff())))).toMatchObject({ message: 'connection reset' });
    expect(await filesUnder(root())).toEqual([]);
  });

  it('given a stream that yields strings, when stored, then it is refused as a programming error and nothing is left', async () => {
    const error = await rejectionOf(new BlobStore({ root: root() }).put(Readable.from(['\xff\xd8\xff'])));
    expect(error).toBeInstanceOf(TypeError);
    expect(await filesUnder(root())).toEqual([]);
  });
});
