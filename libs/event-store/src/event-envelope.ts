import type { StoredEvent } from './stored-event';

/** What every message on the folder-events topic carries (DESIGN.md §2, docs/events.md). */
export type EventEnvelope = Readonly<{
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  stream_version: number;
  global_position: number;
  occurred_at: string;
  recorded_at: string;
  company_id: string | null;
  user_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  data: object;
}>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The public envelope of a stored event; `occurred_at` is the command's time, `recorded_at` the store's. */
export function toEnvelope(event: StoredEvent): EventEnvelope {
  const { metadata } = event;
  return {
    event_id: event.event_id,
    type: event.type,
    schema_version: event.schema_version,
    stream_id: event.stream_id,
    stream_version: event.stream_version,
    global_position: event.global_position,
    occurred_at: text(metadata['occurred_at']) ?? event.recorded_at.toISOString(),
    recorded_at: event.recorded_at.toISOString(),
    company_id: text(metadata['company_id']),
    user_id: text(metadata['user_id']),
    correlation_id: text(metadata['correlation_id']),
    causation_id: text(metadata['causation_id']),
    data: event.data,
  };
}
