import type { FolderUpdates } from '../src/read/folder-updates';

/** The projection's announcements, delivered by hand: what a LISTEN connection hands FolderUpdates. */
export function announcements() {
  const listeners = new Map<string, Set<(version: number) => void>>();
  const updates = {
    subscribe(folderId: string, listener: (version: number) => void) {
      const own = listeners.get(folderId) ?? new Set();
      own.add(listener);
      listeners.set(folderId, own);
      return () => own.delete(listener);
    },
  } as unknown as FolderUpdates;
  const announce = (folderId: string, version: number) => listeners.get(folderId)?.forEach((l) => l(version));
  return { updates, announce, listening: (folderId: string) => listeners.get(folderId)?.size ?? 0 };
}
