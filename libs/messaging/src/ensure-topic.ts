import { type Admin, type Kafka, KafkaJSAggregateError, KafkaJSError } from 'kafkajs';

export type TopicSettings = Readonly<{ partitions: number; replicationFactor?: number; retentionMs?: number }>;

const RETRY_EVERY_MS = 100;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Creates the topic if it does not exist, and returns once every partition has a leader. The
 * folder-events topic is a public contract whose history consumers may replay, so its retention
 * defaults to unlimited (-1).
 *
 * Services start together, so several may create the same topic at once, and a broker that has
 * just started answers for a while that a topic it has just created is unknown. kafkajs's own
 * wait for leaders gives up on that answer, and skips the wait when another client created the
 * topic, so the wait here is its own: retriable errors are tried again until `timeoutMs`.
 */
export async function ensureTopic(
  kafka: Kafka,
  topic: string,
  { partitions, replicationFactor = 1, retentionMs = -1 }: TopicSettings,
  { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        if (!(await admin.listTopics()).includes(topic)) {
          await admin.createTopics({
            topics: [{ topic, numPartitions: partitions, replicationFactor, configEntries: [{ name: 'retention.ms', value: String(retentionMs) }] }],
          });
        }
        if (await everyPartitionLed(admin, topic)) return;
      } catch (error) {
        if (!isRetriable(error) || Date.now() >= deadline) throw error;
      }
      if (Date.now() >= deadline) throw new Error(`topic ${topic}: no leader for every partition after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
    }
  } finally {
    await admin.disconnect();
  }
}

async function everyPartitionLed(admin: Admin, topic: string): Promise<boolean> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const found = topics.find((t) => t.name === topic);
  return found !== undefined && found.partitions.length > 0 && found.partitions.every((p) => p.leader >= 0);
}

/** A protocol error the broker marks retriable, or a creation whose every topic failed so. */
const isRetriable = (error: unknown): boolean =>
  error instanceof KafkaJSAggregateError
    ? error.errors.length > 0 && error.errors.every(isRetriable)
    : error instanceof KafkaJSError && error.retriable;
