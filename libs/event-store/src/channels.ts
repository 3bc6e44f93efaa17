import { createHash } from 'node:crypto';

/**
 * The channel a commit notifies, so readers wake instead of polling. NOTIFY is database-wide, so
 * each event-store schema gets a channel of its own: appends in one schema never wake the relay
 * of another. Channel names are identifiers of at most 63 bytes, hence the digest.
 */
export function eventsAppendedChannel(schema: string): string {
  return schema === 'public' ? 'events_appended' : `events_appended_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}
