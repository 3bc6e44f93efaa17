import { serviceRegistry } from '@forensics/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** What an operator watches of the relay: events out, how long a batch takes to be acknowledged, and how far behind it is. */
export class RelayMetrics {
  readonly registry = serviceRegistry();
  readonly published = new Counter({ name: 'relay_events_published_total', help: 'Events published to Kafka and acknowledged', registers: [this.registry] });
  readonly batchSeconds = new Histogram({
    name: 'relay_publish_batch_seconds',
    help: 'Publishing one batch read from the event store, from the first send to the last acknowledgement',
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  readonly lagEvents = new Gauge({ name: 'relay_lag_events', help: 'Events committed in the event store and not yet published (0 on a standby)', registers: [this.registry] });
  readonly lagSeconds = new Gauge({ name: 'relay_lag_seconds', help: 'Age of the oldest committed event not yet published (0 when none, and on a standby)', registers: [this.registry] });
  readonly leading = new Gauge({ name: 'relay_leading', help: '1 while this instance holds the lead and publishes, 0 on a standby', registers: [this.registry] });
}
