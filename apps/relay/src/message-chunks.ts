import type { OutgoingMessage } from '@forensics/messaging';

/**
 * Splits a batch so no Kafka request grows past `maxBytes`: the broker refuses a record batch over
 * its message size limit (1 MB by default), and a refused batch would stop the relay for good.
 */
export function messageChunks(messages: readonly OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
