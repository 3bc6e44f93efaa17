import type { FolderProjection } from '@forensics/read-model';

/**
 * The projections this process wrote last, so a batch need not read them back (reading them is
 * about half the cost of a live batch). Filled only after a commit, dropped on a version conflict;
 * the version check in SQL stays the authority, so a stale entry costs a retry, never a wrong row.
 * Bounded, least recently used first out, to keep the process's memory steady.
 */
export class ProjectionCache {
  private readonly entries = new Map<string, FolderProjection>();

  constructor(private readonly maxFolders: number) {}

  get(folderId: string): FolderProjection | undefined {
    const hit = this.entries.get(folderId);
    if (hit) {
      this.entries.delete(folderId);
      this.entries.set(folderId, hit);
    }
    return hit;
  }

  set(projection: FolderProjection): void {
    this.entries.delete(projection.folder_id);
    this.entries.set(projection.folder_id, projection);
    while (this.entries.size > this.maxFolders) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  forget(folderIds: readonly string[]): void {
    for (const id of folderIds) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
