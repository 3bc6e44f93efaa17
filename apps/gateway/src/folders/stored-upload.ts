import { randomUUID } from 'node:crypto';
import type { BlobStore } from '@forensics/blob-store';
import { DomainError, type MediaInput, type MediaType } from '@forensics/domain';
import { OzHttpError } from '../errors/oz-http-error';
import { checkedFileName, type UploadPayload } from './upload-payload';

/** A file of a multipart request, as multer hands it over (in memory, size-limited). */
export type UploadedFile = Readonly<{ fieldname: string; originalname: string; buffer: Buffer; size: number }>;

/**
 * Stores the files of a request in the blob store (content-addressed; a file refused for its
 * content is never stored) and describes them as the domain's media. `rollback` removes the
 * blobs this request added, for when the command is refused after all, except those in `keep`.
 */
export async function storeUploads(
  files: readonly UploadedFile[],
  payload: UploadPayload,
  blobs: BlobStore,
): Promise<{ media: MediaInput[]; keys: Map<string, string>; rollback: (keep?: ReadonlySet<string>) => Promise<void> }> {
  files.forEach((file, index) => checkedFileName(file.originalname, `files[${index}]`));
  const added: string[] = [];
  const media: MediaInput[] = [];
  const keys = new Map<string, string>();
  try {
    for (const file of files) {
      const stored = await blobs.put(file.buffer);
      // Only a file this request created is removed on a refusal; one another folder had stays.
      if (stored.created) added.push(stored.sha256);
      const mediaId = randomUUID();
      keys.set(file.fieldname, mediaId);
      media.push({
        media_id: mediaId,
        original_name: file.originalname,
        media_type: stored.media_type as MediaType,
        tags: payload.tags[file.fieldname] ?? [],
        meta_data: payload.mediaMetaData[file.fieldname] ?? {},
        blob: { sha256: stored.sha256, size: stored.size, mime: stored.mime },
      });
    }
  } catch (error) {
    await removeBlobs(blobs, added);
    throw error;
  }
  return { media, keys, rollback: (keep: ReadonlySet<string> = new Set()) => removeBlobs(blobs, added.filter((sha) => !keep.has(sha))) };
}

async function removeBlobs(blobs: BlobStore, sha256s: readonly string[]): Promise<void> {
  for (const sha of sha256s) await blobs.remove(sha).catch(() => undefined);
}

/**
 * After a command with this request's files failed: their blobs go only when the command was
 * refused (a 4xx). A 503 (ingest away or slow, the read model behind) or an unexpected error may
 * come after the command was recorded, and then its media must stay: an unused blob is better
 * than a folder whose file is gone.
 */
export async function rollbackIfRefused(error: unknown, stored: Readonly<{ rollback: () => Promise<void> }>): Promise<void> {
  const refused = error instanceof OzHttpError ? error.status < 500 : error instanceof DomainError;
  if (refused) await stored.rollback();
}
