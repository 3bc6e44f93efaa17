import {
  assertTransactionIdsAhead,
  CheckpointStore,
  openDatabase,
  oldestRunningTransaction,
  PostgresEventStore,
  type StoredEvent,
} from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer } from '@forensics/messaging';
import { CommitNotifications } from './commit-notifications';
import { LeaderLock } from './leader-lock';
import { Relay } from './relay';
import type { RelayConfig } from './relay.config';

export type RunningRelay = Readonly<{ relay: Relay; close: () => Promise<void> }>;

const jsonLog = (entry: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'relay', ...entry })}\n`);

/** Wires a relay from its configuration: database, topic, producer, lock and notifications. */
export async function createRelay(
  config: RelayConfig,
  hooks: { onPublished?: (events: readonly StoredEvent[]) => void; log?: (entry: Record<string, unknown>) => void } = {},
): Promise<RunningRelay> {
  const dataSource = await openDatabase({ url: config.databaseUrl, schema: config.schema, applicationName: 'relay', poolSize: 2 });
  const kafka = createKafka({ brokers: config.brokers, clientId: `relay-${config.name}` });
  await ensureTopic(kafka, config.topic, { partitions: config.partitions });
  const producer = await KafkaMessageProducer.connect(kafka);
  const store = new PostgresEventStore(dataSource);
  const relay = new Relay(
    {
      store,
      checkpoints: new CheckpointStore(dataSource),
      producer,
      notifications: new CommitNotifications(config.databaseUrl, store.channel),
      // One leader per event store and topic, whatever the instances are named.
      lock: new LeaderLock(config.databaseUrl, `relay:${config.schema}:${config.topic}`),
      checkTransactionIds: (checkpoint) => assertTransactionIdsAhead(dataSource, checkpoint),
      blockingTransaction: () => oldestRunningTransaction(dataSource),
      log: hooks.log ?? jsonLog,
      ...(hooks.onPublished ? { onPublished: hooks.onPublished } : {}),
    },
    { name: config.name, topic: config.topic, batchSize: config.batchSize, idleWaitMs: 5_000, heldBackWaitMs: 1, checkpointEveryMs: 200 },
  );
  let closing: Promise<void> | null = null;
  const close = async () => {
    await relay.stop();
    await producer.disconnect();
    await dataSource.destroy();
  };
  return { relay, close: () => (closing ??= close()) };
}
