import { serviceRegistry } from '@forensics/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** What an operator watches of the workers: analyses done by type and outcome, their duration, and the pace. */
export class WorkerMetrics {
  readonly registry = serviceRegistry();
  readonly analyses = new Counter({
    name: 'analyses_total',
    help: 'Analyses recorded, by type and outcome (the resolution SUCCESS, DECLINED or OPERATOR_REQUIRED, or FAILED)',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'analysis_duration_seconds',
    help: 'One analysis, from reading its media to its outcome recorded, by type',
    labelNames: ['type'],
    // Models take 0.1 s (a photo) to several seconds (a selfie video on a busy core).
    buckets: [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 20],
    registers: [this.registry],
  });
  readonly historiesRead = new Counter({
    name: 'analysis_group_histories_total',
    help: "Submitted groups by where their folder's history came from: consumed from the topic whole, or read from the event store",
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly perMinute = new Gauge({ name: 'analyses_per_minute', help: 'Analyses recorded by this process over the last 60 s', registers: [this.registry] });
  readonly running = new Gauge({ name: 'analyses_running', help: 'Analyses running in this process right now', registers: [this.registry] });
}
