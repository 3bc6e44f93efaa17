import { type StoredEvent, toEnvelope } from '@forensics/event-store';
import { type FolderEnvelope, type FolderRowsRepository, missingVersions, parseEnvelope, projectFolder } from '@forensics/read-model';
import type { EntityManager } from 'typeorm';

/** A connection or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * Folds one page of the event store, read in commit order, into the tables `rows` reaches through
 * `via`. Events take the path a gap fill takes in the live projection (stored event, envelope,
 * parse), so both fold the very same input. Only the rebuild writes its schema and commit order
 * keeps each folder's versions in order, so a conflict or a gap is a bug, not a retry: it throws.
 */
export async function foldPage(page: readonly StoredEvent[], rows: FolderRowsRepository, via: Queryable): Promise<void> {
  const byFolder = new Map<string, FolderEnvelope[]>();
  for (const event of page) {
    const envelope = foldable(event);
    const own = byFolder.get(envelope.stream_id);
    if (own) own.push(envelope);
    else byFolder.set(envelope.stream_id, [envelope]);
  }
  const current = await rows.load([...byFolder.keys()], via);
  const writes = [...byFolder].map(([folderId, events]) => {
    const stored = current.get(folderId) ?? null;
    const missing = missingVersions(stored, events);
    if (missing.length > 0) throw new Error(`folder ${folderId} lacks versions ${missing.join(', ')} in the store's commit order`);
    return { expectedVersion: stored?.version ?? 0, projection: projectFolder(stored, events) };
  });
  const result = await rows.write(writes, via);
  if (result.conflicts.length > 0) throw new Error(`folders ${result.conflicts.join(', ')} were written by someone else in the schema being rebuilt`);
}

/**
 * The live projection dead-letters an event it cannot parse, and is then stuck on that folder's
 * next event (its gap fill cannot fold it either). A rebuild stops instead: without that event
 * its tables could not equal anything.
 */
function foldable(event: StoredEvent): FolderEnvelope {
  const parsed = parseEnvelope(JSON.stringify(toEnvelope(event)));
  if (parsed.ok) return parsed.envelope;
  throw new Error(
    `event ${event.event_id} (${event.type} v${event.schema_version}, folder ${event.stream_id} version ${event.stream_version}) cannot be folded: ${parsed.reason}`,
  );
}
