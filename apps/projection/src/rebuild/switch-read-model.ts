import type { Checkpoint } from '@forensics/event-store';
import type { DataSource } from 'typeorm';
import { readModelSwitchLock } from '@forensics/read-model';
import { replayEvents, type ReplayTarget } from './replay-events';
import { quoted, type RebuildSchemas } from './schema-names';

export type SwitchSteps = Readonly<{
  /** Where the catch-up stopped. */
  from: Checkpoint;
  /** The event store and the rebuilt tables; `via` is replaced by the switch's transaction. */
  target: Omit<ReplayTarget, 'via'>;
  pageSize: number;
  /** How long to wait for in-flight live batches before giving up, leaving everything as it was. */
  lockTimeoutMs: number;
  onLocked: () => Promise<void>;
  onPage: (events: number) => Promise<void>;
  signal?: AbortSignal;
}>;

/**
 * Puts the rebuilt tables in the live schema's place, in one transaction:
 * 1. the switch lock, alone: it waits for the live batches in flight (each holds it shared) and
 *    holds back new ones, so no batch writes the old tables after they stop being live;
 * 2. the events that arrived since the catch-up. The first write gives this transaction an id, and
 *    commit-safe reading holds back every transaction younger than it, so this ends; what is held
 *    back was not sent by the relay yet, and the live projection folds it into the new tables;
 * 3. the live schema renamed away, the rebuilt one renamed to it. Readers and the live projection
 *    name no schema (search_path), so their next statement reads the new tables, and no statement
 *    can find neither: both renames commit together.
 * Answers the retired schema, or null when there was no live schema to retire.
 */
export async function switchReadModel(dataSource: DataSource, schemas: RebuildSchemas, steps: SwitchSteps): Promise<string | null> {
  return dataSource.transaction(async (manager) => {
    await manager.query("SELECT set_config('lock_timeout', $1, true)", [`${steps.lockTimeoutMs}ms`]);
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [readModelSwitchLock(schemas.live)]);
    await steps.onLocked();
    await replayEvents(steps.from, { ...steps.target, via: manager }, { pageSize: steps.pageSize, until: 'empty', onPage: steps.onPage, ...(steps.signal ? { signal: steps.signal } : {}) });
    const [live] = await manager.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schemas.live]);
    if (live) await manager.query(`ALTER SCHEMA ${quoted(schemas.live)} RENAME TO ${quoted(schemas.retired)}`);
    await manager.query(`ALTER SCHEMA ${quoted(schemas.rebuild)} RENAME TO ${quoted(schemas.live)}`);
    return live ? schemas.retired : null;
  });
}
