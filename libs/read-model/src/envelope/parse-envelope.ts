import { FOLDER_EVENT_TYPES, type FolderEventType } from '@forensics/domain';
import { DecodeError, type Decoder, count, id, instant, nullable, object, record, text } from './decoders';
import { EVENT_DATA_DECODERS } from './event-data.decoders';
import type { FolderEnvelope } from './folder-envelope';

/** A message the fold can use, or the reason it cannot: the projection dead-letters the latter. */
export type ParsedEnvelope = Readonly<{ ok: true; envelope: FolderEnvelope }> | Readonly<{ ok: false; reason: string }>;

const positive: Decoder<number> = (value, path) => {
  const checked = count(value, path);
  if (checked === 0) throw new DecodeError(`${path} must be at least 1`);
  return checked;
};

const envelopeFields = record({
  event_id: id,
  stream_id: id,
  stream_version: positive,
  global_position: count,
  occurred_at: instant,
  recorded_at: instant,
  company_id: nullable(text),
  user_id: nullable(text),
  correlation_id: nullable(text),
  causation_id: nullable(text),
});

/** Parses a message value from the folder-events topic (docs/events.md §2). */
export function parseEnvelope(raw: string): ParsedEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  return decodeEnvelope(value);
}

/**
 * Checks an envelope that is already an object, such as one read back from the event store to
 * fill a gap. The type and the schema version are checked first, so that the reason names the
 * real problem: an event of a type or version this code does not know yet.
 */
export function decodeEnvelope(value: unknown): ParsedEnvelope {
  try {
    const input = object(value, 'envelope');
    const type = text(input['type'], 'type');
    if (!FOLDER_EVENT_TYPES.includes(type as FolderEventType)) return { ok: false, reason: `unknown event type ${JSON.stringify(type)}` };
    const version = count(input['schema_version'], 'schema_version');
    const decodeData = EVENT_DATA_DECODERS[type as FolderEventType][version];
    if (!decodeData) return { ok: false, reason: `unknown schema_version ${version} of ${type}` };
    const fields = envelopeFields(input, '');
    const data = decodeData(input['data'], 'data');
    return { ok: true, envelope: { ...fields, type, schema_version: version, data } as FolderEnvelope };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, reason: error.message };
    throw error;
  }
}
