import { createServer, type Server } from 'node:http';
import type { RunningProjection } from './create-projection';

/** `/metrics` in the Prometheus text format and `/health` (PostgreSQL, Kafka, lag) as JSON. */
export function startMetricsServer(projection: RunningProjection, port: number): Promise<Server> {
  const server = createServer(async (request, response) => {
    try {
      if (request.url === '/metrics') {
        await projection.lag().catch(() => undefined);
        response.writeHead(200, { 'content-type': projection.metrics.registry.contentType });
        response.end(await projection.metrics.registry.metrics());
        return;
      }
      if (request.url === '/health') {
        const health = await projection.health();
        const lag = await projection.lag().catch(() => null);
        const ok = health.postgres && health.kafka;
        response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...health, lag }));
        return;
      }
      response.writeHead(404).end();
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message }));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
