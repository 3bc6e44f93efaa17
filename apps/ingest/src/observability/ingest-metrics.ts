import { serviceRegistry } from '@forensics/observability';
import { Counter, Histogram } from 'prom-client';

/** What an operator watches of ingest: the events it appends, and each command's time and outcome. */
export class IngestMetrics {
  readonly registry = serviceRegistry();
  readonly eventsAppended = new Counter({ name: 'ingest_events_appended_total', help: 'Events appended to the event store, by type', labelNames: ['type'], registers: [this.registry] });
  readonly commandSeconds = new Histogram({
    name: 'ingest_command_duration_seconds',
    help: 'Handling one command, from its arrival to the answer; outcome: accepted, duplicate, refused (the caller’s error) or failed',
    labelNames: ['command', 'outcome'],
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2],
    registers: [this.registry],
  });
}
