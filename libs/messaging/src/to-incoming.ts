import type { KafkaMessage } from 'kafkajs';
import type { IncomingMessage } from './incoming-message';

/** A kafkajs message as our handlers see it: text key and value, text headers. */
export const toIncoming = (topic: string, partition: number, message: KafkaMessage): IncomingMessage => ({
  topic,
  partition,
  offset: message.offset,
  key: message.key?.toString() ?? null,
  value: message.value?.toString() ?? null,
  headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
  timestampMs: Number(message.timestamp),
});
