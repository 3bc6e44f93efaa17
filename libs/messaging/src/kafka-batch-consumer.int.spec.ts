import { testInfra, uniqueName, waitFor } from '@forensics/testing';
import { createKafka, ensureTopic, KafkaBatchConsumer, KafkaMessageProducer } from './index';
import type { IncomingMessage } from './index';

describe('KafkaBatchConsumer', () => {
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'batch-consumer-test' });
  const topic = uniqueName('it_batches');
  const groupId = uniqueName('it_batch_group');
  let producer: KafkaMessageProducer;
  const consumers: KafkaBatchConsumer[] = [];

  beforeAll(async () => {
    await ensureTopic(kafka, topic, { partitions: 3 });
    producer = await KafkaMessageProducer.connect(kafka);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer.disconnect();
  });

  const send = (from: number, count: number) =>
    producer.send(topic, Array.from({ length: count }, (_, n) => ({ key: `folder-${(from + n) % 5}`, value: String(from + n) })));

  it('redelivers a batch whose handler failed, and commits offsets only after success', async () => {
    await send(0, 60);
    const seen: IncomingMessage[] = [];
    let failures = 0;
    const first = await KafkaBatchConsumer.connect(kafka, { groupId, topic, concurrency: 3 });
    consumers.push(first);
    await first.run(async (messages) => {
      if (failures === 0) {
        failures += 1;
        throw new Error('the database is down for a moment');
      }
      seen.push(...messages);
    });
    await waitFor(() => new Set(seen.map((m) => m.value)).size, (n) => n === 60, { timeoutMs: 30_000, what: 'all 60 messages handled' });
    expect(failures).toBe(1);
    await waitFor(() => first.lag(kafka), (lag) => lag === 0, { what: 'the offsets to be committed' });
    await first.stop();
    consumers.pop();

    // A new member of the same group starts after the committed offsets: only new messages come.
    const later: IncomingMessage[] = [];
    const second = await KafkaBatchConsumer.connect(kafka, { groupId, topic });
    consumers.push(second);
    await second.run(async (messages) => {
      later.push(...messages);
    });
    await send(60, 6);
    await waitFor(() => later.length, (n) => n >= 6, { timeoutMs: 30_000, what: 'the 6 new messages' });
    expect(later.map((m) => Number(m.value)).sort((a, b) => a - b)).toEqual([60, 61, 62, 63, 64, 65]);
  }, 60_000);
});
