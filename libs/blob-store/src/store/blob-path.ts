import path from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether the value is a sha256 digest in lower-case hex, the only form of hash that names a blob. */
export const isSha256 = (value: unknown): value is string => typeof value === 'string' && SHA256_HEX.test(value);

/**
 * Where a blob lives: `<root>/ab/cd/<sha256>`. Two levels of 256 directories keep each one small
 * (ten million files is about 150 per leaf). Only call it with a checked hash: that check is what
 * keeps `..` and `/` out of the path.
 */
export const blobPath = (root: string, sha256: string): string =>
  path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

/** Where files are written before they are renamed into place: same filesystem, so rename is atomic.
 * `tmp` cannot clash with a fan-out directory, whose names are two hex digits. */
export const tempDir = (root: string): string => path.join(root, 'tmp');
