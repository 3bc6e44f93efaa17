/** A message as a consumer's handler sees it. */
export type IncomingMessage = Readonly<{
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Readonly<Record<string, string>>;
  /** When the producer created it (epoch ms, Kafka's CreateTime). */
  timestampMs: number;
  /**
   * Set by the work consumer: the message was appended after this member was given its partition
   * (at or past the partition's end when the member first fetched it since), so no other member
   * of the group was handed it before. False for what may have been handled already: messages
   * left uncommitted by a member before, or a replay from an earlier offset.
   */
  appendedSinceAssignment?: boolean;
}>;

/** What a batch handler may do while it works: keep its group membership alive. */
export type BatchContext = Readonly<{ heartbeat: () => Promise<void> }>;

/** Handles one partition's batch; the offsets are committed only after it resolves. */
export type BatchHandler = (messages: readonly IncomingMessage[], context: BatchContext) => Promise<void>;
