import { MAX_NESTING } from '@forensics/contracts';
import { invalidValue } from '../errors/oz-http-error';

/** The Oz folder-list filters (oz-api.md §1.5), checked. */
export type FolderListQuery = Readonly<{
  offset: number;
  limit: number;
  sorting: { column: 'time_created' | 'time_updated'; direction: 'ASC' | 'DESC' };
  timeCreatedMin: number | null;
  timeCreatedMax: number | null;
  timeUpdatedMin: number | null;
  timeUpdatedMax: number | null;
  /** `meta_data=key==value` (equal) or `key!=value` (not equal), all of them must hold. */
  metaData: readonly { key: string; value: string; equal: boolean }[];
  resolutionStatus: readonly string[];
  withAnalyses: boolean;
  totalOmit: boolean;
}>;

export const MAX_LIMIT = 1_000;
const SORTINGS = ['time_created{asc}', 'time_created{desc}', 'time_updated{asc}', 'time_updated{desc}'] as const;
const STATUSES = ['INITIAL', 'PROCESSING', 'FAILED', 'FINISHED', 'DECLINED', 'SUCCESS', 'OPERATOR_REQUIRED'];

type Query = Readonly<Record<string, unknown>>;

const single = (query: Query, key: string): string | undefined => {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidValue(`Query parameter "${key}" must be given once, as text`, { field: key });
  return value;
};

/** A whole-number query parameter within bounds (INVALID VALUE otherwise), or the fallback. */
export function integer(query: Query, key: string, fallback: number, min: number, max: number): number {
  const raw = single(query, key);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw invalidValue(`Query parameter "${key}" must be a whole number from ${min} to ${max}`, { field: key, value: raw });
  return Number(raw);
}

/** 9999-12-31T23:59:59Z. */
const MAX_EPOCH_S = 253_402_300_799;

function epoch(query: Query, key: string): number | null {
  const raw = single(query, key);
  if (raw === undefined || raw === '') return null;
  // PostgreSQL's timestamps end in the year 294276; the API takes times up to the end of 9999.
  if (!/^\d+(\.\d+)?$/.test(raw) || !(Number(raw) <= MAX_EPOCH_S)) throw invalidValue(`Query parameter "${key}" must be a UNIX time in seconds, at most ${MAX_EPOCH_S}`, { field: key, value: raw });
  return Number(raw);
}

// What HTTP clients send for a boolean: `true` (JavaScript), `True` (Python's requests), `1`.
const TRUE_WORDS = new Set(['true', '1']);
const FALSE_WORDS = new Set(['false', '0']);

/** A boolean query parameter: true/false in any case, or 1/0; absent is false. */
export const flag = (query: Query, key: string): boolean => {
  const raw = single(query, key);
  if (raw === undefined) return false;
  const word = raw.toLowerCase();
  if (!TRUE_WORDS.has(word) && !FALSE_WORDS.has(word)) throw invalidValue(`Query parameter "${key}" must be true or false`, { field: key, value: raw });
  return TRUE_WORDS.has(word);
};

const list = (query: Query, key: string): string[] => {
  const value = query[key];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((v): v is string => typeof v === 'string')) throw invalidValue(`Query parameter "${key}" must be text`, { field: key });
  return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
};

/** Reads the query of `GET /api/folders/`; anything out of range or unknown is refused with INVALID VALUE. */
export function parseFolderListQuery(query: Query): FolderListQuery {
  const sorting = single(query, 'sorting') ?? 'time_created{desc}';
  if (!(SORTINGS as readonly string[]).includes(sorting)) throw invalidValue(`Query parameter "sorting" must be one of ${SORTINGS.join(', ')}`, { field: 'sorting', value: sorting });
  const [column, direction] = sorting.replace('}', '').split('{') as ['time_created' | 'time_updated', 'asc' | 'desc'];
  const resolutionStatus = list(query, 'resolution_status');
  const unknown = resolutionStatus.find((s) => !STATUSES.includes(s));
  if (unknown) throw invalidValue(`Query parameter "resolution_status" must be among ${STATUSES.join(', ')}`, { field: 'resolution_status', value: unknown });
  return {
    offset: integer(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    limit: integer(query, 'limit', 100, 1, MAX_LIMIT),
    sorting: { column, direction: direction === 'asc' ? 'ASC' : 'DESC' },
    timeCreatedMin: epoch(query, 'time_created.min'),
    timeCreatedMax: epoch(query, 'time_created.max'),
    timeUpdatedMin: epoch(query, 'time_updated.min'),
    timeUpdatedMax: epoch(query, 'time_updated.max'),
    metaData: metaDataConditions(query).map((expression) => {
      const match = /^([^=!]+)(==|!=)(.*)$/.exec(expression);
      if (!match) throw invalidValue('Query parameter "meta_data" must be key==value or key!=value', { field: 'meta_data', value: expression });
      // A dotted key is a path into nested objects: deeper than any real metadata, it is refused rather than built.
      if ((match[1] as string).split('.').length > MAX_META_DATA_PATH) throw invalidValue(`A "meta_data" key is a path of at most ${MAX_META_DATA_PATH} names`, { field: 'meta_data', limit: MAX_META_DATA_PATH });
      return { key: match[1] as string, value: match[3] as string, equal: match[2] === '==' };
    }),
    resolutionStatus,
    withAnalyses: flag(query, 'with_analyses'),
    totalOmit: flag(query, 'total_omit'),
  };
}

/** As deep as the metadata ingest stores (MAX_NESTING). */
const MAX_META_DATA_PATH = MAX_NESTING;

/**
 * The `meta_data` conditions: one per parameter, or several in one joined by commas. A comma
 * starts a new condition only where `key==` or `key!=` follows, so a value may hold commas
 * (`name==Doe, John`).
 */
function metaDataConditions(query: Query): string[] {
  const value = query['meta_data'];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((v): v is string => typeof v === 'string')) throw invalidValue('Query parameter "meta_data" must be text', { field: 'meta_data' });
  return values.flatMap((v) => v.split(/,(?=[^=!,]+(?:==|!=))/)).filter((v) => v !== '');
}

/**
 * The metadata objects a `key==value` condition matches by containment (each one served by the
 * GIN index): the value as text, and as the JSON number, boolean or null it may spell
 * (`transaction_id==42` finds `{"transaction_id": 42}`); a dotted key also as a path into nested
 * objects (`person_info.last_name==Doe` finds `{"person_info": {"last_name": "Doe"}}`).
 */
export function metaDataMatches(key: string, value: string): Record<string, unknown>[] {
  const values: unknown[] = [value];
  const spelled = jsonScalar(value);
  if (spelled !== undefined) values.push(spelled);
  const paths = key.includes('.') ? [[key], key.split('.')] : [[key]];
  return paths.flatMap((path) => values.map((v) => path.reduceRight<unknown>((inner, part) => ({ [part]: inner }), v) as Record<string, unknown>));
}

/** The JSON number, boolean or null a text spells exactly (`007` is not one), or undefined. */
function jsonScalar(text: string): unknown {
  if (text === 'true' || text === 'false' || text === 'null') return JSON.parse(text) as unknown;
  if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}
