import { testInfra, uniqueName, waitFor } from '@forensics/testing';
import { createKafka, ensureTopic, KafkaMessageProducer, KafkaWorkConsumer } from './index';

describe('KafkaWorkConsumer', () => {
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'work-consumer-test' });
  let producer: KafkaMessageProducer;
  const consumers: KafkaWorkConsumer[] = [];

  beforeAll(async () => {
    producer = await KafkaMessageProducer.connect(kafka);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer.disconnect();
  });

  const committed = async (groupId: string, topic: string) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Number(offsets?.partitions[0]?.offset ?? -1);
    } finally {
      await admin.disconnect();
    }
  };

  const oneTopic = async () => {
    const topic = uniqueName('it_work');
    await ensureTopic(kafka, topic, { partitions: 1 });
    return { topic, groupId: uniqueName('it_work_group') };
  };

  /** A new member of the group: what it is handed first (the messages left uncommitted). */
  const whatTheNextMemberSees = async (groupId: string, topic: string): Promise<string[]> => {
    const next = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 4 });
    consumers.push(next);
    const saw: string[] = [];
    await next.run(async (message) => {
      saw.push(message.value ?? '');
    });
    return waitFor(async () => saw, (s) => s.length >= 1, { timeoutMs: 30_000, what: 'an uncommitted message delivered again' });
  };

  const gate = () => {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it('given a slow message, then the ones behind it on its partition are handled meanwhile, and the commit waits for it', async () => {
    const { topic, groupId } = await oneTopic();
    const slow = gate();
    const done: string[] = [];
    const consumer = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 4, commitIntervalMs: 200 });
    consumers.push(consumer);
    await consumer.run(async (message) => {
      if (message.value === 'slow video') await slow.opened;
      done.push(message.value ?? '');
    });
    await producer.send(topic, ['slow video', 'photo 1', 'photo 2'].map((value) => ({ key: value, value })));
    await waitFor(async () => done, (d) => d.length === 2, { what: 'the two photos handled while the video runs' });
    expect(done).toEqual(['photo 1', 'photo 2']);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await committed(groupId, topic)).toBe(0);
    slow.open();
    await waitFor(() => committed(groupId, topic), (offset) => offset === 3, { what: 'the offset past all three once the video is done' });
  }, 60_000);

  it('given no free slot, then it takes no more messages until one finishes', async () => {
    const { topic, groupId } = await oneTopic();
    const release = gate();
    let running = 0;
    let most = 0;
    let handled = 0;
    const consumer = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 2 });
    consumers.push(consumer);
    await consumer.run(async () => {
      running += 1;
      most = Math.max(most, running);
      await release.opened;
      running -= 1;
      handled += 1;
    });
    await producer.send(topic, Array.from({ length: 6 }, (_, n) => ({ key: `k${n}`, value: String(n) })));
    await waitFor(async () => running, (n) => n === 2, { what: 'two messages in hand' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(consumer.inFlight).toBe(2);
    release.open();
    await waitFor(async () => handled, (n) => n === 6, { what: 'all six handled' });
    expect(most).toBe(2);
  }, 60_000);

  it('given work longer than the session timeout, then the member keeps its partition (heartbeats go on) and nothing is delivered twice', async () => {
    const { topic, groupId } = await oneTopic();
    const seen: string[] = [];
    // 6 s is the broker's shortest session; each message takes 7 s and only one slot is free, so
    // the second message waits 7 s for the slot, longer than the session, inside kafkajs's batch.
    const consumer = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 1, sessionTimeoutMs: 6_000, commitIntervalMs: 200 });
    consumers.push(consumer);
    await consumer.run(async (message) => {
      seen.push(message.value ?? '');
      await new Promise((resolve) => setTimeout(resolve, 7_000));
    });
    await producer.send(topic, ['first', 'second'].map((value) => ({ key: value, value })));
    await waitFor(() => committed(groupId, topic), (offset) => offset === 2, { timeoutMs: 60_000, what: 'both messages done and committed' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(seen).toEqual(['first', 'second']);
  }, 90_000);

  it('given a handler that fails, then the message is retried until it succeeds', async () => {
    const { topic, groupId } = await oneTopic();
    let attempts = 0;
    const consumer = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 2, retryDelayMs: 50, commitIntervalMs: 100 });
    consumers.push(consumer);
    await consumer.run(async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('the database is down for a moment');
    });
    await producer.send(topic, [{ key: 'k', value: 'v' }]);
    await waitFor(() => committed(groupId, topic), (offset) => offset === 1, { what: 'the message committed after its retries' });
    expect(attempts).toBe(3);
  }, 60_000);

  it('given messages from before a member joined and after, then only those appended after it got the partition are marked so; a new member marks none of the old', async () => {
    const { topic, groupId } = await oneTopic();
    await producer.send(topic, [{ key: 'k', value: 'before' }]);
    const marks = new Map<string, boolean | undefined>();
    const consumer = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 2, commitIntervalMs: 100 });
    consumers.push(consumer);
    await consumer.run(async (message) => {
      marks.set(message.value ?? '', message.appendedSinceAssignment);
    });
    await waitFor(async () => marks, (m) => m.has('before'), { what: 'the message from before the member joined' });
    await producer.send(topic, [{ key: 'k', value: 'after' }]);
    await waitFor(async () => marks, (m) => m.has('after'), { what: 'the message from after' });
    expect(Object.fromEntries(marks)).toEqual({ before: false, after: true });

    // Another group reads the same partition from its start: everything there was appended before it joined.
    const replayed = new Map<string, boolean | undefined>();
    const replaying = await KafkaWorkConsumer.connect(kafka, { groupId: uniqueName('it_work_replay'), topic, maxInFlight: 2 });
    consumers.push(replaying);
    await replaying.run(async (message) => {
      replayed.set(message.value ?? '', message.appendedSinceAssignment);
    });
    await waitFor(async () => replayed, (m) => m.size === 2, { what: 'both messages replayed' });
    expect(Object.fromEntries(replayed)).toEqual({ before: false, after: false });
  }, 60_000);

  it('given a handler that fails while the member stops, then that message is not committed: the next member gets it again', async () => {
    const { topic, groupId } = await oneTopic();
    const failing = gate();
    const first = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 4, retryDelayMs: 50, commitIntervalMs: 100 });
    const firstSaw: string[] = [];
    await first.run(async (message) => {
      firstSaw.push(message.value ?? '');
      // The database goes away just as an operator restarts the worker.
      if (message.value === 'group') {
        await failing.opened;
        throw new Error('the database is down');
      }
    });
    await producer.send(topic, ['done', 'group'].map((value) => ({ key: value, value })));
    await waitFor(async () => firstSaw.length, (n) => n === 2, { what: 'both handed to the first member' });
    const stopped = first.stop();
    failing.open();
    await stopped;
    expect(await committed(groupId, topic)).toBe(1);

    expect(await whatTheNextMemberSees(groupId, topic)).toEqual(['group']);
  }, 90_000);

  it('given a member that stops with a message unfinished, then the next member gets that message again', async () => {
    const { topic, groupId } = await oneTopic();
    const never = gate();
    const first = await KafkaWorkConsumer.connect(kafka, { groupId, topic, maxInFlight: 4, drainTimeoutMs: 300, commitIntervalMs: 100 });
    const firstSaw: string[] = [];
    await first.run(async (message) => {
      firstSaw.push(message.value ?? '');
      if (message.value === 'stuck') await never.opened;
    });
    await producer.send(topic, ['done', 'stuck'].map((value) => ({ key: value, value })));
    await waitFor(async () => firstSaw.length, (n) => n === 2, { what: 'both handed to the first member' });
    await first.stop();
    expect(await committed(groupId, topic)).toBe(1);

    expect(await whatTheNextMemberSees(groupId, topic)).toEqual(['stuck']);
    never.open();
  }, 90_000);
});
