import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { IncomingMessage } from './incoming-message';
import { FETCH_MAX_WAIT_MS } from './fetch-wait';
import { type OnConsumerLost, watchConsumerLoss } from './consumer-loss';
import { toIncoming } from './to-incoming';

export type WorkConsumerSettings = Readonly<{
  groupId: string;
  topic: string;
  fromBeginning?: boolean;
  /** Messages handed to the handler and not finished yet, in this process, at most. */
  maxInFlight: number;
  /** How often finished work's offsets are committed (and when the consumer stops); 1 s by default. */
  commitIntervalMs?: number;
  sessionTimeoutMs?: number;
  /** How long `stop()` waits for messages in hand before leaving them to be delivered again. */
  drainTimeoutMs?: number;
  /** Handler failures are retried with this first delay, doubling up to 30 s. */
  retryDelayMs?: number;
  log?: (entry: Record<string, unknown>) => void;
  /** Called when the consumer stops for good (a crash kafkajs does not restart after). */
  onLost?: OnConsumerLost;
}>;

/** Handles one message; it throws only for failures worth retrying (a database that is down). */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

type PartitionProgress = { inFlight: Set<bigint>; nextToCommit: bigint; committed: bigint };

const MAX_RETRY_DELAY_MS = 30_000;
/** How long batches wait, after a rebalance, for the partition ends (well within the session timeout). */
const PARTITION_ENDS_TIMEOUT_MS = 2_000;
/** How long `stop()` waits for the messages in hand unless told otherwise. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

/**
 * A consumer group member for slow, independent work (an analysis can take seconds): each message
 * is handed to the handler on its own, up to `maxInFlight` at once across partitions, so a slow
 * message holds up nothing but its own slot. A partition's committed offset is the first message
 * not finished yet, so a crash delivers again only what was unfinished (and what finished after
 * it): the handler must be idempotent. Heartbeats go on while handlers run.
 */
export class KafkaWorkConsumer {
  private readonly progress = new Map<number, PartitionProgress>();
  /**
   * Per partition, its end (high watermark) read just after the member was last given its
   * partitions: what lies at or past it was appended since. Empty when the read failed: then
   * nothing counts as appended since.
   */
  private assignedAt: Promise<ReadonlyMap<number, bigint>> = Promise.resolve(new Map());
  private readonly running = new Set<Promise<void>>();
  private waitingForSlot: (() => void) | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  private commits: Promise<void> = Promise.resolve();
  private stopping = false;

  /** Whether it still consumes: false after a crash that kafkajs does not restart after. */
  readonly consuming: () => boolean;

