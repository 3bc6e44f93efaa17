import { CompressionTypes, type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { MessageProducer, OutgoingMessage } from './message';

/**
 * An idempotent kafkajs producer: retries cannot duplicate or reorder what it sends, because the
 * broker deduplicates by producer id and sequence and only one request is in flight at a time.
 */
export class KafkaMessageProducer implements MessageProducer {
  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka): Promise<KafkaMessageProducer> {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // kafkajs retries an idempotent send without end by default, so a lost broker would hang the
      // caller silently. About a minute of retries, then the send fails and the caller decides.
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    return new KafkaMessageProducer(producer);
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.None,
      messages: messages.map(({ key, value, headers }) => ({ key, value, ...(headers ? { headers: { ...headers } } : {}) })),
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
