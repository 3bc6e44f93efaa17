import { type CheckpointStore, checkpointOf, type PostgresEventStore, type StoredEvent } from '@forensics/event-store';
import type { BlockingTransaction, Checkpoint } from '@forensics/event-store';
import type { MessageProducer } from '@forensics/messaging';
import { distinctIds, type Log } from '@forensics/observability';
import type { CommitNotifications } from './commit-notifications';
import type { LeaderLock } from './leader-lock';
import { messageChunks } from './message-chunks';
import type { RelayMetrics } from './relay-metrics';
import { toKafkaMessage } from './to-kafka-message';

export type RelayOptions = Readonly<{
  name: string;
  topic: string;
  batchSize: number;
  /** Safety net only: a commit wakes the relay through NOTIFY. */
  idleWaitMs: number;
  /** How soon to look again while an older transaction holds events back; doubles up to 500 ms. */
  heldBackWaitMs: number;
  /**
   * The checkpoint is saved once this long passes with no new commit after the relay caught up:
   * not at the moment it has just sent, when the consumers handle what it sent.
   */
  checkpointQuietMs: number;
  /** Under a load that never goes quiet, the checkpoint is saved at least this often; a crash re-sends at most that much. */
  checkpointMaxAgeMs: number;
}>;

export type RelayDependencies = Readonly<{
  store: PostgresEventStore;
  checkpoints: CheckpointStore;
  producer: MessageProducer;
  notifications: CommitNotifications;
  lock: LeaderLock;
  log: Log;
  metrics: RelayMetrics;
  /** Called after each acknowledged batch; the benchmark measures relay lag with it. */
  onPublished?: (events: readonly StoredEvent[]) => void;
  /** Refuses to start when the server's transaction ids are behind the store's (a restore). */
  checkTransactionIds: (checkpoint: Checkpoint) => Promise<void>;
  /** What holds events back, for the warning when that lasts. */
  blockingTransaction: () => Promise<BlockingTransaction | null>;
}>;

const MAX_HELD_BACK_WAIT_MS = 500;
const WARN_HELD_BACK_AFTER_MS = 5_000;
const KAFKA_REQUEST_MAX_BYTES = 512 * 1024;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Publishes every committed event to Kafka: read a batch in commit-safe order, send it with the
 * idempotent producer, wait for the acks, then move the checkpoint (saved once quiet, and under
 * a load that never goes quiet at least every `checkpointMaxAgeMs`). A crash re-sends what was
 * acknowledged after the last saved checkpoint: duplicates, never gaps (at least once).
 *
 * A batch smaller than `batchSize` with nothing held back has every commit before the read in
 * it, and each later commit notifies (the notifications are cleared before the read): the relay
 * waits for the next one rather than read again at once.
 */
export class Relay {
  private running = false;
  private lost: Error | null = null;
  private loop: Promise<void> = Promise.resolve();
  readonly stats = { published: 0, batches: 0, cycles: 0, leading: false };
  /** Where the relay has published up to while it leads: its lag is what the store holds after it. */
  position: Checkpoint | null = null;

  constructor(
    private readonly deps: RelayDependencies,
    private readonly options: RelayOptions,
  ) {}

  /** Leads (waiting for the lock first) and publishes until `stop` or until the lead is lost. */
  run(): Promise<void> {
    this.loop = this.lead();
    return this.loop;
  }

  private async lead(): Promise<void> {
    const { lock, notifications, checkpoints, log } = this.deps;
    this.running = true;
    const lose = (error: Error) => this.loseLead(error);
    try {
      await lock.acquire(lose);
    } catch (error) {
      if (!this.running) return; // stopped while waiting as a standby
      throw error;
    }
    if (!this.running) return;
    this.stats.leading = true;
    this.deps.metrics.leading.set(1);
    await notifications.start(lose);
    let checkpoint = await checkpoints.load(this.options.name);
    this.position = checkpoint;
    await this.deps.checkTransactionIds(checkpoint);
    let saved = checkpoint;
    let savedAt = Date.now();
    log({ level: 'info', message: 'relay leads', relay: this.options.name, checkpoint });
    const heldBack = new HeldBackBackoff(this.options.heldBackWaitMs);
    const save = async () => {
      // A relay that lost its lead writes nothing more: the new leader owns the checkpoint.
      if (this.lost || checkpoint === saved) return;
      await checkpoints.save(this.options.name, checkpoint);
      saved = checkpoint;
      savedAt = Date.now();
    };
    // Under a load that never goes quiet: after a send, at least every checkpointMaxAgeMs.
    const saveIfOld = () => (Date.now() - savedAt >= this.options.checkpointMaxAgeMs ? save() : undefined);
    while (this.running) {
      notifications.clear();
      const batch = await this.deps.store.readAllAfter(checkpoint, this.options.batchSize);
      this.stats.cycles += 1;
      if (batch.events.length > 0) {
        checkpoint = await this.publish(batch.events);
        heldBack.reset();
        await saveIfOld();
      }
      // A full batch: more may wait, read on at once.
      if (batch.events.length >= this.options.batchSize) continue;
      if (batch.heldBack) {
        await this.waitHeldBack(heldBack);
        continue;
      }
      // Caught up: everything committed before the read is sent, and a later commit notifies.
      heldBack.reset();
      // The checkpoint waits for a quiet moment: a commit that comes first is read and sent first.
      if (checkpoint !== saved && !(await notifications.wait(this.options.checkpointQuietMs)) && this.running) await save();
      if (this.running) await notifications.wait(this.options.idleWaitMs);
    }
    // Still holding the lock: a graceful stop hands over without re-sends.
    if (!this.lost && checkpoint !== saved) await checkpoints.save(this.options.name, checkpoint);
    if (this.lost) throw this.lost;
  }

