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
