import type { Actor } from '@forensics/domain';

/**
 * The event store keeps one global table of keys, and a duplicate answers with the first request's
 * events. Scoping the key to its sender keeps a key that another user or company happens to reuse
 * from colliding with theirs, and from revealing their folder's event ids.
 *
 * The parts are a JSON list, not joined with a separator, so no part can pass for another: with
 * `/`, company `a/b` and user `c` gave the same key as company `a` and user `b/c`. The guard bounds
 * the parts (128, 128 and 255 characters), which keeps the key a valid btree entry.
 */
export const scopedIdempotencyKey = (actor: Actor, key: string): string => JSON.stringify([actor.company_id, actor.user_id, key]);