  /** Finishes the batch in hand, saves the checkpoint, then gives up the lead. */
  async stop(): Promise<void> {
    this.running = false;
    this.deps.notifications.interrupt();
    // A send stuck on an unreachable broker must not hold the shutdown forever.
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
    if (this.stats.leading) await Promise.race([this.loop.catch(() => undefined), timeout]);
    await this.deps.notifications.stop();
    await this.deps.lock.release();
    this.stats.leading = false;
    this.position = null;
    this.deps.metrics.leading.set(0);
  }

  /**
   * An older transaction still runs: look again soon, then less often (a commit that appends
   * wakes the relay anyway), and say who blocks when it lasts, because nothing is published meanwhile.
   */
  private async waitHeldBack(backoff: HeldBackBackoff): Promise<void> {
    if (backoff.shouldWarn()) {
      const blocking = await this.deps.blockingTransaction().catch(() => null);
      this.deps.log({ level: 'warn', message: 'committed events are held back by an older open transaction', held_back_ms: backoff.heldForMs(), blocking });
    }
    await this.deps.notifications.wait(backoff.next());
  }

  private async publish(events: readonly StoredEvent[]) {
    const { metrics, log } = this.deps;
    const timer = metrics.batchSeconds.startTimer();
    let sent = 0;
    for (const chunk of messageChunks(events.map(toKafkaMessage), KAFKA_REQUEST_MAX_BYTES)) {
      await this.deps.producer.send(this.options.topic, chunk);
      // One line per Kafka request, naming the requests whose events it carried.
      const carried = events.slice(sent, (sent += chunk.length));
      log({ level: 'info', message: 'published', topic: this.options.topic, events: chunk.length, correlation_ids: distinctIds(carried, (e) => e.metadata['correlation_id']) });
    }
    timer();
    const checkpoint = checkpointOf(events[events.length - 1] as StoredEvent);
    this.position = checkpoint;
    metrics.published.inc(events.length);
    this.stats.published += events.length;
    this.stats.batches += 1;
    this.deps.onPublished?.(events);
    return checkpoint;
  }

  private loseLead(error: Error): void {
    if (!this.running) return;
    this.deps.log({ level: 'error', message: 'relay lost its lead; stopping', error: error.message });
    this.lost = error;
    this.stats.leading = false;
    this.position = null;
    this.deps.metrics.leading.set(0);
    this.running = false;
    this.deps.notifications.interrupt();
  }
}

/** The wait while events are held back: 1, 2, 4 ... 500 ms (from `heldBackWaitMs`), and a warning every 30 s after 5 s. */
class HeldBackBackoff {
  private waitMs: number;
  private since: number | null = null;
  private warnedAt = 0;

  constructor(private readonly firstWaitMs: number) {
    this.waitMs = firstWaitMs;
  }

  next(): number {
    this.since ??= Date.now();
    const wait = this.waitMs;
    this.waitMs = Math.min(this.waitMs * 2, MAX_HELD_BACK_WAIT_MS);
    return wait;
  }

  heldForMs(): number {
    return this.since === null ? 0 : Date.now() - this.since;
  }

  shouldWarn(): boolean {
    if (this.heldForMs() < WARN_HELD_BACK_AFTER_MS || Date.now() - this.warnedAt < 30_000) return false;
    this.warnedAt = Date.now();
    return true;
  }

  reset(): void {
    this.waitMs = this.firstWaitMs;
    this.since = null;
  }
}
