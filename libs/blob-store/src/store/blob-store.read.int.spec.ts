import { createHash } from 'node:crypto';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { BlobNotFoundError } from '../errors/blob-not-found.error';
import { mediaBytes } from '../../test/media-fixtures';
import { rejectionOf } from '../../test/rejection';
import { useTempDir } from '../../test/temp-blob-root';
import { BlobStore } from './blob-store';
import { SYNC_PUT_MAX_BYTES } from './put-small-blob';

const UNKNOWN = 'f'.repeat(64);
const DISK_CALLS = ['open', 'readFile', 'stat', 'lstat', 'access', 'readdir'] as const;

/** Counts calls into node:fs/promises, the only way the store touches the disk. */
function watchDisk(): { calls: () => number; restore: () => void } {
  const spies = DISK_CALLS.map((name) => jest.spyOn(fsPromises, name as 'stat'));
  return {
    calls: () => spies.reduce((total, spy) => total + spy.mock.calls.length, 0),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

describe('BlobStore reads on a real directory', () => {
  const root = useTempDir();
  const store = (): BlobStore => new BlobStore({ root: path.join(root(), 'blobs') });

  it('given a stored file, when asked for its size and existence, then they are answered', async () => {
    const { sha256, size } = await store().put(mediaBytes('footballer.jpg'));
    expect(await store().stat(sha256)).toBe(size);
    expect(await store().exists(sha256)).toBe(true);
  });

  it('given stored files under and over the 1 MiB of a synchronous read, when read into memory, then each comes back byte for byte', async () => {
    const small = mediaBytes('footballer.jpg');
    // A PNG by its first bytes, padded past 1 MiB: read the asynchronous way.
    const big = Buffer.concat([mediaBytes('astronaut.png'), Buffer.alloc(SYNC_PUT_MAX_BYTES, 7)]);
    for (const bytes of [small, big]) {
      const { sha256 } = await store().put(bytes);
      const read = await store().readBuffer(sha256);
      expect(read.length).toBe(bytes.length);
      expect(createHash('sha256').update(read).digest('hex')).toBe(sha256);
      expect(read.equals(bytes)).toBe(true);
    }
  });

  it('given a stored file, when removed, then it is gone; removing it again, or a malformed hash, answers false', async () => {
    const { sha256 } = await store().put(mediaBytes('footballer.jpg'));
    expect(await store().remove(sha256)).toBe(true);
    expect(await store().exists(sha256)).toBe(false);
    expect(await store().remove(sha256)).toBe(false);
    expect(await store().remove('../../etc/passwd')).toBe(false);
  });

  it('given an unknown hash, when read, then it is NOT EXIST (code 10); stat is null and exists is false', async () => {
    await store().put(mediaBytes('footballer.jpg'));
    for (const read of [store().read(UNKNOWN), store().readBuffer(UNKNOWN)]) {
      const error = await rejectionOf(read);
      expect(error).toBeInstanceOf(BlobNotFoundError);
      expect(error).toMatchObject({ code: 10, details: { sha256: UNKNOWN } });
    }
    expect(await store().stat(UNKNOWN)).toBeNull();
    expect(await store().exists(UNKNOWN)).toBe(false);
  });

  it('given a file outside the root, when asked for by a traversal like ../../etc/passwd, then it is NOT EXIST without touching the disk', async () => {
    await fsPromises.writeFile(path.join(root(), 'secret.jpg'), mediaBytes('footballer.jpg'));
    const disk = watchDisk();
    try {
      for (const hash of ['../../etc/passwd', '../secret.jpg', `../${'a'.repeat(61)}`, UNKNOWN.toUpperCase()]) {
        expect(await rejectionOf(store().read(hash))).toMatchObject({ code: 10, details: null });
        expect(await rejectionOf(store().readBuffer(hash))).toBeInstanceOf(BlobNotFoundError);
        expect(await store().stat(hash)).toBeNull();
        expect(await store().exists(hash)).toBe(false);
      }
      expect(disk.calls()).toBe(0);
      // The watch sees the store's disk calls: a well-formed hash does reach the disk.
      await store().exists(UNKNOWN);
      expect(disk.calls()).toBeGreaterThan(0);
    } finally {
      disk.restore();
    }
  });
});
