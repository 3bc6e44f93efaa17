import type { Consumer, Kafka } from 'kafkajs';
import type { BatchHandler } from './incoming-message';
import { FETCH_MAX_WAIT_MS } from './fetch-wait';
import { type OnConsumerLost, watchConsumerLoss } from './consumer-loss';
import { toIncoming } from './to-incoming';

export type BatchConsumerSettings = Readonly<{
  groupId: string;
  topic: string;
  fromBeginning?: boolean;
  /** Partitions handled at the same time by one process. */
  concurrency?: number;
  maxBytesPerPartition?: number;
  /** How long a silent member keeps its partitions; after a crash, the others wait this long. */
  sessionTimeoutMs?: number;
  /**
   * Commit a partition's offset at most this often (0, the default: after every batch). Each
   * commit is a round trip a live batch waits for; an idempotent handler can afford to see up to
   * this much again after a crash. Offsets still pending are committed on `stop()`.
   */
  commitIntervalMs?: number;
  /** Called when the consumer stops for good (a crash kafkajs does not restart after). */
  onLost?: OnConsumerLost;
  /**
   * For a consumer whose latency matters little: the broker answers its fetch once this long has
   * passed or 1 MiB waits, whichever comes first, instead of at the first new message. It then
   * wakes once per such window with all that came, not with every message, and stays off the
   * cores while the services a request waits for handle the same messages. 0 (the default): at
   * the first new message.
   */
  gatherMs?: number;
}>;

const GATHER_BYTES = 1024 * 1024;


const HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * A consumer group member that hands whole partition batches to a handler and commits their
 * offsets only after the handler resolves. A handler that throws gets the same batch again (at
 * least once), so its effects must be idempotent; a crash never loses a message.
 */
export class KafkaBatchConsumer {
  /** Per partition, the next offset to read, handled but not committed yet. */
  private readonly pending = new Map<number, string>();
  private readonly lastCommitAt = new Map<number, number>();
  /** Commits go one after another, so an older offset never lands after a newer one. */
  private commits: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  /** Whether it still consumes: false after a crash that kafkajs does not restart after. */
  readonly consuming: () => boolean;

  private constructor(
    private readonly consumer: Consumer,
    private readonly settings: BatchConsumerSettings,
  ) {
    this.consuming = watchConsumerLoss(consumer, settings.onLost);
    // A partition handed to another member is theirs to commit: drop what this one still holds.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = new Set(payload.memberAssignment[settings.topic] ?? []);
      for (const partition of [...this.pending.keys()]) if (!assigned.has(partition)) this.pending.delete(partition);
    });
  }

  static async connect(kafka: Kafka, settings: BatchConsumerSettings): Promise<KafkaBatchConsumer> {
    const consumer = kafka.consumer({
      groupId: settings.groupId,
      maxBytesPerPartition: settings.maxBytesPerPartition ?? 4 * 1024 * 1024,
      ...(settings.gatherMs ? { maxWaitTimeInMs: settings.gatherMs, minBytes: GATHER_BYTES } : { maxWaitTimeInMs: FETCH_MAX_WAIT_MS }),
      // kafkajs waits 30 s for a crashed member by default; 10 s (the broker's floor is 6 s) with
      // a heartbeat each second hands its partitions over sooner without false alarms.
      sessionTimeout: settings.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: settings.topic, fromBeginning: settings.fromBeginning ?? true });
    return new KafkaBatchConsumer(consumer, settings);
  }

  /** Starts consuming; resolves once the consumer runs (handling goes on in the background). */
  async run(handler: BatchHandler): Promise<void> {
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.concurrency ?? 1,
      eachBatch: async ({ batch, heartbeat, resolveOffset, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        // kafkajs heartbeats only between batches: a batch that waits (a commit behind a rebuild's
        // switch, a dead-letter send, name lookups) must not cost the member its partitions.
        const beating = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_INTERVAL_MS);
        try {
          await handler(batch.messages.map((m) => toIncoming(batch.topic, batch.partition, m)), { heartbeat });
        } finally {
          clearInterval(beating);
        }
        resolveOffset(batch.lastOffset());
        // With auto-commit off, kafkajs's commitOffsetsIfNecessary commits nothing: commit here,
        // after the handler's effects are durable. The committed offset is the next one to read.
        this.pending.set(batch.partition, (BigInt(batch.lastOffset()) + 1n).toString());
        const interval = this.settings.commitIntervalMs ?? 0;
        if (this.stopping || interval === 0) await this.flush();
        // With an interval the handler is idempotent by contract, so the partition's next batch
        // need not wait for the commit's round trip; a commit that fails is retried with the next.
        else if (Date.now() - (this.lastCommitAt.get(batch.partition) ?? 0) >= interval) void this.flush().catch(() => undefined);
      },
    });
    const interval = this.settings.commitIntervalMs ?? 0;
    if (interval > 0) {
      // A partition that goes quiet still gets its last offsets committed.
      this.flushTimer = setInterval(() => void this.flush().catch(() => undefined), interval);
      this.flushTimer.unref();
    }
  }

  /** Commits every pending offset. A commit that fails puts them back, unless newer ones came meanwhile. */
  private flush(): Promise<void> {
    const commit = async () => {
      if (this.pending.size === 0) return;
      const offsets = [...this.pending].map(([partition, offset]) => ({ topic: this.settings.topic, partition, offset }));
      this.pending.clear();
      await this.consumer.commitOffsets(offsets).catch((error: unknown) => {
        for (const { partition, offset } of offsets) if (!this.pending.has(partition)) this.pending.set(partition, offset);
        throw error;
      });
      const now = Date.now();
      for (const { partition } of offsets) this.lastCommitAt.set(partition, now);
    };
    const done = this.commits.then(commit);
    this.commits = done.catch(() => undefined);
    return done;
  }

  /** How far behind the end of each partition the group's committed offsets are. */
  async lag(kafka: Kafka): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(this.settings.topic),
        admin.fetchOffsets({ groupId: this.settings.groupId, topics: [this.settings.topic] }),
      ]);
      const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]));
      return ends.reduce((sum, end) => sum + Math.max(0, Number(end.high) - (done.get(end.partition) ?? 0)), 0);
    } finally {
      await admin.disconnect();
    }
  }

  /** Commits what was handled, lets the batches in flight finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.flushTimer);
    await this.flush().catch(() => undefined);
    await this.consumer.disconnect();
  }
}
