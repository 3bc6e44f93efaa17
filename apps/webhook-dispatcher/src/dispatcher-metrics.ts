import { serviceRegistry } from '@forensics/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** How an attempt ended: delivered, to be tried again, given up after the last attempt, or a target refused by the address rule. */
export type AttemptOutcome = 'succeeded' | 'retried' | 'failed' | 'refused';

/** What an operator watches of the webhooks: outcomes, how long receivers take, and what is waiting. */
export class DispatcherMetrics {
  readonly registry = serviceRegistry();
  readonly deliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Delivery attempts by outcome: succeeded, retried (failed, another attempt is scheduled), failed (the last attempt failed), refused (private target)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly recorded = new Counter({ name: 'webhook_deliveries_recorded_total', help: 'Deliveries recorded from events, by reason', labelNames: ['reason'], registers: [this.registry] });
  readonly attemptSeconds = new Histogram({
    name: 'webhook_attempt_duration_seconds',
    help: "One POST to a receiver, until its answer, a refused connection or the timeout",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly pending = new Gauge({ name: 'webhook_deliveries_pending', help: 'Deliveries not yet settled (being tried or waiting for a retry)', registers: [this.registry] });
  readonly oldestPendingSeconds = new Gauge({ name: 'webhook_oldest_pending_seconds', help: 'Age of the oldest delivery not yet settled (0 when none)', registers: [this.registry] });
}
