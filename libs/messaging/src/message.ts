/** A message for a topic: the key decides the partition, so one key's messages stay in order. */
export type OutgoingMessage = Readonly<{
  key: string;
  value: string;
  headers?: Readonly<Record<string, string>>;
}>;

/** The project's producer interface; kafkajs stays behind it (DESIGN.md §8). */
export interface MessageProducer {
  /** Resolves once the broker has acknowledged every message (acks from all in-sync replicas). */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}
