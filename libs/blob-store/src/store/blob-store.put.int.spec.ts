import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ACCEPTED_FIXTURES, SHA256SUM, mediaBytes, mediaPath } from '../../test/media-fixtures';
import { filesUnder, useTempDir } from '../../test/temp-blob-root';
import { BlobStore } from './blob-store';
import { SYNC_PUT_MAX_BYTES } from './put-small-blob';

describe('BlobStore.put on a real directory', () => {
  const root = useTempDir();
  const store = (): BlobStore => new BlobStore({ root: root() });

  it.each(ACCEPTED_FIXTURES)('given $file as a Buffer, when stored, then its sha256sum, size and sniffed type come back', async ({ file, mime, media_type }) => {
    const bytes = mediaBytes(file);
    const stored = await store().put(bytes);
    expect(stored).toEqual({ sha256: SHA256SUM[file], size: bytes.length, mime, media_type, created: true });
  });

  it('given a stored image, when read back by hash, then the bytes are the same, under <root>/ab/cd/<sha256>', async () => {
    const bytes = mediaBytes('footballer.jpg');
    const { sha256 } = await store().put(bytes);
    expect(await store().readBuffer(sha256)).toEqual(bytes);
    expect(await filesUnder(root())).toEqual([path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256)]);
  });

  it('given a video as a stream in small chunks, when stored and read back as a stream, then the bytes and hash match', async () => {
    const stored = await store().put(createReadStream(mediaPath('astronaut-selfie.mp4'), { highWaterMark: 1000 }));
    expect(stored.sha256).toBe(SHA256SUM['astronaut-selfie.mp4']);
    const chunks: Buffer[] = [];
    for await (const chunk of await store().read(stored.sha256)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(await readFile(mediaPath('astronaut-selfie.mp4')));
  });

  it('given the same file stored twice, when listed, then there is one blob, nothing left in tmp, and only the first put created it', async () => {
    const first = await store().put(mediaBytes('astronaut.png'));
    const second = await store().put(createReadStream(mediaPath('astronaut.png')));
    expect(second).toEqual({ ...first, created: false });
    expect(first.created).toBe(true);
    expect(await filesUnder(root())).toHaveLength(1);
  });

  it('given the same file stored eight times at once, when all finish, then all agree, one blob remains and it is intact', async () => {
    const bytes = mediaBytes('cat-no-face.png');
    const puts = Array.from({ length: 8 }, (_, i) =>
      i % 2 === 0 ? store().put(bytes) : store().put(createReadStream(mediaPath('cat-no-face.png'), { highWaterMark: 4096 })),
    );
    const stored = await Promise.all(puts);
    expect(new Set(stored.map((blob) => blob.sha256))).toEqual(new Set([SHA256SUM['cat-no-face.png']]));
    expect(stored.filter((blob) => blob.created)).toHaveLength(1);
    expect(await filesUnder(root())).toHaveLength(1);
    expect(await store().readBuffer(SHA256SUM['cat-no-face.png'] ?? '')).toEqual(bytes);
  });

  it('given an in-memory file over the synchronous limit, when stored, then it takes the streaming path and comes back the same as a small one would', async () => {
    const bytes = Buffer.concat([mediaBytes('astronaut.png'), Buffer.alloc(SYNC_PUT_MAX_BYTES, 0)]);
    const stored = await store().put(bytes);
    expect(stored).toMatchObject({ size: bytes.length, mime: 'image/png', media_type: 'IMAGE_FOLDER', created: true });
    expect(await store().readBuffer(stored.sha256)).toEqual(bytes);
    expect(await filesUnder(root())).toEqual([path.join(stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256)]);
  });

  it('given two different files, when stored, then each is read back under its own hash', async () => {
    const png = await store().put(mediaBytes('astronaut.png'));
    const mp4 = await store().put(mediaBytes('footballer-selfie.mp4'));
    expect(await store().readBuffer(png.sha256)).toEqual(mediaBytes('astronaut.png'));
    expect(await store().readBuffer(mp4.sha256)).toEqual(mediaBytes('footballer-selfie.mp4'));
    expect(await filesUnder(root())).toHaveLength(2);
  });
});
