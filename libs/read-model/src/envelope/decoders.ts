import type { JsonObject } from '@forensics/domain';

// Small decoders for messages that arrive over the wire: each one checks a value and returns it
// typed, or throws a DecodeError whose message names the field. Throwing keeps the combinators
// short; `parseEnvelope` turns the error into a result, so no caller sees an exception.

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

export type Decoder<T> = (value: unknown, path: string) => T;

/** The domain caps ids at 128 characters, and so do the read model's columns. */
const MAX_ID_LENGTH = 128;

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A missing field and a null one are the same thing (docs/events.md §2). */
const present = (value: unknown, path: string): void => {
  if (value === undefined || value === null) throw new DecodeError(`${path} is missing`);
};

export const text: Decoder<string> = (value, path) => {
  present(value, path);
  if (typeof value !== 'string') throw new DecodeError(`${path} must be a string`);
  return value;
};

export const id: Decoder<string> = (value, path) => {
  const checked = text(value, path);
  if (checked === '' || checked.length > MAX_ID_LENGTH) throw new DecodeError(`${path} must be 1 to ${MAX_ID_LENGTH} characters`);
  return checked;
};

export const count: Decoder<number> = (value, path) => {
  present(value, path);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new DecodeError(`${path} must be an integer >= 0`);
  return value;
};

/** The largest value of a PostgreSQL `integer` column. */
export const MAX_INTEGER_COLUMN = 2_147_483_647;

/**
 * A count stored in an `integer` column: a larger one would fail the statement that writes it,
 * and with it every batch of the group commit, again and again; refused here, its message is poison.
 */
export const smallCount: Decoder<number> = (value, path) => {
  const checked = count(value, path);
  if (checked > MAX_INTEGER_COLUMN) throw new DecodeError(`${path} must be at most ${MAX_INTEGER_COLUMN}`);
  return checked;
};

/** An ISO-8601 instant, returned in the one canonical form so that equal instants are equal strings. */
export const instant: Decoder<string> = (value, path) => {
  const checked = text(value, path);
  const time = /^\d{4}-\d{2}-\d{2}T/.test(checked) ? Date.parse(checked) : Number.NaN;
  if (Number.isNaN(time)) throw new DecodeError(`${path} must be an ISO-8601 time`);
  // What the writers send is already canonical: keep it rather than format it again (Date.parse
  // takes 2026-02-31 as March 3rd, so the day must exist in its month to be kept as it is).
  return CANONICAL_INSTANT.test(checked) && dayExists(checked) ? checked : new Date(time).toISOString();
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dayExists(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return Number(iso.slice(8, 10)) <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/** The form `Date.prototype.toISOString` gives, for years 0000-9999. */
const CANONICAL_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

export const object: Decoder<JsonObject> = (value, path) => {
  present(value, path);
  if (!isPlainObject(value)) throw new DecodeError(`${path} must be an object`);
  return value;
};

export const stringMap: Decoder<Record<string, string>> = (value, path) => {
  const checked = object(value, path);
  for (const [key, entry] of Object.entries(checked)) text(entry, `${path}.${key}`);
  return checked as Record<string, string>;
};

export const nullable =
  <T>(decoder: Decoder<T>): Decoder<T | null> =>
  (value, path) =>
    value === undefined || value === null ? null : decoder(value, path);

export const oneOf =
  <T extends string>(values: readonly T[]): Decoder<T> =>
  (value, path) => {
    const checked = text(value, path);
    if (!values.includes(checked as T)) throw new DecodeError(`${path} must be one of ${values.join(', ')}`);
    return checked as T;
  };

export const list =
  <T>(item: Decoder<T>): Decoder<T[]> =>
  (value, path) => {
    present(value, path);
    if (!Array.isArray(value)) throw new DecodeError(`${path} must be a list`);
    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  };

type Shape = Readonly<Record<string, Decoder<unknown>>>;
export type Decoded<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** An object with these fields; fields the shape does not name are dropped (they are additive). */
export const record = <S extends Shape>(shape: S): Decoder<Decoded<S>> => {
  const fields = Object.entries(shape);
  return (value, path) => {
    const input = object(value, path);
    const output: Record<string, unknown> = {};
    for (const [key, decoder] of fields) output[key] = decoder(input[key], path === '' ? key : `${path}.${key}`);
    return output as Decoded<S>;
  };
};
