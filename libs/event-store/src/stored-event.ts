/** An event to append: the caller gives its id, so a retried request appends the same ids. */
export type NewEvent = Readonly<{
  event_id: string;
  type: string;
  schema_version: number;
  data: object;
  metadata: Readonly<Record<string, unknown>>;
}>;

/** An event as the store keeps it. */
export type StoredEvent = NewEvent &
  Readonly<{
    stream_id: string;
    stream_version: number;
    global_position: number;
    recorded_at: Date;
    /** The id (xid8, as text) of the transaction that appended it: the commit-safe read order. */
    transaction_id: string;
  }>;

/** How far a reader of all events has come, in the store's commit-safe order. */
export type Checkpoint = Readonly<{ transaction_id: string; global_position: number }>;

export const START_CHECKPOINT: Checkpoint = { transaction_id: '0', global_position: 0 };

export const checkpointOf = (event: StoredEvent): Checkpoint => ({
  transaction_id: event.transaction_id,
  global_position: event.global_position,
});
