import type { Readable } from 'node:stream';
import type { BlobChunks } from './write-temp-blob';

/** The bytes of one file: all in memory, or a stream read while it is stored. */
export type BlobInput = Uint8Array | Readable;

/**
 * The input as chunks to copy. A Readable gets an error listener at once: until the copy starts
 * reading it (after the temp file is open), an upload error would have no listener and crash the
 * process. The copy's own read still sees that error and rejects with it.
 */
export function chunksOf(input: BlobInput): BlobChunks {
  if (input instanceof Uint8Array) return [input];
  input.on('error', () => undefined);
  return input;
}

/** Stops reading an upload the store gave up on; a no-op when the copy has already destroyed it. */
export function abandon(input: BlobInput): void {
  if (!(input instanceof Uint8Array)) input.destroy();
}
