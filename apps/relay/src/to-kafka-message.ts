import { type StoredEvent, toEnvelope } from '@forensics/event-store';
import type { OutgoingMessage } from '@forensics/messaging';

/** Keyed by folder id, so a folder's events share a partition and keep their order. */
export const toKafkaMessage = (event: StoredEvent): OutgoingMessage => ({
  key: event.stream_id,
  value: JSON.stringify(toEnvelope(event)),
  headers: { type: event.type, schema_version: String(event.schema_version), event_id: event.event_id },
});
