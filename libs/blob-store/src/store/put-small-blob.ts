import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { emptyFile, tooLarge } from '../limits/size-limit';
import { SNIFF_BYTES, sniffMedia } from '../sniffing/sniff-media';
import type { WrittenBlob } from './write-temp-blob';

/**
 * In-memory files up to this size are stored with synchronous calls. A put makes about ten file
 * system calls; asynchronous, each is a round trip through libuv's thread pool, which costs
 * 0.3-0.5 ms on an idle 2-core VM (measured: an async `open` alone 0.48 ms p50). Synchronous, a
 * 73 KB photo is stored in 1.5-1.6 ms instead of 2.2 ms (p50), and the event loop is held at most about
 * 1.3 ms (write and fsync of 1 MiB, measured); bigger files and streams keep the asynchronous path.
 * docs/decisions/0016-fewer-wake-ups-on-the-request-path.md.
 */
export const SYNC_PUT_MAX_BYTES = 1024 * 1024;

/**
 * The synchronous twin of `writeTempBlob` + `moveIntoPlace` for one in-memory file: the same
 * checks (size, emptiness, the media type of its first bytes), the same temp file fsynced before
 * it is linked under its hash, the same directory fsync when the name is new.
 */
export function putSmallBlob(bytes: Uint8Array, tempPath: string, finalPath: (sha256: string) => string, maxBytes: number): WrittenBlob & { created: boolean } {
  if (bytes.length === 0) throw emptyFile();
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  const media = sniffMedia(bytes.subarray(0, SNIFF_BYTES));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  mkdirSync(path.dirname(tempPath), { recursive: true });
  try {
    writeDurably(bytes, tempPath);
    const target = finalPath(sha256);
    mkdirSync(path.dirname(target), { recursive: true });
    const created = linkUnlessPresent(tempPath, target);
    if (created) syncDirectory(path.dirname(target));
    unlinkSync(tempPath);
    return { sha256, size: bytes.length, media, created };
  } catch (error) {
    // Nothing is left behind, and the first failure is the one reported.
    rmSync(tempPath, { force: true });
    throw error;
  }
}

function writeDurably(bytes: Uint8Array, file: string): void {
  const fd = openSync(file, 'wx');
  try {
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `link` refuses an existing name atomically; an existing name holds the same bytes (it is their hash). */
function linkUnlessPresent(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A stored file's bytes read with synchronous calls when it is no bigger than SYNC_PUT_MAX_BYTES,
 * for the same reason small files are written so: four quick calls instead of four trips through
 * the thread pool (a worker read a 73 KB photo in 1.6-1.8 ms p50 asynchronously on a slow day).
 * Null for a bigger file: the caller reads it asynchronously. ENOENT is thrown as `readFile` would.
 */
export function readSmallFile(file: string): Buffer | null {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > SYNC_PUT_MAX_BYTES) return null;
    const bytes = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, bytes, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === size ? bytes : bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}
