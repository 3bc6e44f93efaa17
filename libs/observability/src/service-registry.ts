import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A service's own Prometheus registry, with the process metrics every service shares: CPU, resident
 * memory, heap, event-loop lag and GC pauses (`process_*`, `nodejs_*`). A registry per service
 * rather than the global one, so tests that run several services in one process keep them apart.
 */
export function serviceRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
