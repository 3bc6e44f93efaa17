import type { Kafka } from 'kafkajs';

export type TopicSettings = Readonly<{ partitions: number; replicationFactor?: number; retentionMs?: number }>;

/**
 * Creates the topic if it does not exist. The folder-events topic is a public contract whose
 * history consumers may replay, so its retention defaults to unlimited (-1).
 */
export async function ensureTopic(kafka: Kafka, topic: string, { partitions, replicationFactor = 1, retentionMs = -1 }: TopicSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (existing.includes(topic)) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor, configEntries: [{ name: 'retention.ms', value: String(retentionMs) }] }],
    });
  } finally {
    await admin.disconnect();
  }
}
