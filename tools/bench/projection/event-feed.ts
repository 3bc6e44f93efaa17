// Plays the ingest service and the relay for the projection benchmark: planned events go into
// the event store (so the projection can fill gaps from it) many streams per statement, then to
// the topic as the relay writes them.
import type { StoredEvent } from '@forensics/event-store';
import type { MessageProducer, OutgoingMessage } from '@forensics/messaging';
import type { DataSource } from 'typeorm';
import { asMessage } from '../../../apps/projection/test/projection-harness';
import type { PlannedAppend, PlannedEvent } from './kyc-traffic';

// Versions are planned, so one statement appends the events of many streams; the unique
// (stream_id, stream_version) constraint still refuses a planned version twice.
const BULK_APPEND = `
  INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
  SELECT (e.value->>'event_id')::uuid, e.value->>'stream_id', (e.value->>'stream_version')::integer, e.value->>'type',
    (e.value->>'schema_version')::integer, e.value->'data', e.value->'metadata'
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, ord)
  ORDER BY e.ord
  RETURNING event_id, global_position::text AS global_position, recorded_at, transaction_id::text AS transaction_id`;

type Appended = { event_id: string; global_position: string; recorded_at: Date; transaction_id: string };

/** Appends the events in one statement and answers them as stored, in append order. */
export async function appendInBulk(eventStore: DataSource, events: readonly PlannedEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = (await eventStore.query(BULK_APPEND, [JSON.stringify(events)])) as Appended[];
  const byId = new Map(rows.map((row) => [row.event_id, row]));
  return events.map((event) => {
    const row = byId.get(event.event_id);
    if (!row) throw new Error(`event ${event.event_id} was not appended`);
    return { ...event, global_position: Number(row.global_position), recorded_at: row.recorded_at, transaction_id: row.transaction_id };
  });
}

/** The messages of stored events as the relay publishes them. */
export const relayMessages = (events: readonly StoredEvent[]): OutgoingMessage[] => events.map(asMessage);

/**
 * Publishes in requests of about `maxBytes`: big requests for speed, but each partition's record
 * batch stays under the broker's 1 MB message limit (12 partitions share a request).
 */
export async function publishInChunks(producer: MessageProducer, topic: string, messages: readonly OutgoingMessage[], maxBytes = 3 * 1024 * 1024): Promise<void> {
  let chunk: OutgoingMessage[] = [];
  let size = 0;
  for (const message of messages) {
    chunk.push(message);
    size += message.key.length + message.value.length + 100;
    if (size >= maxBytes) {
      await producer.send(topic, chunk);
      chunk = [];
      size = 0;
    }
  }
  await producer.send(topic, chunk);
}

/** Appends a whole plan in statements of about 5,000 events and publishes each statement's events. */
export async function appendAndPublish(appends: readonly PlannedAppend[], eventStore: DataSource, producer: MessageProducer, topic: string): Promise<void> {
  const total = appends.reduce((sum, a) => sum + a.events.length, 0);
  let done = 0;
  let lastProgress = performance.now();
  for (let from = 0; from < appends.length; ) {
    const batch: PlannedEvent[] = [];
    while (from < appends.length && batch.length < 5000) batch.push(...(appends[from++] as PlannedAppend).events);
    await publishInChunks(producer, topic, relayMessages(await appendInBulk(eventStore, batch)));
    done += batch.length;
    if (performance.now() - lastProgress >= 2000) {
      lastProgress = performance.now();
      console.log(`  preload: ${done} / ${total} events appended and published`);
    }
  }
}
