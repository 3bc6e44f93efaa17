import type { JsonObject, MetaDataChange, MetaDataTarget } from '@forensics/domain';
import { invalidStructure, invalidValue, notExist } from '../errors/oz-http-error';
import type { VisibleFolder } from '../read/folder-reader';

const isPlainObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body of a POST (REPLACE) or PATCH (MERGE): the metadata itself, a JSON object. */
export function replaceOrMerge(op: 'REPLACE' | 'MERGE', body: unknown): MetaDataChange {
  if (body === undefined || body === null) throw invalidStructure('The body must be the metadata as a JSON object (Content-Type: application/json)', { field: 'body' });
  if (!isPlainObject(body)) throw invalidValue('The metadata must be a JSON object', { field: 'body' });
  return { op, meta_data: body };
}

/**
 * The body of a DELETE: none (or no `keys`) removes every key, `{"keys": [...]}` only those. A
 * body that came but was not read as JSON (another Content-Type) is refused: read as none, it
 * would remove every key.
 */
export function deletion(body: unknown, bodySent: boolean): MetaDataChange {
  if ((body === undefined || body === null) && bodySent) throw invalidStructure('The body of a DELETE must be JSON (Content-Type: application/json)', { field: 'body' });
  if (body === undefined || body === null) return { op: 'DELETE', keys: null };
  if (!isPlainObject(body)) throw invalidStructure('The body of a DELETE must be empty or a JSON object {"keys": [...]}', { field: 'body' });
  const keys = body['keys'];
  if (keys === undefined || keys === null) return { op: 'DELETE', keys: null };
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string' && key !== '')) {
    throw invalidValue('"keys" must be a list of metadata keys', { field: 'keys' });
  }
  return { op: 'DELETE', keys: keys as string[] };
}

/** The metadata of the target as the read model holds it. */
export function metaDataIn(folder: VisibleFolder, target: MetaDataTarget): JsonObject {
  switch (target.kind) {
    case 'FOLDER':
      return folder.folder.meta_data;
    case 'MEDIA': {
      const media = folder.media.find((m) => m.media_id === target.media_id);
      if (!media) throw notExist('Media', { media_id: target.media_id });
      return media.meta_data;
    }
    case 'ANALYSIS': {
      const analysis = folder.analyses.find((a) => a.analysis_id === target.analysis_id);
      if (!analysis) throw notExist('Analysis', { analysis_id: target.analysis_id });
      return analysis.meta_data;
    }
    default: {
      const unknown: never = target;
      return unknown;
    }
  }
}

/** Whether the request came with a body, read or not. */
export const sentBody = (request: Readonly<{ headers: Readonly<Record<string, string | string[] | undefined>> }>): boolean =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
