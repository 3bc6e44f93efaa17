import type { StoredEvent } from './stored-event';

/**
 * The columns every read selects; positions come back as text (bigint) and are converted once.
 * The aliases shadow the columns, so an ORDER BY must name `events.<column>` or it sorts text.
 */
export const EVENT_COLUMNS = `global_position::text AS global_position, event_id, stream_id, stream_version, type,
  schema_version, data, metadata, recorded_at, transaction_id::text AS transaction_id`;

export type EventRow = Omit<StoredEvent, 'global_position'> & { global_position: string };

export const toStoredEvent = (row: EventRow): StoredEvent => ({
  ...row,
  global_position: Number(row.global_position),
});
