import type { IncomingMessage, MessageProducer } from '@forensics/messaging';

export type PoisonMessage = Readonly<{ message: IncomingMessage; reason: string }>;

/**
 * A message the projection cannot fold (bad JSON, an unknown type or schema version) goes to the
 * dead-letter topic with the reason and where it came from, so it is neither lost nor blocking
 * its partition. Sent before the batch's offsets are committed: a crash may send it twice.
 */
export class DeadLetters {
  constructor(
    private readonly producer: MessageProducer,
    private readonly topic: string,
  ) {}

  async send(poison: readonly PoisonMessage[]): Promise<void> {
    await this.producer.send(
      this.topic,
      poison.map(({ message, reason }) => ({
        key: message.key ?? '',
        value: message.value ?? '',
        headers: {
          reason,
          source_topic: message.topic,
          source_partition: String(message.partition),
          source_offset: message.offset,
          ...message.headers,
        },
      })),
    );
  }
}
