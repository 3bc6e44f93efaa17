import { serviceRegistry } from '@forensics/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5, 1, 2, 5];

/** What an operator watches: events applied, dead letters, gap fills and the consumer lag. */
export class ProjectionMetrics {
  readonly registry = serviceRegistry();
  readonly eventsApplied = new Counter({ name: 'projection_events_applied_total', help: 'Events folded into the read model', registers: [this.registry] });
  readonly redeliveries = new Counter({ name: 'projection_events_redelivered_total', help: 'Events ignored because the read model already had them', registers: [this.registry] });
  readonly deadLetters = new Counter({ name: 'projection_dead_letters_total', help: 'Messages sent to the dead-letter topic', labelNames: ['reason'], registers: [this.registry] });
  readonly gapFills = new Counter({ name: 'projection_gap_fill_events_total', help: 'Events read from the event store to fill a gap', registers: [this.registry] });
  readonly batches = new Counter({ name: 'projection_batches_total', help: 'Batches written in one transaction each', registers: [this.registry] });
  readonly lag = new Gauge({ name: 'projection_consumer_lag_messages', help: 'Messages on the topic not yet committed by the projection group', registers: [this.registry] });
  readonly fetchDelay = new Histogram({
    name: 'projection_fetch_delay_seconds',
    help: "From a batch's first message being produced to the projection starting to fold it",
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'projection_batch_seconds',
    help: 'Folding and committing one batch, from its start to the commit',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly eventsPerSecond = new Gauge({ name: 'projection_events_applied_per_second', help: 'Events applied per second over the last 10 s', registers: [this.registry] });
}
