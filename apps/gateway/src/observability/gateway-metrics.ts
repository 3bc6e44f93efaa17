import { serviceRegistry } from '@forensics/observability';
import { Histogram } from 'prom-client';

/** What an operator watches of the API: each request's latency by method, route pattern and status. */
export class GatewayMetrics {
  readonly registry = serviceRegistry();
  readonly requestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests to the API, from arrival to the answer sent, by method, route pattern (never the raw URL) and status code',
    labelNames: ['method', 'route', 'status_code'],
    // Reads take milliseconds, uploads and a single request (which waits for its analyses) seconds.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
}
