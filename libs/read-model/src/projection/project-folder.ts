import { evolve } from '@forensics/domain';
import { type FolderEnvelope, toFolderEvent } from '../envelope/folder-envelope';
import { applyEventData } from './apply-event-data';
import { applyStatuses } from './apply-statuses';
import { type FolderProjection, emptyProjection } from './folder-projection';

/**
 * Folds a folder's events into its rows. Only the next version is applied, in version order: an
 * event at or below the current version is a redelivery and is ignored, and an event past a gap
 * waits (the caller fills gaps, see `missingVersions`). Pure: the same input, the same rows.
 */
export function projectFolder(current: FolderProjection | null, events: readonly FolderEnvelope[]): FolderProjection {
  const folderId = current?.folder_id ?? events[0]?.stream_id;
  if (folderId === undefined) throw new Error('projectFolder needs a current projection or at least one event');
  const foreign = events.find((e) => e.stream_id !== folderId);
  if (foreign) throw new Error(`projectFolder got an event of folder ${foreign.stream_id} while folding folder ${folderId}`);
  // Redeliveries arrive after later versions (`5 6 7 | 5 6 7 8`, docs/events.md §4); sorting
  // lets a batch that holds a late copy of the next version still use it.
  const ordered = [...events].sort((a, b) => a.stream_version - b.stream_version);
  let projection = current ?? emptyProjection(folderId);
  for (const envelope of ordered) {
    if (envelope.stream_version === projection.version + 1) projection = applyEnvelope(projection, envelope);
  }
  return projection;
}

function applyEnvelope(projection: FolderProjection, envelope: FolderEnvelope): FolderProjection {
  const change = { version: envelope.stream_version, at: envelope.occurred_at };
  const state = evolve(projection.state, toFolderEvent(envelope));
  // evolve hands back the very state it was given when an event does not fit the history (a
  // second result for one analysis, say). Such an event counts as a version and changes no row.
  if (state === projection.state) return { ...projection, version: change.version };
  const withData = applyEventData({ ...projection, state, version: change.version }, envelope, change);
  return applyStatuses(withData, change);
}
