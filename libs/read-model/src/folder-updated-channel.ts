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

/**
 * Every live batch takes this lock shared; a rebuild's switch takes it alone, so no batch straddles
 * the switch. One per read-model schema: rebuilding one schema pauses no other projection.
 */
export const readModelSwitchLock = (readModelSchema: string): string => `read-model-switch:${readModelSchema}`;
