import { type PostgresEventStore, type StoredEvent, toEnvelope } from '@forensics/event-store';
import { type FolderEnvelope, type FolderProjection, type FolderRowsRepository, parseEnvelope, projectFolder } from '@forensics/read-model';
import type { EntityManager } from 'typeorm';

/** A connection or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

export type StoredProjectionSources = Readonly<{ rows: FolderRowsRepository; eventStore: PostgresEventStore; via?: Queryable }>;

/**
 * The projections of folders this process holds no state for. The tables say which version each
 * folder's rows reflect; the event store gives its events up to that version, and the same pure
 * fold that wrote the rows folds them again, state included. A folder without rows is absent.
 */
export async function loadStoredProjections(folderIds: readonly string[], sources: StoredProjectionSources): Promise<Map<string, FolderProjection>> {
  const versions = await sources.rows.storedVersions(folderIds, sources.via);
  const streams = await sources.eventStore.readStreamsUpTo(versions);
  const loaded = new Map<string, FolderProjection>();
  for (const [folderId, version] of versions) {
    const events = (streams.get(folderId) ?? []).map(foldableEnvelope);
    const projection = events.length > 0 ? projectFolder(null, events) : null;
    if (projection?.version !== version) {
      throw new Error(`folder ${folderId} is at version ${version} in the read model, but its events in the store fold to ${projection?.version ?? 0}`);
    }
    loaded.set(folderId, projection);
  }
  return loaded;
}

/**
 * A stored event as the fold takes it, by the path a message takes (envelope, JSON, parse), so
 * what is read from the store folds exactly as what came from Kafka. An event that cannot be
 * parsed was never folded: it throws, naming the event.
 */
export function foldableEnvelope(event: StoredEvent): FolderEnvelope {
  const parsed = parseEnvelope(JSON.stringify(toEnvelope(event)));
  if (parsed.ok) return parsed.envelope;
  throw new UnfoldableStoredEventError(event, parsed.reason);
}

/** A stored event this version of the projection cannot read (a newer schema version, say). */
export class UnfoldableStoredEventError extends Error {
  override readonly name = 'UnfoldableStoredEventError';
  readonly folderId: string;
  readonly version: number;

  constructor(event: StoredEvent, reason: string) {
    super(`event ${event.event_id} (${event.type} v${event.schema_version}, folder ${event.stream_id} version ${event.stream_version}) cannot be folded: ${reason}`);
    this.folderId = event.stream_id;
    this.version = event.stream_version;
  }
}
