import type { FolderEnvelope } from '../envelope/folder-envelope';
import type { FolderProjection } from './folder-projection';

/**
 * The versions between the projection and the newest event at hand that no event at hand
 * carries: what the caller reads from the event store before folding, because a folder never
 * skips a gap (DESIGN.md invariant 3). Empty when nothing is missing.
 */
export function missingVersions(current: FolderProjection | null, events: readonly FolderEnvelope[]): number[] {
  const from = (current?.version ?? 0) + 1;
  const present = new Set(events.map((e) => e.stream_version));
  const newest = Math.max(0, ...present);
  const missing: number[] = [];
  for (let version = from; version < newest; version++) {
    if (!present.has(version)) missing.push(version);
  }
  return missing;
}
