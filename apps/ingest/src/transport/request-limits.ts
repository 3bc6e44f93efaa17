import { invalidValue } from '@forensics/domain';

/**
 * The folder id is the stream id, held in a unique btree index and sent as a NOTIFY payload, and the
 * actor's ids go into the scoped idempotency key, another btree key. PostgreSQL refuses an index
 * entry over about 2.7 kB with a server error; ids are uuids or short names, so 128 is generous.
 */
export const MAX_ID_CHARACTERS = 128;

/** Room for a uuid or a hash with a prefix; the scoped key it becomes must fit a btree entry too. */
export const MAX_IDEMPOTENCY_KEY_CHARACTERS = 255;

/**
 * One event must stay far below Kafka's 1 MB message limit: the relay publishes events in order,
 * so an event the broker refuses would stop it at that event for good. A command's events carry
 * its data and a little metadata, so a request of at most 256 KiB keeps each event well below.
 */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** Whether a string has more than `limit` characters as PostgreSQL counts them: code points, not UTF-16 units. */
export const hasMoreCharactersThan = (text: string, limit: number): boolean =>
  // A code point is one or two UTF-16 units, so only lengths between limit and 2 × limit need counting.
  text.length > limit && (text.length > 2 * limit || [...text].length > limit);

/** Refuses a request whose JSON is over MAX_REQUEST_BYTES; call it once nesting is known to be bounded. */
export function checkRequestSize(payload: unknown): void {
  const size = Buffer.byteLength(JSON.stringify(payload), 'utf8');
  if (size > MAX_REQUEST_BYTES) throw invalidValue('Request is larger than 256 KiB', { limit: MAX_REQUEST_BYTES, size });
}
