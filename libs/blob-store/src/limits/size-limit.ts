import { BlobRejectedError } from '../errors/blob-rejected.error';

const KB = 1024;
const MB = 1024 * KB;

/** The largest file the store keeps unless configured otherwise: 30 MB. */
export const DEFAULT_MAX_BLOB_BYTES = 30 * MB;

/** A limit as a person reads it: "30 MB", "64 KB", "1000 bytes". */
export function describeBytes(bytes: number): string {
  if (bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes % KB === 0) return `${bytes / KB} KB`;
  return `${bytes} bytes`;
}

export const tooLarge = (maxBytes: number): BlobRejectedError =>
  new BlobRejectedError('TOO_LARGE', `File is larger than the limit of ${describeBytes(maxBytes)}`, { limit_bytes: maxBytes });

export const emptyFile = (): BlobRejectedError => new BlobRejectedError('EMPTY', 'File is empty');
