import { Kafka, logLevel } from 'kafkajs';
import { testInfra } from './test-infra';
import { uniqueName } from './unique-name';

export type RecordedMessage = Readonly<{
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Readonly<Record<string, string>>;
}>;

/** Reads a topic from the beginning in a consumer group of its own and keeps every message. */
export async function recordTopic(topic: string): Promise<{ messages: RecordedMessage[]; stop: () => Promise<void> }> {
  const kafka = new Kafka({ clientId: 'topic-recorder', brokers: [...testInfra.kafkaBrokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('recorder'), maxWaitTimeInMs: 50 });
  const messages: RecordedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      messages.push({ partition, offset: message.offset, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}
