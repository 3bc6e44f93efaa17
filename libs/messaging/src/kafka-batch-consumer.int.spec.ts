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

  it('given a group the broker refuses for good (a session timeout below its floor), then the consumer says it is lost, once', async () => {
    const lost: Error[] = [];
    const refused = await KafkaBatchConsumer.connect(kafka, { groupId: uniqueName('it_refused_group'), topic, sessionTimeoutMs: 3_000, onLost: (error) => lost.push(error) });
    consumers.push(refused);
    expect(refused.consuming()).toBe(true);
    await refused.run(async () => undefined);
    await waitFor(async () => lost.length, (n) => n > 0, { timeoutMs: 20_000, what: 'the loss reported' });
    expect(refused.consuming()).toBe(false);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.message).toMatch(/session timeout/i);
  }, 30_000);

  it('given a gathering consumer, then messages sent one by one within its window come in one or two batches, where a plain consumer gets them one at a time', async () => {
    const gatherTopic = uniqueName('it_gather');
    await ensureTopic(kafka, gatherTopic, { partitions: 1 });
    const batches = { plain: [] as string[][], gathering: [] as string[][] };
    for (const [name, gatherMs] of [['plain', 0], ['gathering', 400]] as const) {
      const consumer = await KafkaBatchConsumer.connect(kafka, { groupId: uniqueName(`it_${name}_group`), topic: gatherTopic, gatherMs });
      consumers.push(consumer);
      await consumer.run(async (messages) => {
        batches[name].push(messages.map((m) => m.value ?? ''));
      });
    }
    await producer.send(gatherTopic, [{ key: 'k', value: 'ready' }]);
    await waitFor(async () => batches, (b) => b.plain.length > 0 && b.gathering.length > 0, { timeoutMs: 30_000, what: 'both consumers in their groups' });
    batches.plain.length = 0;
    batches.gathering.length = 0;
    const sent = ['1', '2', '3', '4', '5', '6'];
    for (const value of sent) {
      await producer.send(gatherTopic, [{ key: 'k', value }]);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await waitFor(async () => batches, (b) => b.plain.flat().length === 6 && b.gathering.flat().length === 6, { timeoutMs: 10_000, what: 'every message at both consumers' });
    expect(batches.gathering.flat()).toEqual(sent);
    expect(batches.gathering.length).toBeLessThanOrEqual(2);
    expect(batches.plain.length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('given a batch that takes longer than the session timeout, then the member keeps its partitions (it heartbeats meanwhile) and nothing is delivered twice', async () => {
    const slowTopic = uniqueName('it_slow_batches');
    await ensureTopic(kafka, slowTopic, { partitions: 1 });
    const handled: string[] = [];
    const slow = await KafkaBatchConsumer.connect(kafka, { groupId: uniqueName('it_slow_group'), topic: slowTopic, sessionTimeoutMs: 6_000 });
    consumers.push(slow);
    await slow.run(async (messages) => {
      if (handled.length === 0) await new Promise((resolve) => setTimeout(resolve, 9_000));
      handled.push(...messages.map((m) => m.value ?? ''));
    });
    await producer.send(slowTopic, [{ key: 'k', value: 'slow' }]);
    await waitFor(async () => handled.length, (n) => n >= 1, { timeoutMs: 20_000, what: 'the slow batch handled' });
    await producer.send(slowTopic, [{ key: 'k', value: 'next' }]);
    await waitFor(async () => handled, (h) => h.includes('next'), { timeoutMs: 20_000, what: 'the next batch' });
    expect(handled).toEqual(['slow', 'next']);
  }, 45_000);

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

  describe('with a commit interval', () => {
    const committed = async (group: string, onTopic: string) => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [onTopic] });
        return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      } finally {
        await admin.disconnect();
      }
    };

    it('commits a partition at most once an interval, the rest later, and what is pending when it stops', async () => {
      const quiet = uniqueName('it_batches_interval');
      const group = uniqueName('it_interval_group');
      await ensureTopic(kafka, quiet, { partitions: 1 });
      const handled: string[] = [];
      const consumer = await KafkaBatchConsumer.connect(kafka, { groupId: group, topic: quiet, commitIntervalMs: 60_000 });
      consumers.push(consumer);
      await consumer.run(async (messages) => {
        handled.push(...messages.map((m) => m.value ?? ''));
      });
      // The first batch commits at once; the next ones, inside the interval, wait.
      await producer.send(quiet, [{ key: 'a', value: '1' }]);
      await waitFor(() => committed(group, quiet), (n) => n === 1, { what: 'the first batch committed' });
      for (let n = 2; n <= 4; n += 1) {
        await producer.send(quiet, [{ key: 'a', value: String(n) }]);
        await waitFor(async () => handled.length, (count) => count === n, { what: `message ${n} handled` });
      }
      expect(await committed(group, quiet)).toBe(1);
      await consumer.stop();
      consumers.splice(consumers.indexOf(consumer), 1);
      expect(await committed(group, quiet)).toBe(4);
    }, 60_000);

    it('commits a quiet partition when its interval has passed', async () => {
      const quiet = uniqueName('it_batches_quiet');
      const group = uniqueName('it_quiet_group');
      await ensureTopic(kafka, quiet, { partitions: 1 });
      const consumer = await KafkaBatchConsumer.connect(kafka, { groupId: group, topic: quiet, commitIntervalMs: 500 });
      consumers.push(consumer);
      await consumer.run(async () => undefined);
      await producer.send(quiet, [{ key: 'a', value: '1' }]);
      await waitFor(() => committed(group, quiet), (n) => n === 1, { what: 'the first batch committed' });
      await producer.send(quiet, [{ key: 'a', value: '2' }]);
      await waitFor(() => committed(group, quiet), (n) => n === 2, { timeoutMs: 10_000, what: 'the second committed by the timer' });
    }, 60_000);
  });
});
