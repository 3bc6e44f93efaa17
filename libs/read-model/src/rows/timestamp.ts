/**
 * An instant as canonical ISO-8601 UTC with milliseconds (`2026-11-22T09:14:03.118Z`), the form
 * `Date.toISOString()` gives. Rows keep the string rather than a Date so that a folded projection
 * and one read back from `timestamptz` compare equal; the API turns it into epoch seconds.
 */
export type Timestamp = string;
