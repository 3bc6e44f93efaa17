import type { DataSource } from 'typeorm';
import { type Checkpoint, START_CHECKPOINT } from './stored-event';

/** Where a reader of all events (the relay) keeps how far it has come, next to the events. */
export class CheckpointStore {
  constructor(private readonly dataSource: DataSource) {}

  async load(name: string): Promise<Checkpoint> {
    const [row] = await this.dataSource.query(
      'SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM checkpoints WHERE name = $1',
      [name],
    );
    return row ? { transaction_id: row.transaction_id, global_position: Number(row.global_position) } : START_CHECKPOINT;
  }

  /**
   * Saves a checkpoint without waiting for its WAL flush (`synchronous_commit` off for this one
   * transaction; the setting is local to it and is read when it commits). A checkpoint lost to a
   * PostgreSQL crash leaves the one before it, from which the relay sends again what it had sent
   * (duplicates, which every consumer ignores, never gaps), while a flush per save would put the
   * relay's bookkeeping in the queue for the disk next to the appends it publishes.
   */
  async save(name: string, checkpoint: Checkpoint): Promise<void> {
    await this.dataSource.query(
      `WITH lazy AS (SELECT set_config('synchronous_commit', 'off', true))
       INSERT INTO checkpoints (name, transaction_id, global_position) SELECT $1, $2::xid8, $3 FROM lazy
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         global_position = EXCLUDED.global_position, updated_at = clock_timestamp()`,
      [name, checkpoint.transaction_id, checkpoint.global_position],
    );
  }
}
