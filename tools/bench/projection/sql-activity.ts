// A sampling profiler of the projection's time inside PostgreSQL: every 50 ms, what each of its
// connections is doing (pg_stat_activity). The share of samples per statement kind, times the
// connections, is how many of the projection's connections are busy in that statement on average.
import { Client } from 'pg';

const KINDS: readonly (readonly [string, RegExp])[] = [
  ['upsert (batched write)', /WITH input AS/],
  ['load (stored rows)', /FROM (folders|media|analyses|analysis_groups) WHERE folder_id = ANY/],
  ['notify', /pg_notify/],
  ['advisory lock', /pg_advisory_xact_lock_shared/],
  ['gap fill read', /FROM events WHERE stream_id/],
  ['begin/commit', /^(START TRANSACTION|BEGIN|COMMIT)/i],
];

export type SqlActivity = Readonly<{ samples: number; busyConnections: Record<string, number> }>;

/** Samples until the returned function is called; answers the mean busy connections per kind. */
export async function sampleSqlActivity(databaseUrl: string, applicationNames: readonly string[]): Promise<() => Promise<SqlActivity>> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-sql-sampler' });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string | null; query: string; wait: string | null }>(
        `SELECT state, query, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity WHERE application_name = ANY($1::text[])`,
        [[...applicationNames]],
      );
      samples += 1;
      for (const row of rows) {
        const kind = row.state === 'active' ? (KINDS.find(([, pattern]) => pattern.test(row.query.trim()))?.[0] ?? 'other') : row.state === 'idle in transaction' ? 'idle in transaction (client busy)' : null;
        if (kind === null) continue;
        const label = row.state === 'active' && row.wait && !row.wait.startsWith('Client') ? `${kind}, waiting ${row.wait}` : kind;
        counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await client.end();
    const busyConnections = Object.fromEntries(
      [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([kind, n]) => [kind, Math.round((n / Math.max(1, samples)) * 100) / 100]),
    );
    return { samples, busyConnections };
  };
}
