import { createHook } from 'node:async_hooks';
import { testInfra, uniqueName } from '@forensics/testing';
import { createKafka, ensureTopic, KafkaMessageProducer } from './index';

/** How many timers the process creates in `ms` while `idle` holds Kafka connections open and does nothing. */
async function timersCreatedWhileIdle(ms: number): Promise<number> {
  let timers = 0;
  const hook = createHook({
    init: (_id, type) => {
      if (type === 'Timeout') timers += 1;
    },
  });
  hook.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  hook.disable();
  return timers;
}

describe('kafkajs connections at rest', () => {
  it('arm no timer loop: an idle admin and producer create a handful of timers a second, not one a millisecond', async () => {
    const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'idle-timers' });
    const topic = uniqueName('it_idle');
    await ensureTopic(kafka, topic, { partitions: 1 });
    const admin = kafka.admin();
    await admin.connect();
    const producer = await KafkaMessageProducer.connect(kafka);
    try {
      await admin.listTopics();
      await producer.send(topic, [{ key: 'k', value: 'v' }]);

      const timers = await timersCreatedWhileIdle(1_000);

      // kafkajs's own request-timeout checks (every 100 ms per connection) and the test's timer remain;
      // without the fix a connection re-arms a 1 ms timer, several hundred a second each.
      expect(timers).toBeLessThan(100);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});
