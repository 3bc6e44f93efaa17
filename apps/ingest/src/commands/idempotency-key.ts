import type { Actor } from '@forensics/domain';

/**
 * The event store keeps one global table of keys, and a duplicate answers with the first request's
 * events. Scoping the key to its sender keeps a key that another user or company happens to reuse
 * from colliding with theirs, and from revealing their folder's event ids.
 */
export const scopedIdempotencyKey = (actor: Actor, key: string): string =>
  `${actor.company_id ?? '-'}/${actor.user_id}/${key}`;
