import { invalidStructure, invalidValue } from '../errors/domain-error';
import type { JsonObject } from '../events/event';
import { isPlainObject, requireObject, requireStringList } from '../validation/guards';

/**
 * The largest metadata object, as UTF-8 JSON: what a folder created in one request of ingest's
 * 256 KiB could carry. It keeps a MetaDataChanged event far below Kafka's 1 MB message limit,
 * however many PATCHes have grown the object.
 */
export const MAX_META_DATA_BYTES = 256 * 1024;

const OPS = ['REPLACE', 'MERGE', 'DELETE'] as const;

/** The metadata after a change from the wire: REPLACE, MERGE (top-level keys) or DELETE (some keys, or all). */
export function changedMetaData(current: JsonObject, change: unknown): JsonObject {
  const result = applyChange(current, requireObject(change, 'change'));
  const size = utf8Length(JSON.stringify(result));
  if (size > MAX_META_DATA_BYTES) {
    throw invalidValue(`Metadata may hold at most ${MAX_META_DATA_BYTES} bytes of JSON`, { field: 'meta_data', limit: MAX_META_DATA_BYTES, size });
  }
  return result;
}

function applyChange(current: JsonObject, change: JsonObject): JsonObject {
  switch (change['op']) {
    case 'REPLACE':
      return metaDataIn(change);
    case 'MERGE':
      return { ...current, ...metaDataIn(change) };
    case 'DELETE': {
      const keys = change['keys'];
      if (keys === undefined || keys === null) return {};
      const removed = new Set(requireStringList(keys, 'change.keys'));
      return Object.fromEntries(Object.entries(current).filter(([key]) => !removed.has(key)));
    }
    default:
      throw invalidValue(`Field "change.op" must be one of ${OPS.join(', ')}`, { field: 'change.op', value: change['op'] ?? null });
  }
}

function metaDataIn(change: JsonObject): JsonObject {
  const value = change['meta_data'];
  if (value === undefined || value === null) throw invalidStructure('Field "change.meta_data" is required', { field: 'change.meta_data' });
  if (!isPlainObject(value)) throw invalidValue('Field "change.meta_data" must be a JSON object', { field: 'change.meta_data' });
  return value;
}

/** UTF-8 bytes of a text, counted without an encoder (the domain uses no platform API). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
