import type { FolderProjection } from '@forensics/read-model';

/**
 * The projections this process wrote last, so a batch need not read them back (reading them is
 * about half the cost of a live batch). Filled only after a commit, dropped on a version conflict;
 * the version check in SQL stays the authority, so a stale entry costs a retry, never a wrong row.
 * Bounded, least recently used first out, to keep the process's memory steady.
 */
export class ProjectionCache {
  private readonly entries = new Map<string, FolderProjection>();
  /** Folders whose stored rows this process may not know: a write of them conflicted or failed. */
  private readonly doubted = new Set<string>();

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
    this.doubted.delete(projection.folder_id);
    this.entries.delete(projection.folder_id);
    this.entries.set(projection.folder_id, projection);
    while (this.entries.size > this.maxFolders) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  forget(folderIds: readonly string[]): void {
    for (const id of folderIds) {
      this.entries.delete(id);
      this.doubted.delete(id);
      this.doubted.add(id);
    }
    while (this.doubted.size > this.maxFolders) {
      const oldest = this.doubted.values().next().value;
      if (oldest === undefined) break;
      this.doubted.delete(oldest);
    }
  }

  /**
   * Whether a folder whose batch begins with its first event may be taken as new, without asking
   * the tables: yes, unless a write of it conflicted or failed here since it was last written. A
   * folder that exists after all (a batch delivered again after a restart, a rebuild's switch)
   * fails its version check, is doubted from then on, and its batch is folded again after a read.
   */
  trustsNew(folderId: string): boolean {
    return !this.doubted.has(folderId);
  }

  get size(): number {
    return this.entries.size;
  }
}
