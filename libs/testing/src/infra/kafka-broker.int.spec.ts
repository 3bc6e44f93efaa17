// The local broker is a real Kafka: a producer and a consumer group exchange messages on a fresh
// topic, and the messages of each key arrive in the order they were produced.
import { type Consumer, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { testInfra, uniqueName, waitFor } from '../index';

const KEYS = ['folder-a', 'folder-b', 'folder-c', 'folder-d', 'folder-e', 'folder-f'];
const PER_KEY = 50;

describe('Kafka broker (kafkajs 2.2.4 against the local KRaft broker)', () => {
  const kafka = new Kafka({ clientId: 'infra-int-test', brokers: testInfra.kafkaBrokers, logLevel: logLevel.NOTHING });
  const topic = uniqueName('it_order');
  const groupId = uniqueName('it_group');
  let producer: Producer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer?.disconnect();
  });

  it('delivers every message to a two-member consumer group, keeping the order within each key', async () => {
    const received = new Map<string, number[]>();
    const partitionsByMember: Set<number>[] = [];
    for (let member = 0; member < 2; member++) {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      consumers.push(consumer);
      const partitions = new Set<number>();
      partitionsByMember.push(partitions);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          partitions.add(partition);
          const key = message.key?.toString() ?? '';
          received.set(key, [...(received.get(key) ?? []), Number(message.value?.toString())]);
        },
      });
    }

    // Interleave the keys, in several requests, so the order per key is the only order that holds.
    for (let seq = 0; seq < PER_KEY; seq += 10) {
      const messages = KEYS.flatMap((key) =>
        Array.from({ length: 10 }, (_, n) => ({ key, value: String(seq + n) })),
      );
      await producer.send({ topic, messages });
    }

    await waitFor(
      () => [...received.values()].reduce((sum, list) => sum + list.length, 0),
      (count) => count >= KEYS.length * PER_KEY,
      { timeoutMs: 45_000, what: 'every message to be consumed' },
    );
    const inOrder = Array.from({ length: PER_KEY }, (_, n) => n);
    for (const key of KEYS) expect(received.get(key)).toEqual(inOrder);
    // Each partition was read by one member only: the group shares the work without overlap.
    const [first, second] = partitionsByMember;
    expect([...(first ?? [])].filter((p) => second?.has(p))).toEqual([]);
  }, 60_000);
});
