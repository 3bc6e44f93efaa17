import { type Checkpoint, checkpointOf, type PostgresEventStore } from '@forensics/event-store';
import type { FolderRowsRepository } from '@forensics/read-model';
import { setTimeout as sleep } from 'node:timers/promises';
import { foldPage, type Queryable } from './fold-page';

export type ReplayTarget = Readonly<{ store: PostgresEventStore; rows: FolderRowsRepository; via: Queryable }>;

export type ReplayOptions = Readonly<{
  pageSize: number;
  /**
   * `settled`: until a page is short and nothing committed is held back behind an older running
   * transaction (waiting for it), so the switch starts with everything the relay could have sent.
   * `empty`: until a page is empty; what is still held back is left to the live projection.
   */
  until: 'settled' | 'empty';
  onPage: (events: number) => Promise<void>;
  signal?: AbortSignal;
}>;

// How long to wait before asking again when events are held back: the relay's pace.
const HELD_BACK_POLL_MS = 50;

/** Folds every event after `from`, page by page in commit order; answers where it stopped. */
export async function replayEvents(from: Checkpoint, target: ReplayTarget, options: ReplayOptions): Promise<Checkpoint> {
  let checkpoint = from;
  for (;;) {
    options.signal?.throwIfAborted();
    const { events, heldBack } = await target.store.readAllAfter(checkpoint, options.pageSize);
    const last = events[events.length - 1];
    if (last) {
      await foldPage(events, target.store, target.rows, target.via);
      checkpoint = checkpointOf(last);
      await options.onPage(events.length);
    }
    // Under a steady load of appends a page is rarely empty: a short one means caught up.
    if (events.length === options.pageSize) continue;
    if (options.until === 'empty' ? events.length === 0 : !heldBack) return checkpoint;
    if (events.length === 0) await sleep(HELD_BACK_POLL_MS);
  }
}
