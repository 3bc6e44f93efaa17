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

  async save(name: string, checkpoint: Checkpoint): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         global_position = EXCLUDED.global_position, updated_at = clock_timestamp()`,
      [name, checkpoint.transaction_id, checkpoint.global_position],
    );
  }
}
