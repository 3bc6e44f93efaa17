import { OzErrorCode } from '@forensics/domain';
import { invalidValue, OzHttpError } from '../../errors/oz-http-error';

export type ListQuery = Readonly<{ offset: number; limit: number; searchText: string | undefined }>;

/** Oz's default page (old documentation), and a ceiling so a list never reads a whole table. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const single = (query: Record<string, unknown>, key: string): string | undefined => {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new OzHttpError(OzErrorCode.INVALID_TYPE, `${key} must be given once, as text`, { field: key });
  return value;
};

const integer = (query: Record<string, unknown>, key: string, fallback: number, max: number): number => {
  const text = single(query, key);
  if (text === undefined) return fallback;
  // As in the folder list: a query string is always text, so a non-integer is a bad value (4).
  if (!/^-?[0-9]+$/.test(text)) throw invalidValue(`${key} must be an integer`, { field: key });
  const value = Number(text);
  if (value < 0 || value > max) throw invalidValue(`${key} must be between 0 and ${max}`, { field: key });
  return value;
};

/** `offset`, `limit` and `search_text` of a list endpoint. */
export function readListQuery(query: Record<string, unknown>): ListQuery {
  const searchText = single(query, 'search_text');
  if (searchText !== undefined && searchText.length > 255) throw invalidValue('search_text must have at most 255 characters', { field: 'search_text' });
  return { offset: integer(query, 'offset', 0, 1_000_000_000), limit: integer(query, 'limit', DEFAULT_LIMIT, MAX_LIMIT), searchText: searchText || undefined };
}

/** A value for `ILIKE '%' || $n || '%'`: the user's `%`, `_` and `\` match themselves. */
export const likeFragment = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
