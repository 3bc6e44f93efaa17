// Given a service's metrics server on a free port, when Prometheus or an operator asks, then
// /metrics answers the registry with the process metrics and /health the service's own report.
import { createServer } from 'node:http';
import { Counter } from 'prom-client';
import { jsonLog } from './json-log';
import { startMetricsServer } from './metrics-server';
import { serviceRegistry } from './service-registry';

describe('metrics server', () => {
  const lines: string[] = [];
  const log = jsonLog('probe', (line) => lines.push(line));

  it('serves the registry with the default process metrics, refreshed before each scrape, and logs the port it bound', async () => {
    const registry = serviceRegistry();
    const scrapes = new Counter({ name: 'probe_scrapes_total', help: 'Scrapes seen', registers: [registry] });
    const server = await startMetricsServer({ registry, endpoint: { host: '127.0.0.1', port: 0 }, log, beforeScrape: async () => scrapes.inc() });
    try {
      const text = await (await fetch(`${server.url}/metrics`)).text();

      expect(text).toMatch(/^probe_scrapes_total 1$/m);
      for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_gc_duration_seconds']) expect(text).toContain(`# TYPE ${name}`);
      expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ service: 'probe', message: 'metrics listening', metrics_port: server.port });
      expect((await fetch(`${server.url}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers /health 503 with the details when the service says it is not well', async () => {
    const server = await startMetricsServer({ registry: serviceRegistry(), endpoint: { host: '127.0.0.1', port: 0 }, log, health: async () => ({ ok: false, postgres: false }) });
    try {
      const health = await fetch(`${server.url}/health`);

      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', postgres: false });
    } finally {
      await server.close();
    }
  });

  it('fails to start, naming the port, when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      await expect(startMetricsServer({ registry: serviceRegistry(), endpoint: { host: '127.0.0.1', port }, log })).rejects.toThrow(`metrics server cannot listen on 127.0.0.1:${port}`);
    } finally {
      taken.close();
    }
  });
});
