import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A group that finished, or an operator decision that changed the folder's verdict. */
export type DeliveryReason = 'GROUP_FINISHED' | 'VERDICT_CHANGED';

/** What a delivery is: the event that caused it, whose folder, and where it goes. */
type DeliveryOrder = Readonly<{
  event_id: string;
  folder_id: string;
  company_id: string;
  stream_version: number;
  correlation_id: string | null;
  target_url: string;
  reason: DeliveryReason;
}>;

export type NewDelivery = DeliveryOrder &
  Readonly<{
    /** Set when the target was refused: the delivery is FAILED at once, with this as its one attempt's error. */
    refused?: string;
  }>;

export type DueDelivery = DeliveryOrder &
  Readonly<{
    delivery_id: string;
    attempts: number;
    /** Attempts made before the last re-send through the API; the attempt limit counts from here. */
    resent_after_attempt: number;
  }>;

export type AttemptRecord = Readonly<{ status_code: number | null; error: string | null; duration_ms: number }>;

/** The dispatcher's tables, in SQL: every write states the status it expects, so a stale claim changes nothing. */
export class DeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the deliveries in one transaction; an event already delivered (by its id) adds nothing. Returns the ones added. */
  async insert(deliveries: readonly NewDelivery[]): Promise<NewDelivery[]> {
    if (deliveries.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      const added: NewDelivery[] = [];
      for (const d of deliveries) {
        const id = randomUUID();
        const rows = (await manager.query(
          `INSERT INTO deliveries (delivery_id, event_id, folder_id, company_id, stream_version, correlation_id, target_url, reason, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING RETURNING delivery_id`,
          [id, d.event_id, d.folder_id, d.company_id, d.stream_version, d.correlation_id, d.target_url, d.reason, d.refused === undefined ? 'PENDING' : 'FAILED'],
        )) as unknown[];
        if (rows.length === 0) continue;
        added.push(d);
        if (d.refused !== undefined) {
          await manager.query(`INSERT INTO delivery_attempts (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1, 1, NULL, $2, 0)`, [id, `target refused: ${d.refused}`]);
          await manager.query(`UPDATE deliveries SET attempts = 1 WHERE delivery_id = $1`, [id]);
        }
      }
      return added;
    });
  }

  /**
   * Claims up to `limit` due PENDING deliveries: `FOR UPDATE SKIP LOCKED` keeps two dispatchers
   * off the same rows, and the lease (moving `next_attempt_at` on) keeps them off while this one
   * sends. A dispatcher that dies mid-send leaves the lease to run out, and the delivery is sent again.
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE deliveries d SET next_attempt_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
       FROM (SELECT delivery_id FROM deliveries WHERE status = 'PENDING' AND next_attempt_at <= clock_timestamp()
             ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
       WHERE d.delivery_id = due.delivery_id
       RETURNING d.delivery_id, d.event_id, d.folder_id, d.company_id, d.stream_version, d.correlation_id, d.target_url, d.reason, d.attempts, d.resent_after_attempt`,
      [limit, leaseMs],
    )) as [DueDelivery[], number];
    return rows;
  }

  /** Puts a claimed delivery back without counting an attempt (the read model is behind). */
  async postpone(deliveryId: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET next_attempt_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000) WHERE delivery_id = $1 AND status = 'PENDING'`,
      [deliveryId, delayMs],
    );
  }

  /** Records attempt number `attempt` and the delivery's new status; `retryInMs` null means no retry is left (or none is needed). */
  /**
   * Only the claim the attempt was made under may record it: the delivery must still be PENDING
   * with the attempt count and re-send it was claimed with. A dispatcher whose lease ran out while
   * it sent (another one has tried since, or the delivery was settled and re-sent) records nothing.
   * Answers whether it was recorded.
   */
  async recordAttempt(delivery: DueDelivery, attempt: number, record: AttemptRecord, status: 'PENDING' | 'SUCCEEDED' | 'FAILED', retryInMs: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [updated] = (await manager.query(
        `UPDATE deliveries SET status = $2, attempts = $3, updated_at = clock_timestamp(),
           next_attempt_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000)
         WHERE delivery_id = $1 AND status = 'PENDING' AND attempts = $5 AND resent_after_attempt = $6
         RETURNING delivery_id`,
        [delivery.delivery_id, status, attempt, retryInMs, delivery.attempts, delivery.resent_after_attempt],
      )) as [unknown[], number];
      if (updated.length === 0) return false;
      await manager.query(`INSERT INTO delivery_attempts (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`, [
        delivery.delivery_id,
        attempt,
        record.status_code,
        record.error,
        record.duration_ms,
      ]);
      return true;
    });
  }

  /** Deliveries not yet settled, and the age of the oldest, for the dispatcher's gauges. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)::float8 AS oldest FROM deliveries WHERE status = 'PENDING'`,
    )) as { pending: number; oldest: number }[];
    return { pending: row?.pending ?? 0, oldestSeconds: row?.oldest ?? 0 };
  }

  /**
   * Deletes settled deliveries (SUCCEEDED or FAILED) not touched for `retentionMs`, with their
   * attempts, at most `limit` at a time; answers how many. Pending ones are never pruned.
   */
  async prune(retentionMs: number, limit = 10_000): Promise<number> {
    const [rows] = (await this.dataSource.query(
      `WITH old AS (
         SELECT delivery_id FROM deliveries
         WHERE status <> 'PENDING' AND updated_at < clock_timestamp() - $1::bigint * interval '1 millisecond'
         ORDER BY updated_at LIMIT $2
       ), attempts AS (
         DELETE FROM delivery_attempts a USING old WHERE a.delivery_id = old.delivery_id
       )
       DELETE FROM deliveries d USING old WHERE d.delivery_id = old.delivery_id RETURNING d.delivery_id`,
      [retentionMs, limit],
    )) as [unknown[], number];
    return rows.length;
  }
}
