import type { EnvSettings } from '@forensics/config';

/** Where a service serves `/metrics` and `/health`. Port 0 takes any free port (tests, several workers on a host). */
export type MetricsEndpoint = Readonly<{ host: string; port: number }>;

/**
 * The metrics endpoint's settings: `METRICS_HOST` (shared; 127.0.0.1 by default, so a bare-metal
 * host exposes nothing; containers set 0.0.0.0 for Prometheus to scrape) and the service's port.
 */
export function metricsEndpoint(settings: EnvSettings, portKey: string, defaultPort: number): MetricsEndpoint {
  return { host: settings.text('METRICS_HOST', '127.0.0.1', undefined, 'a host'), port: settings.port(portKey, defaultPort) };
}
