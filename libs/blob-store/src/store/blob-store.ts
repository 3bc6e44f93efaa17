import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobRef } from '@forensics/domain';
import { BlobNotFoundError } from '../errors/blob-not-found.error';
import type { BlobMediaType } from '../sniffing/sniffed-media';
import { abandon, chunksOf, type BlobInput } from './blob-input';
import { blobPath, isSha256, tempDir } from './blob-path';
import { checkedOptions, type BlobStoreOptions } from './blob-store.options';
import { moveIntoPlace } from './move-into-place';
import { putSmallBlob, readSmallFile, SYNC_PUT_MAX_BYTES } from './put-small-blob';
import { writeTempBlob, type WrittenBlob } from './write-temp-blob';

/** A stored file: the domain's BlobRef plus the Oz media type its bytes make it. */
/** `created`: these bytes were not stored before this call (exactly one of concurrent writers hears so). */
export type StoredBlob = BlobRef & Readonly<{ media_type: BlobMediaType; created: boolean }>;

/** Content-addressed media files on disk, named by the sha256 of their bytes. */
export class BlobStore {
  private readonly root: string;
  private readonly maxBytes: number;

  constructor(options: BlobStoreOptions) {
    ({ root: this.root, maxBytes: this.maxBytes } = checkedOptions(options));
  }

  /** Stores the bytes if they are an allowed media type within the size limit; idempotent by content. */
  async put(input: BlobInput): Promise<StoredBlob> {
    const tempPath = path.join(tempDir(this.root), randomUUID());
    if (input instanceof Uint8Array && input.length <= SYNC_PUT_MAX_BYTES) {
      const { sha256, size, media, created } = putSmallBlob(input, tempPath, (hash) => blobPath(this.root, hash), this.maxBytes);
      return { sha256, size, mime: media.mime, media_type: media.media_type, created };
    }
    const { sha256, size, media } = await this.writeTemp(input, tempPath);
    let created: boolean;
    try {
      created = await moveIntoPlace(tempPath, blobPath(this.root, sha256));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { sha256, size, mime: media.mime, media_type: media.media_type, created };
  }

  /** A stream of the stored bytes (it holds a file open until consumed or destroyed); BlobNotFoundError for an unknown or malformed hash. */
  async read(sha256: string): Promise<Readable> {
    const file = await this.whenFound(sha256, (found) => open(found, 'r'));
    return file.createReadStream();
  }

  /** The stored bytes in memory; BlobNotFoundError for an unknown or malformed hash. */
  async readBuffer(sha256: string): Promise<Buffer> {
    return this.whenFound(sha256, async (found) => readSmallFile(found) ?? readFile(found));
  }

  /** The size in bytes of the stored file, or null when there is none (a malformed hash included). */
  async stat(sha256: string): Promise<number | null> {
    if (!isSha256(sha256)) return null;
    const stats = await stat(blobPath(this.root, sha256)).catch(nullWhenMissing);
    return stats?.size ?? null;
  }

  /**
   * Deletes a stored file; answers whether there was one. Only for a file that nothing refers to
   * yet: a request that stored it and was then refused.
   */
  async remove(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      await unlink(blobPath(this.root, sha256));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** Whether a file with this hash is stored; false for a malformed hash. */
  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  private async writeTemp(input: BlobInput, tempPath: string): Promise<WrittenBlob> {
    const chunks = chunksOf(input);
    try {
      await mkdir(path.dirname(tempPath), { recursive: true });
      return await writeTempBlob(chunks, tempPath, this.maxBytes);
    } catch (error) {
      abandon(input);
      throw error;
    }
  }

  // The hash is checked before any path is built from it: that is the path-traversal guard.
  private async whenFound<T>(sha256: string, use: (found: string) => Promise<T>): Promise<T> {
    if (!isSha256(sha256)) throw new BlobNotFoundError(null);
    const result = await use(blobPath(this.root, sha256)).catch(nullWhenMissing);
    if (result === null) throw new BlobNotFoundError(sha256);
    return result;
  }
}

function nullWhenMissing(error: unknown): null {
  if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return null;
  throw error;
}
