import { type CheckpointStore, checkpointOf, type PostgresEventStore, type StoredEvent } from '@forensics/event-store';
import type { MessageProducer } from '@forensics/messaging';
import type { CommitNotifications } from './commit-notifications';
import type { LeaderLock } from './leader-lock';
import { toKafkaMessage } from './to-kafka-message';

export type RelayOptions = Readonly<{
  name: string;
  topic: string;
  batchSize: number;
  /** Safety net only: a commit wakes the relay through NOTIFY. */
  idleWaitMs: number;
  /** How soon to look again while an older transaction holds events back. */
  heldBackWaitMs: number;
  /** Under load the checkpoint is written at most this often; a crash re-sends at most that much. */
  checkpointEveryMs: number;
}>;

export type RelayDependencies = Readonly<{
  store: PostgresEventStore;
  checkpoints: CheckpointStore;
  producer: MessageProducer;
  notifications: CommitNotifications;
  lock: LeaderLock;
  log: (entry: Record<string, unknown>) => void;
  /** Called after each acknowledged batch; the benchmark measures relay lag with it. */
  onPublished?: (events: readonly StoredEvent[]) => void;
}>;

/**
 * Publishes every committed event to Kafka: read a batch in commit-safe order, send it with the
 * idempotent producer, wait for the acks, then move the checkpoint (saved when idle, and under
 * load at most every `checkpointEveryMs`). A crash re-sends what was acknowledged after the last
 * saved checkpoint: duplicates, never gaps (at least once).
 */
export class Relay {
  private running = false;
  private lost: Error | null = null;
  private loop: Promise<void> = Promise.resolve();
  readonly stats = { published: 0, batches: 0, cycles: 0, leading: false };

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
    await notifications.start(lose);
    let checkpoint = await checkpoints.load(this.options.name);
    let saved = checkpoint;
    let savedAt = Date.now();
    log({ level: 'info', message: 'relay leads', relay: this.options.name, checkpoint });
    while (this.running) {
      notifications.clear();
      const { events, heldBack } = await this.deps.store.readAllAfter(checkpoint, this.options.batchSize);
      this.stats.cycles += 1;
      if (events.length > 0) checkpoint = await this.publish(events);
      const idle = events.length === 0;
      if (checkpoint !== saved && (idle || Date.now() - savedAt >= this.options.checkpointEveryMs)) {
        await checkpoints.save(this.options.name, checkpoint);
        saved = checkpoint;
        savedAt = Date.now();
      }
      if (idle) await notifications.wait(heldBack ? this.options.heldBackWaitMs : this.options.idleWaitMs);
    }
    // Still holding the lock: a graceful stop hands over without re-sends.
    if (!this.lost && checkpoint !== saved) await checkpoints.save(this.options.name, checkpoint);
    if (this.lost) throw this.lost;
  }

  /** Finishes the batch in hand, saves the checkpoint, then gives up the lead. */
  async stop(): Promise<void> {
    this.running = false;
    this.deps.notifications.interrupt();
    if (this.stats.leading) await this.loop.catch(() => undefined);
    await this.deps.notifications.stop();
    await this.deps.lock.release();
    this.stats.leading = false;
  }

  private async publish(events: readonly StoredEvent[]) {
    await this.deps.producer.send(this.options.topic, events.map(toKafkaMessage));
    const checkpoint = checkpointOf(events[events.length - 1] as StoredEvent);
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
    this.running = false;
    this.deps.notifications.interrupt();
  }
}