  private constructor(
    private readonly consumer: Consumer,
    private readonly admin: Admin,
    private readonly settings: WorkConsumerSettings,
  ) {
    this.consuming = watchConsumerLoss(consumer, settings.onLost);
    // A partition handed to another member is theirs to commit from now on.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // Every partition starts over: what it holds now may have been another member's meanwhile.
      this.assignedAt = this.partitionEnds();
      const assigned = new Set(payload.memberAssignment[settings.topic] ?? []);
      for (const partition of [...this.progress.keys()]) if (!assigned.has(partition)) this.progress.delete(partition);
    });
  }

  static async connect(kafka: Kafka, settings: WorkConsumerSettings): Promise<KafkaWorkConsumer> {
    const consumer = kafka.consumer({
      groupId: settings.groupId,
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
      sessionTimeout: settings.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1_000,
    });
    await consumer.connect();
    const admin = kafka.admin();
    try {
      await consumer.subscribe({ topic: settings.topic, fromBeginning: settings.fromBeginning ?? true });
      await admin.connect();
    } catch (error) {
      await Promise.allSettled([consumer.disconnect(), admin.disconnect()]);
      throw error;
    }
    return new KafkaWorkConsumer(consumer, admin, settings);
  }

  /**
   * The topic's partition ends now; none when they cannot be read within PARTITION_ENDS_TIMEOUT_MS
   * (nothing then counts as appended since, and the batches that wait for them go on).
   */
  private async partitionEnds(): Promise<ReadonlyMap<number, bigint>> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PARTITION_ENDS_TIMEOUT_MS} ms`)), PARTITION_ENDS_TIMEOUT_MS);
      });
      const offsets = await Promise.race([this.admin.fetchTopicOffsets(this.settings.topic), timedOut]);
      return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    } catch (error) {
      this.settings.log?.({ level: 'warn', message: 'could not read the partition ends after a rebalance; every message counts as possibly handled before', error: (error as Error).message });
      return new Map();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Messages in the handler's hands right now. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Starts consuming; resolves once the consumer runs. */
  async run(handler: MessageHandler): Promise<void> {
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, heartbeat, resolveOffset, isRunning, isStale }) => {
        const gone = () => !isRunning() || isStale() || this.stopping;
        const ends = await this.assignedAt;
        const end = ends.get(batch.partition);
        for (const message of batch.messages) {
          // What is not handed over is not resolved either: it is fetched again later.
          if (gone() || !(await this.slotFree(heartbeat, gone)) || gone()) return;
          this.start(handler, batch.topic, batch.partition, message, end);
          // Resolved means fetched past, not committed: the commit follows the work.
          resolveOffset(message.offset);
        }
      },
    });
    const interval = this.settings.commitIntervalMs ?? 1_000;
    this.flushTimer = setInterval(() => void this.commit().catch(() => undefined), interval);
    this.flushTimer.unref();
  }

  /**
   * Waits for a free slot, heartbeating meanwhile so that long analyses do not cost the group
   * membership. False when the wait is given up: the batch is no longer this member's (a
   * rebalance: a heartbeat that fails says one is under way, and the member must leave the batch
   * to rejoin), or the consumer stops.
   */
  private async slotFree(heartbeat: () => Promise<void>, gone: () => boolean): Promise<boolean> {
    while (this.running.size >= this.settings.maxInFlight) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.waitingForSlot = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (gone()) return false;
      try {
        await heartbeat();
      } catch {
        return false;
      }
    }
    return true;
  }

  /** `end`: the partition's end when the member was given it, if known. */
  private start(handler: MessageHandler, topic: string, partition: number, message: KafkaMessage, end: bigint | undefined): void {
    const offset = BigInt(message.offset);
    const progress = this.progressOf(partition, offset);
    progress.inFlight.add(offset);
    if (offset + 1n > progress.nextToCommit) progress.nextToCommit = offset + 1n;
    const incoming = { ...toIncoming(topic, partition, message), appendedSinceAssignment: end !== undefined && offset >= end };
    const work = this.handleWithRetries(handler, incoming).then((handled) => {
      // A message given up on (its handler failed while the consumer stops) stays open: the
      // commit stops before it, and the next member gets it again.
      if (handled) this.progress.get(partition)?.inFlight.delete(offset);
      this.running.delete(work);
      this.waitingForSlot?.();
      this.waitingForSlot = null;
    });
    this.running.add(work);
  }

  private progressOf(partition: number, offset: bigint): PartitionProgress {
    let progress = this.progress.get(partition);
    if (!progress) {
      progress = { inFlight: new Set(), nextToCommit: offset, committed: -1n };
      this.progress.set(partition, progress);
    }
    return progress;
  }

  /** Whether the message was handled; false when it was given up on because the consumer stops. */
  private async handleWithRetries(handler: MessageHandler, message: IncomingMessage): Promise<boolean> {
    let delay = this.settings.retryDelayMs ?? 500;
    for (;;) {
      try {
        await handler(message);
        return true;
      } catch (error) {
        if (this.stopping) {
          this.settings.log?.({ level: 'warn', message: 'handling a message failed while stopping; left to be delivered again', partition: message.partition, offset: message.offset, error: (error as Error).message });
          return false;
        }
        this.settings.log?.({ level: 'error', message: 'handling a message failed; retrying', partition: message.partition, offset: message.offset, error: (error as Error).message, retry_in_ms: delay });
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
      }
    }
  }

  /** Commits, per partition, the first offset not finished yet (or past the last one handed over). */
  private commit(): Promise<void> {
    const run = async () => {
      const offsets: { topic: string; partition: number; offset: string }[] = [];
      for (const [partition, progress] of this.progress) {
        const firstOpen = [...progress.inFlight].reduce<bigint | null>((min, o) => (min === null || o < min ? o : min), null);
        const upTo = firstOpen ?? progress.nextToCommit;
        if (upTo > progress.committed) offsets.push({ topic: this.settings.topic, partition, offset: upTo.toString() });
      }
      if (offsets.length === 0) return;
      await this.consumer.commitOffsets(offsets);
      for (const { partition, offset } of offsets) {
        const progress = this.progress.get(partition);
        if (progress) progress.committed = BigInt(offset);
      }
    };
    const done = this.commits.then(run);
    this.commits = done.catch(() => undefined);
    return done;
  }

  /**
   * Stops taking messages, waits (up to `drainTimeoutMs`) for those in hand, commits what
   * finished, and leaves the group. What did not finish is delivered again to whoever comes next.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.flushTimer);
    this.waitingForSlot?.();
    const drained = Promise.all([...this.running]);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, this.settings.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS).unref())]);
    await this.commit().catch(() => undefined);
    try {
      await this.consumer.disconnect();
    } finally {
      await this.admin.disconnect();
    }
  }
}
