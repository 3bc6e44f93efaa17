// What one benchmark run owns: an event-store schema, a read-model schema, the ceiling's schemas,
// a topic (and its dead-letter topic) and a consumer group, all uniquely named, and dropped at the
// end, also on Ctrl-C.
import { createDataSource, EVENT_STORE_MIGRATIONS, migrate } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer } from '@forensics/messaging';
import { testInfra, uniqueName } from '@forensics/testing';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';

export type BenchResources = Readonly<{
  eventSchema: string;
  readSchema: string;
  ceilingSchemas: readonly string[];
  topic: string;
  groupId: string;
  eventStore: DataSource;
  kafka: Kafka;
  producer: KafkaMessageProducer;
  /** Runs before the schemas are dropped, e.g. stopping the projection. */
  beforeCleanUp: (step: () => Promise<void>) => void;
  cleanUp: () => Promise<void>;
}>;

export async function openBenchResources({ databaseUrl, partitions, ceilings }: { databaseUrl: string; partitions: number; ceilings: number }): Promise<BenchResources> {
  const eventSchema = uniqueName('bench_proj_events');
  const readSchema = uniqueName('bench_proj_read');
  const ceilingSchemas = Array.from({ length: ceilings }, () => uniqueName('bench_proj_ceiling'));
  const topic = uniqueName('bench-proj-folder-events');
  const groupId = uniqueName('bench-proj-group');
  const eventStore = createDataSource({ url: databaseUrl, schema: eventSchema, poolSize: 2, migrations: EVENT_STORE_MIGRATIONS });
  await eventStore.initialize();
  await migrate(eventStore);
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'bench-projection' });
  await ensureTopic(kafka, topic, { partitions });
  const producer = await KafkaMessageProducer.connect(kafka);
  const steps: (() => Promise<void>)[] = [];
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const step of steps) await step();
    await producer.disconnect();
    for (const schema of [eventSchema, readSchema, ...ceilingSchemas]) await eventStore.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await eventStore.destroy();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dead-letter`] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    console.log('  cleaned up the schemas, topics and consumer group');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  return { eventSchema, readSchema, ceilingSchemas, topic, groupId, eventStore, kafka, producer, beforeCleanUp: (step) => steps.push(step), cleanUp };
}
