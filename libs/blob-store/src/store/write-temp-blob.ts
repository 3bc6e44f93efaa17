import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { emptyFile, tooLarge } from '../limits/size-limit';
import { SNIFF_BYTES, sniffMedia } from '../sniffing/sniff-media';
import type { SniffedMedia } from '../sniffing/sniffed-media';

/** Chunks of bytes from a Buffer (one chunk) or a Readable. */
export type BlobChunks = Iterable<unknown> | AsyncIterable<unknown>;

/** A complete, fsynced temporary file and what its bytes are. */
export type WrittenBlob = Readonly<{ sha256: string; size: number; media: SniffedMedia }>;

/**
 * Copies the chunks into a new file at tempPath, hashing, counting and sniffing on the way, and
 * fsyncs it. The first refusal stops reading the input; on any failure the file is removed.
 */
export async function writeTempBlob(chunks: BlobChunks, tempPath: string, maxBytes: number): Promise<WrittenBlob> {
  const file = await open(tempPath, 'wx');
  try {
    try {
      const written = await copyInto(file, chunks, maxBytes);
      await file.sync();
      return written;
    } finally {
      await file.close();
    }
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

async function copyInto(file: FileHandle, chunks: BlobChunks, maxBytes: number): Promise<WrittenBlob> {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let media: SniffedMedia | null = null;
  // Throwing out of for-await destroys a Readable input, so an oversized upload stops being read.
  for await (const chunk of chunks) {
    const bytes = asBytes(chunk);
    size += bytes.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    hash.update(bytes);
    if (media === null) {
      head = Buffer.concat([head, bytes.subarray(0, SNIFF_BYTES - head.length)]);
      if (head.length >= SNIFF_BYTES) media = sniffMedia(head);
    }
    await writeAll(file, bytes);
  }
  if (size === 0) throw emptyFile();
  return { sha256: hash.digest('hex'), size, media: media ?? sniffMedia(head) };
}

function asBytes(chunk: unknown): Uint8Array {
  // A string chunk means someone decoded the bytes already; re-encoding would change the content.
  if (!(chunk instanceof Uint8Array)) throw new TypeError('BlobStore takes bytes: a Buffer, or a Readable of Buffers without an encoding');
  return chunk;
}

// FileHandle.write may write fewer bytes than asked; loop until all are on their way to disk.
async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
