import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Log } from './json-log';
import type { MetricsEndpoint } from './metrics-endpoint';

/** What `/health` reports: `ok` sets the status (200 or 503), the rest is shown as it is. */
export type HealthReport = Readonly<{ ok: boolean } & Record<string, unknown>>;

export type MetricsServerOptions = Readonly<{
  registry: Registry;
  endpoint: MetricsEndpoint;
  log: Log;
  /** Refreshes gauges that are read on demand (a consumer lag, a count in the database). */
  beforeScrape?: () => Promise<unknown>;
  health?: () => Promise<HealthReport>;
}>;

export type MetricsServer = Readonly<{ port: number; url: string; close: () => Promise<void> }>;

/**
 * `/metrics` in the Prometheus text format and `/health` as JSON, on a port of its own: never on a
 * public API port. Logs the port it bound (port 0 picks a free one), and fails when it cannot bind.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    answer(request.url ?? '', options).then(
      ({ status, type, body }) => response.writeHead(status, { 'content-type': type }).end(body),
      (error: unknown) => response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message })),
    );
  });
  await listen(server, options.endpoint);
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.endpoint.host === '0.0.0.0' ? '127.0.0.1' : options.endpoint.host}:${port}`;
  options.log({ level: 'info', message: 'metrics listening', host: options.endpoint.host, metrics_port: port, url: `${url}/metrics` });
  return { port, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function answer(path: string, options: MetricsServerOptions): Promise<{ status: number; type: string; body: string }> {
  if (path === '/metrics') {
    // A failed refresh leaves the gauge at its last value; the scrape still answers.
    await options.beforeScrape?.().catch(() => undefined);
    return { status: 200, type: options.registry.contentType, body: await options.registry.metrics() };
  }
  if (path === '/health') {
    const { ok, ...details } = (await options.health?.()) ?? { ok: true };
    return { status: ok ? 200 : 503, type: 'application/json', body: JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...details }) };
  }
  return { status: 404, type: 'text/plain', body: 'not found: /metrics or /health\n' };
}

function listen(server: Server, { host, port }: MetricsEndpoint): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`metrics server cannot listen on ${host}:${port}: ${error.message}`)));
    server.listen(port, host, () => resolve());
  });
}
