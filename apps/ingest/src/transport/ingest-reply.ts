import type { HandleResult } from '@forensics/event-store';

/** An appended event as a caller needs it: enough to wait for it on the read side. */
export type AppendedEvent = Readonly<{ event_id: string; type: string; stream_version: number }>;

/**
 * The answer to every pattern. `version` is the folder's version after the command; `events` is
 * empty when the command changed nothing (a result reported twice), and on a duplicate it repeats
 * the events the first request appended.
 */
export type IngestReply = Readonly<{
  folder_id: string;
  version: number;
  duplicate: boolean;
  events: readonly AppendedEvent[];
}>;

export function toIngestReply(folderId: string, result: HandleResult<unknown>): IngestReply {
  return {
    // A repeated key answers for the folder its first request wrote to.
    folder_id: result.events[0]?.stream_id ?? folderId,
    version: result.version,
    duplicate: result.duplicate,
    events: result.events.map(({ event_id, type, stream_version }) => ({ event_id, type, stream_version })),
  };
}
