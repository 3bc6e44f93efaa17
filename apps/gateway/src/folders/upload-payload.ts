import { checkStorableValues } from '@forensics/contracts';
import type { JsonObject } from '@forensics/domain';
import { invalidStructure, invalidValue } from '../errors/oz-http-error';

/** The `payload` part of a folder upload (oz-api.md §1.3, §1.6), checked. */
export type UploadPayload = Readonly<{
  folderMetaData: JsonObject;
  /** Tags by file key; every key names a file of the request. */
  tags: Readonly<Record<string, readonly string[]>>;
  mediaMetaData: Readonly<Record<string, JsonObject>>;
  /** Single request: the analyses to run on the new folder; null when there are none. */
  analyses: readonly RequestedAnalysis[] | null;
  resolutionEndpoint: string | null;
}>;

export type RequestedAnalysis = Readonly<{ type: string; source_media: readonly string[] | null; params: JsonObject; meta_data: JsonObject }>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the `payload` field; `fileKeys` are the form fields that carried files. */
export function parseUploadPayload(raw: string | undefined, fileKeys: readonly string[], { required }: Readonly<{ required: boolean }>): UploadPayload {
  if (raw === undefined) {
    if (required) throw invalidStructure('The form has no "payload" field', { field: 'payload' });
    return { folderMetaData: {}, tags: {}, mediaMetaData: {}, analyses: null, resolutionEndpoint: null };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidStructure('The "payload" field is not JSON', { field: 'payload' });
  }
  if (!isObject(parsed)) throw invalidStructure('The "payload" field must be a JSON object', { field: 'payload' });
  // Refused here, not by the serializer of the call to ingest (which would fail as a 503).
  checkStorableValues({ payload: parsed });
  const folderMetaData = parsed['folder:meta_data'] ?? {};
  if (!isObject(folderMetaData)) throw invalidValue('"folder:meta_data" must be an object', { field: 'folder:meta_data' });
  return {
    folderMetaData,
    tags: fileMap(parsed['media:tags'], 'media:tags', fileKeys, (value, field) => {
      if (!Array.isArray(value) || !value.every((t): t is string => typeof t === 'string' && t.length > 0 && t.length <= 64)) throw invalidValue(`"${field}" must be a list of tags`, { field });
      return value;
    }),
    mediaMetaData: fileMap(parsed['media:meta_data'], 'media:meta_data', fileKeys, (value, field) => {
      if (!isObject(value)) throw invalidValue(`"${field}" must be an object`, { field });
      return value;
    }),
    analyses: analysesOf(parsed['analyses']),
    resolutionEndpoint: endpointOf(parsed['resolution_endpoint']),
  };
}

function fileMap<T>(value: unknown, name: string, fileKeys: readonly string[], check: (value: unknown, field: string) => T): Record<string, T> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalidValue(`"${name}" must map file keys to values`, { field: name });
  const mapped: Record<string, T> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (!fileKeys.includes(key)) throw invalidValue(`"${name}" names the file "${key}", which the request does not carry`, { field: `${name}.${key}` });
    mapped[key] = check(entry, `${name}.${key}`);
  }
  return mapped;
}

/** The analyses of a request body or payload: `[{ type, source_media?, params? }]`. */
export function analysesOf(value: unknown): RequestedAnalysis[] | null {
  if (value === undefined || value === null) return null;
  // The shape is wrong (decision 0003: code 3); a well-formed entry with a value we refuse is code 4.
  if (!Array.isArray(value) || value.length === 0) throw invalidStructure('"analyses" must be a non-empty list', { field: 'analyses' });
  return value.map((entry: unknown, index) => {
    const field = `analyses[${index}]`;
    if (!isObject(entry)) throw invalidStructure(`"${field}" must be an object`, { field });
    const { type, source_media: source, params, meta_data: metaData } = entry;
    if (typeof type !== 'string') throw invalidValue(`"${field}.type" must be an analysis type`, { field: `${field}.type` });
    if (source !== undefined && source !== null && !(Array.isArray(source) && source.every((s) => typeof s === 'string'))) {
      throw invalidValue(`"${field}.source_media" must be a list of media ids`, { field: `${field}.source_media` });
    }
    if (params !== undefined && params !== null && !isObject(params)) throw invalidValue(`"${field}.params" must be an object`, { field: `${field}.params` });
    if (metaData !== undefined && metaData !== null && !isObject(metaData)) throw invalidValue(`"${field}.meta_data" must be an object`, { field: `${field}.meta_data` });
    return { type, source_media: (source as string[] | undefined) ?? null, params: (params as JsonObject | undefined) ?? {}, meta_data: (metaData as JsonObject | undefined) ?? {} };
  });
}

export function endpointOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]{1,2000}$/.test(value)) throw invalidValue('"resolution_endpoint" must be an http(s) URL', { field: 'resolution_endpoint' });
  return value;
}

/** A file name as the client sent it, refused when it could be read as a path or holds control characters. */
export function checkedFileName(name: string, field: string): string {
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > 255 || /[\u0000-\u001f\u007f/\\]/.test(name) || name === '.' || name === '..' || name.includes('..')) {
    throw invalidValue('A file name must be a plain name: no path, no "..", no control characters, at most 255 characters', { field });
  }
  return name;
}
