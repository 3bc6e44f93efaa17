import { BlobRejectedError } from '../errors/blob-rejected.error';

/** How many files a folder takes unless configured otherwise. */
export const DEFAULT_MAX_FILES_PER_FOLDER = 10;

/** Refuses (code 4, TOO_MANY_FILES) a count of files above the limit; the gateway calls it before storing anything. */
export function checkFileCount(count: number, max: number = DEFAULT_MAX_FILES_PER_FOLDER): void {
  if (count > max) {
    throw new BlobRejectedError('TOO_MANY_FILES', `Too many files: ${count}, the limit is ${max} per folder`, {
      limit: max,
      found: count,
    });
  }
}
