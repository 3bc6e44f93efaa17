import { testInfra, uniqueName } from '@forensics/testing';
import { createKafka, ensureTopic } from './index';

describe('ensureTopic', () => {
  it('returns for every service that starts at once, each time with every partition led', async () => {
    const topic = uniqueName('it_ensure');
    const clients = Array.from({ length: 5 }, (_, n) => createKafka({ brokers: testInfra.kafkaBrokers, clientId: `ensure-${n}` }));

    await Promise.all(clients.map((kafka) => ensureTopic(kafka, topic, { partitions: 6 })));

    const admin = (clients[0] as (typeof clients)[number]).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(topics).toHaveLength(1);
      expect(topics[0]?.partitions).toHaveLength(6);
      expect(topics[0]?.partitions.every((p) => p.leader >= 0)).toBe(true);
      const [config] = (await admin.describeConfigs({ resources: [{ type: 2, name: topic, configNames: ['retention.ms'] }], includeSynonyms: false })).resources;
      expect(config?.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('-1');
    } finally {
      await admin.disconnect();
    }
  });

  it('leaves an existing topic as it is', async () => {
    const topic = uniqueName('it_ensure_existing');
    const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'ensure-existing' });
    await ensureTopic(kafka, topic, { partitions: 2 });

    await ensureTopic(kafka, topic, { partitions: 5 });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(topics[0]?.partitions).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
  });
});
