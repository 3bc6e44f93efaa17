import { invalidStructure, invalidValue } from '../errors/domain-error';
import type { JsonObject } from '../events/event';

// Commands arrive over the wire, so their runtime shape is checked, not trusted. A missing or
// malformed part is INVALID STRUCTURE (3); a well-formed part with a bad value is INVALID VALUE (4).

export const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ids are indexed by the stores and read models; 128 characters is room for any uuid or key. */
export const MAX_ID_LENGTH = 128;

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidStructure(`Field "${field}" is required and must be a non-empty string`, { field });
  }
  if (value.length > MAX_ID_LENGTH) {
    throw invalidValue(`Field "${field}" must be at most ${MAX_ID_LENGTH} characters`, { field, limit: MAX_ID_LENGTH });
  }
  return value;
}

export function requireArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalidStructure(`Field "${field}" must be a list`, { field });
  return value;
}

export function requireObject(value: unknown, field: string): JsonObject {
  if (!isPlainObject(value)) throw invalidStructure(`Field "${field}" must be an object`, { field });
  return value;
}

/** Free-form metadata: absent means empty; anything but an object is refused. */
export function optionalMetaData(value: unknown, field: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw invalidValue(`Field "${field}" must be a JSON object`, { field });
  return value;
}

export function requireStringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw invalidValue(`Field "${field}" must be a list of non-empty strings`, { field, value });
  }
  return value;
}

/** A webhook target: absent or null means none; otherwise an absolute http(s) URL. */
export function optionalEndpoint(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && isHttpUrl(value)) return value;
  throw invalidValue(`Field "${field}" must be an http or https URL`, { field, value });
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function requireNonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidValue(`Field "${field}" must be a non-negative integer`, { field, value });
  }
  return value;
}

export function duplicatesIn(ids: readonly string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}
