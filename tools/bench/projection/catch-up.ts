// Watching the catch-up from outside the projection: the read model's folder versions, the
// projection's own counters, and PostgreSQL's count of the rows it wrote.
import type { Client } from 'pg';
import type { ProjectionProcess } from './projection-process';

/** Polls the read model until the folders' versions add up to every event on the topic; answers when. */
export async function waitForCatchUp(readModel: Client, events: number, since: number, projection: ProjectionProcess, memory: () => string): Promise<number> {
  let last = { at: since, applied: 0 };
  let moved = { at: since, applied: 0 };
  for (;;) {
    const applied = await readModel
      .query<{ applied: number }>('SELECT coalesce(sum(last_version), 0)::integer AS applied FROM folders')
      .then((r) => r.rows[0]?.applied ?? 0, () => 0);
    const now = performance.now();
    if (applied >= events) return now;
    if (now - last.at >= 2000) {
      const elapsedS = (now - since) / 1000;
      const rate = Math.round(((applied - last.applied) * 1000) / (now - last.at));
      console.log(`  ${String(Math.round(elapsedS)).padStart(3)} s: ${applied} / ${events} events applied, ${rate} events/s now, ${Math.round(applied / elapsedS)} on average, ${memory()}`);
      last = { at: now, applied };
    }
    if (applied > moved.applied) moved = { at: now, applied };
    const exited = projection.exited();
    if (exited !== null) throw new Error(`the projection exited (${exited}) at ${applied} / ${events}; it said:\n${projection.tail().slice(-4000)}`);
    if (now - moved.at > 60_000) throw new Error(`the projection applied nothing for 60 s (${applied} / ${events}); it said:\n${projection.tail().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Rows the projection inserted and updated in the four tables (PostgreSQL's table statistics): it
 * writes a folder once per batch that holds its events, so it may write more than the final rows.
 */
export async function rowWrites(readModel: Client): Promise<{ inserts: number; updates: number }> {
  // Statistics reach the shared counters within a second of the commit.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { rows } = await readModel.query<{ inserts: string; updates: string }>(
    'SELECT sum(n_tup_ins) AS inserts, sum(n_tup_upd) AS updates FROM pg_stat_user_tables WHERE schemaname = current_schema()',
  );
  return { inserts: Number(rows[0]?.inserts ?? 0), updates: Number(rows[0]?.updates ?? 0) };
}

/** The projection's own counters, from its Prometheus endpoint. */
export async function projectionCounters(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^projection_[a-z_]+ [0-9.e+-]+$/.test(line))
      .map((line) => [line.split(' ')[0] as string, Number(line.split(' ')[1])]),
  );
}
