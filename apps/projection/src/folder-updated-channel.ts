import { createHash } from 'node:crypto';

/**
 * Where the projection announces `{ folder_id, version }` after each commit; single-request
 * waiters and the status stream listen. One channel per read-model schema (NOTIFY is database-wide).
 */
export function folderUpdatedChannel(readModelSchema: string): string {
  return readModelSchema === 'read_model'
    ? 'folder_updated'
    : `folder_updated_${createHash('sha256').update(readModelSchema).digest('hex').slice(0, 16)}`;
}

/** Readers that must not see a batch half-applied take this lock; a rebuild's switch takes it alone. */
export const READ_MODEL_SWITCH_LOCK = 'read-model-switch';
