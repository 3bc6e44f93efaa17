import type { FolderWrite, FolderWriteResult } from '@forensics/read-model';

/** Commits a set of folder writes in one statement (`FolderRowsRepository.commit`). */
export type CommitFolders = (writes: readonly FolderWrite[]) => Promise<FolderWriteResult>;

type Waiting = { writes: readonly FolderWrite[]; resolve: (result: FolderWriteResult) => void; reject: (error: unknown) => void };

export type GroupCommitLimits = Readonly<{
  /** Statements in flight at once; batches that arrive meanwhile wait and go together. */
  inFlight: number;
  /** Folders one statement takes at most (a batch is never split). */
  maxFolders: number;
}>;

/**
 * Group commit: the batches of the partitions a process folds at the same time are written
 * together, in one statement and transaction, instead of one each. Live, a fetch brings a few
 * events on each of a dozen partitions, and a statement per partition costs PostgreSQL far more
 * than the rows do; one per fetch does not. A batch that arrives while a statement is in flight
 * goes with the next one, so an idle projection writes at once. Each batch hears its own folders'
 * outcome; when the statement fails, every batch in it does (and is delivered again).
 */
export class GroupCommit {
  private readonly waiting: Waiting[] = [];
  private running = 0;

  constructor(
    private readonly commitFolders: CommitFolders,
    private readonly limits: GroupCommitLimits,
  ) {}

  commit(writes: readonly FolderWrite[]): Promise<FolderWriteResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ writes, resolve, reject });
      // Let the batches handed over in this turn of the event loop join.
      setImmediate(() => this.next());
    });
  }

  private next(): void {
    while (this.running < this.limits.inFlight && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.running += 1;
      void this.run(group).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }

  /** The oldest batches that fit together: each folder once, at most `maxFolders`, never none. */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const folders = new Set<string>();
    for (let index = 0; index < this.waiting.length; ) {
      const candidate = this.waiting[index] as Waiting;
      const ids = candidate.writes.map((w) => w.projection.folder_id);
      const fits = group.length === 0 || (folders.size + ids.length <= this.limits.maxFolders && ids.every((id) => !folders.has(id)));
      if (!fits) {
        index += 1;
        continue;
      }
      for (const id of ids) folders.add(id);
      group.push(candidate);
      this.waiting.splice(index, 1);
    }
    return group;
  }

  private async run(group: readonly Waiting[]): Promise<void> {
    try {
      const result = await this.commitFolders(group.flatMap((g) => g.writes));
      const written = new Set(result.written);
      const conflicts = new Set(result.conflicts);
      for (const { writes, resolve } of group) {
        const ids = writes.map((w) => w.projection.folder_id);
        resolve({ written: ids.filter((id) => written.has(id)), conflicts: ids.filter((id) => conflicts.has(id)) });
      }
    } catch (error) {
      for (const { reject } of group) reject(error);
    }
  }
}
