import { DEFAULT_FOLDER_POLICY } from '@forensics/domain';
import { BlobRejectedError } from '../errors/blob-rejected.error';

/** How many files a folder takes unless configured otherwise (the domain's default policy: 10). */
export const DEFAULT_MAX_FILES_PER_FOLDER = DEFAULT_FOLDER_POLICY.maxMediaPerFolder;

/** Refuses (code 4, TOO_MANY_FILES) a count of files above the limit; the gateway calls it before storing anything. */
export function checkFileCount(count: number, max: number = DEFAULT_MAX_FILES_PER_FOLDER): void {
  if (count > max) {
    // Same wording as the domain's own check, so the client reads one message whichever refuses first.
    throw new BlobRejectedError('TOO_MANY_FILES', `A folder holds at most ${max} files`, { limit: max, found: count });
  }
}
