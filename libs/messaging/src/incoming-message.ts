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
}>;

/** What a batch handler may do while it works: keep its group membership alive. */
export type BatchContext = Readonly<{ heartbeat: () => Promise<void> }>;

/** Handles one partition's batch; the offsets are committed only after it resolves. */
export type BatchHandler = (messages: readonly IncomingMessage[], context: BatchContext) => Promise<void>;
