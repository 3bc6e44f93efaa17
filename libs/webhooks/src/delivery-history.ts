import type { DataSource } from 'typeorm';
import type { DeliveryReason } from './deliveries.repository';

export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export type DeliveryAttempt = Readonly<{ attempt: number; at: Date; status_code: number | null; error: string | null; duration_ms: number }>;

export type Delivery = Readonly<{
  delivery_id: string;
  event_id: string;
  folder_id: string;
  company_id: string;
  target_url: string;
  reason: DeliveryReason;
  status: DeliveryStatus;
  next_attempt_at: Date;
  created_at: Date;
  updated_at: Date;
  resent_at: Date | null;
  resent_by: string | null;
  attempts: readonly DeliveryAttempt[];
}>;

export type ResendOutcome = 'resent' | 'not-failed' | 'missing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One row per delivery with its attempts in order, so a folder's history is one query.
const SELECT_DELIVERIES = `
  SELECT d.delivery_id, d.event_id, d.folder_id, d.company_id, d.target_url, d.reason, d.status, d.next_attempt_at,
         d.created_at, d.updated_at, d.resent_at, d.resent_by,
         COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'status_code', a.status_code, 'error', a.error, 'duration_ms', a.duration_ms) ORDER BY a.attempt)
                   FROM delivery_attempts a WHERE a.delivery_id = d.delivery_id), '[]'::json) AS attempts
  FROM deliveries d`;

type Row = Omit<Delivery, 'attempts'> & { attempts: (Omit<DeliveryAttempt, 'at'> & { at: string })[] };

const toDelivery = (row: Row): Delivery => ({ ...row, attempts: row.attempts.map((a) => ({ ...a, at: new Date(a.at) })) });

/** What the API shows of the webhook deliveries, and the re-send of a failed one. */
export class DeliveryHistory {
  constructor(private readonly dataSource: DataSource) {}

  /** A folder's deliveries, oldest first, each with its attempts. */
  async ofFolder(folderId: string): Promise<Delivery[]> {
    const rows = (await this.dataSource.query(`${SELECT_DELIVERIES} WHERE d.folder_id = $1 ORDER BY d.created_at, d.delivery_id`, [folderId])) as Row[];
    return rows.map(toDelivery);
  }

  /** One delivery by its id; an id that is not a UUID is simply not found. */
  async byId(deliveryId: string): Promise<Delivery | null> {
    if (!UUID.test(deliveryId)) return null;
    const rows = (await this.dataSource.query(`${SELECT_DELIVERIES} WHERE d.delivery_id = $1`, [deliveryId])) as Row[];
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /**
   * Puts a FAILED delivery back to PENDING, due now, with a fresh budget of attempts; its past
   * attempts stay. Only a FAILED one: a PENDING one is still being tried, and a SUCCEEDED one
   * was received (the receiver would drop it by its idempotency key anyway).
   */
  async resend(deliveryId: string, by: string): Promise<ResendOutcome> {
    if (!UUID.test(deliveryId)) return 'missing';
    const [, updated] = (await this.dataSource.query(
      `UPDATE deliveries SET status = 'PENDING', resent_after_attempt = attempts, next_attempt_at = clock_timestamp(),
         resent_at = clock_timestamp(), resent_by = $2, updated_at = clock_timestamp()
       WHERE delivery_id = $1 AND status = 'FAILED'`,
      [deliveryId, by],
    )) as [unknown, number];
    if (updated === 1) return 'resent';
    return (await this.byId(deliveryId)) ? 'not-failed' : 'missing';
  }
}
