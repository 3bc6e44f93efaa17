import path from 'node:path';
import { DEFAULT_MAX_BLOB_BYTES } from '../limits/size-limit';

/** How a BlobStore is set up; the apps read `root` from BLOB_DIR. */
export type BlobStoreOptions = Readonly<{
  /** The directory that holds the blobs and their temp files; created on first write. */
  root: string;
  /** The largest file accepted, in bytes; 30 MB when absent. */
  maxBytes?: number;
}>;

/** The options, checked: a bad configuration fails when the app starts, not on the first upload. */
export function checkedOptions(options: BlobStoreOptions): Required<BlobStoreOptions> {
  if (typeof options.root !== 'string' || options.root.trim() === '') {
    throw new RangeError('BlobStore needs a root directory (BLOB_DIR)');
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`BlobStore maxBytes must be a positive whole number of bytes, got ${String(options.maxBytes)}`);
  }
  return { root: path.resolve(options.root), maxBytes };
}
