import { invalidValue } from '@forensics/domain';

/**
 * Deeper than any real metadata; past a few thousand levels, stack-bound code (JSON.stringify,
 * PostgreSQL's jsonb parser) fails with a server error instead of a refusal.
 */
export const MAX_NESTING = 64;

// jsonb and text columns refuse U+0000, and jsonb refuses a lone surrogate (JSON.stringify writes
// it as "\ud800"). Either would fail the append and reach the caller as UNKNOWN (0).
const NUL = '\u0000';
const LONE_SURROGATE = /\p{Surrogate}/u;

type Pending = Readonly<{ value: unknown; field: string; depth: number }>;

/**
 * Refuses, as INVALID VALUE (4), a payload nested deeper than MAX_NESTING, or holding a string or
 * key that PostgreSQL cannot store, or a number out of JSON's range (JSON.parse reads 1e400 as Infinity). `details.field` names the place the way the domain does:
 * `data` fields by their path inside `data` (`media[0].meta_data.note`), the rest from the root.
 */
export function checkStorableText(payload: Readonly<Record<string, unknown>>): void {
  // The fields of `data` are named as the domain names them, without the `data.` prefix.
  checkStorable(childrenOf(payload, '', 1).map((item) => (item.field === 'data' ? { ...item, field: '' } : item)));
}

/** The same check for any object, every field named by its path from the root (an HTTP request's path, query or body). */
export function checkStorableValues(root: Readonly<Record<string, unknown>>): void {
  checkStorable(childrenOf(root, '', 1));
}

function checkStorable(top: readonly Pending[]): void {
  // A loop over a stack, not recursion: the payload's depth is what is being checked.
  const pending: Pending[] = [];
  pushReversed(pending, top);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, field, depth } = next;
    if (typeof value === 'string') checkText(value, field);
    // JSON.parse reads 1e400 as Infinity, which JSON.stringify would then write as null without a word.
    if (typeof value === 'number' && !Number.isFinite(value)) throw invalidValue(`Field "${field}" is a number out of range`, { field });
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_NESTING) throw invalidValue(`Request is nested deeper than ${MAX_NESTING} levels`, { field, limit: MAX_NESTING });
    pushReversed(pending, childrenOf(value, field, depth + 1));
  }
}

function childrenOf(container: object, field: string, depth: number): Pending[] {
  if (Array.isArray(container)) return container.map((value: unknown, index) => ({ value, field: `${field}[${index}]`, depth }));
  return Object.entries(container).map(([key, value]: [string, unknown]) => ({ value, field: checkText(key, fieldOf(field, key)), depth }));
}

// One by one, as a spread of a long list into push() would overflow the stack. Reversed, so the
// first problem in the payload's own order is the one named.
function pushReversed(stack: Pending[], items: readonly Pending[]): void {
  for (let index = items.length - 1; index >= 0; index--) stack.push(items[index] as Pending);
}

function checkText(text: string, field: string): string {
  if (text.includes(NUL)) throw invalidValue(`Field "${field}" contains the NUL character (U+0000), which cannot be stored`, { field });
  if (LONE_SURROGATE.test(text)) throw invalidValue(`Field "${field}" is not well-formed Unicode (a lone surrogate)`, { field });
  return field;
}

// A key that is not a plain name is quoted as JSON, so a NUL in it is named, not echoed.
function fieldOf(parent: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}
