import type { PostgresEventStore, StoredEvent } from '@forensics/event-store';
import { type FolderEnvelope, type FolderRowsRepository, missingVersions, projectFolder } from '@forensics/read-model';
import { foldableEnvelope, loadStoredProjections, type Queryable } from '../stored-projections';

export type { Queryable } from '../stored-projections';

/**
 * Folds one page of the event store, read in commit order, into the tables `rows` reaches through
 * `via`. Events take the path a gap fill takes in the live projection (stored event, envelope,
 * parse), so both fold the very same input; a folder begun on an earlier page is folded again
 * from the store up to the version its rows reflect. Only the rebuild writes its schema and
 * commit order keeps each folder's versions in order, so a conflict or a gap is a bug, not a
 * retry: it throws. So does an event that cannot be parsed, which the live projection
 * dead-letters and is then stuck on: without that event the tables could not equal anything.
 */
export async function foldPage(page: readonly StoredEvent[], store: PostgresEventStore, rows: FolderRowsRepository, via: Queryable): Promise<void> {
  const byFolder = new Map<string, FolderEnvelope[]>();
  for (const event of page) {
    const envelope = foldableEnvelope(event);
    const own = byFolder.get(envelope.stream_id);
    if (own) own.push(envelope);
    else byFolder.set(envelope.stream_id, [envelope]);
  }
  const current = await loadStoredProjections([...byFolder.keys()], { rows, eventStore: store, via });
  const writes = [...byFolder].map(([folderId, events]) => {
    const stored = current.get(folderId) ?? null;
    const missing = missingVersions(stored, events);
    if (missing.length > 0) throw new Error(`folder ${folderId} lacks versions ${missing.join(', ')} in the store's commit order`);
    return { expectedVersion: stored?.version ?? 0, projection: projectFolder(stored, events) };
  });
  const result = await rows.write(writes, via);
  if (result.conflicts.length > 0) throw new Error(`folders ${result.conflicts.join(', ')} were written by someone else in the schema being rebuilt`);
}
