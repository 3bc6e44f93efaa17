import type { Delivery } from '@forensics/webhooks';

const epoch = (time: Date | null): number | null => (time === null ? null : time.getTime() / 1000);

/**
 * A webhook delivery as the API shows it, times as epoch floats like the folders: what caused
 * it, where it goes, how it stands, and every attempt with its status code or error.
 */
export function deliveryJson(delivery: Delivery) {
  return {
    delivery_id: delivery.delivery_id,
    folder_id: delivery.folder_id,
    event_id: delivery.event_id,
    reason: delivery.reason,
    target_url: delivery.target_url,
    status: delivery.status,
    attempts_count: delivery.attempts.length,
    time_created: epoch(delivery.created_at),
    time_updated: epoch(delivery.updated_at),
    time_next_attempt: delivery.status === 'PENDING' ? epoch(delivery.next_attempt_at) : null,
    time_resent: epoch(delivery.resent_at),
    resent_by: delivery.resent_by,
    attempts: delivery.attempts.map((a) => ({ attempt: a.attempt, time: epoch(a.at), status_code: a.status_code, error: a.error, duration_ms: a.duration_ms })),
  };
}
