import type { Log } from '@forensics/observability';
import type { DeliveriesRepository } from '@forensics/webhooks';

const HOUR_MS = 3_600_000;
const FIRST_RUN_MS = 60_000;

/**
 * Once an hour (the first a minute after start), deletes the settled deliveries older than the
 * retention, in slices, so the webhook tables do not grow for ever. The folder's events, which
 * say what happened, are not touched. Several dispatchers may prune at once: a row goes once.
 */
export function startPruning(deliveries: DeliveriesRepository, retentionDays: number, log: Log): { stop: () => void } {
  const retentionMs = retentionDays * 24 * HOUR_MS;
  const prune = async () => {
    let pruned = 0;
    for (let slice = await deliveries.prune(retentionMs); slice > 0; slice = await deliveries.prune(retentionMs)) pruned += slice;
    if (pruned > 0) log({ level: 'info', message: 'pruned settled webhook deliveries', deliveries: pruned, retention_days: retentionDays });
  };
  const run = () => void prune().catch((error: unknown) => log({ level: 'warn', message: 'pruning webhook deliveries failed', error: (error as Error).message }));
  const first = setTimeout(run, FIRST_RUN_MS);
  const every = setInterval(run, HOUR_MS);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
