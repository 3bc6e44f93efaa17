import type { FolderUpdates } from './folder-updates';

/**
 * Watches a folder's announcements from the projection. Start watching before sending the command
 * whose effect you wait for, then loop: `markRead()`, read the folder, and if it is not there yet
 * `next()` waits for the next announcement (returning at once if one came since `markRead`).
 */
export function watchFolder(updates: FolderUpdates, folderId: string) {
  let announced = false;
  let wake: (() => void) | null = null;
  const unsubscribe = updates.subscribe(folderId, () => {
    announced = true;
    wake?.();
  });
  return {
    markRead: () => {
      announced = false;
    },
    /** Resolves true on an announcement (at once if one came since `markRead`), false when the time is up. */
    next: (timeoutMs: number): Promise<boolean> =>
      announced
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => {
              wake = null;
              resolve(false);
            }, Math.max(0, timeoutMs));
            wake = () => {
              clearTimeout(timer);
              wake = null;
              resolve(true);
            };
          }),
    close: unsubscribe,
  };
}

/**
 * Reads until `done` holds, re-reading on each announcement (never polling), or until the time is
 * up. `last` is a value already read under this watch (after its `markRead`): it is judged first,
 * and read again only once something new is announced.
 */
export async function readUntil<T>(
  watch: Pick<ReturnType<typeof watchFolder>, 'markRead' | 'next'>,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  last?: { value: T },
): Promise<{ value: T; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  const readNow = () => {
    watch.markRead();
    return read();
  };
  let value = last ? last.value : await readNow();
  for (;;) {
    if (done(value)) return { value, timedOut: false };
    const left = deadline - Date.now();
    if (left <= 0) return { value, timedOut: true };
    const announcedMeanwhile = await watch.next(left);
    value = await readNow();
    // The time is up: that read was the last look (a timer may fire a millisecond before `Date.now()` says so).
    if (!announcedMeanwhile && !done(value)) return { value, timedOut: true };
  }
}
