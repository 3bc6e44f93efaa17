import type { HandleResult } from '@forensics/event-store';

import type { IngestReply } from '@forensics/contracts';

export function toIngestReply(folderId: string, result: HandleResult<unknown>): IngestReply {
  return {
    // A repeated key answers for the folder its first request wrote to.
    folder_id: result.events[0]?.stream_id ?? folderId,
    version: result.version,
    duplicate: result.duplicate,
    events: result.events.map(({ event_id, type, stream_version }) => ({ event_id, type, stream_version })),
  };
}
