// Where the live lag goes, from the projection's own histograms (apps/projection's metrics): the
// wait from a message being produced until its batch is folded (fetching), and the fold and commit
// of the batch. Buckets are cumulative counts, so the live phase is the difference of two scrapes.

const HISTOGRAMS = { fetch: 'projection_fetch_delay_seconds', batch: 'projection_batch_seconds' } as const;

type Buckets = Map<number, number>;
export type HistogramSnapshot = Readonly<Record<keyof typeof HISTOGRAMS, Buckets>>;

export async function scrapeHistograms(port: number): Promise<HistogramSnapshot> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const read = (name: string): Buckets => {
    const buckets: Buckets = new Map();
    for (const match of text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} ([0-9.e+-]+)$`, 'gm'))) {
      buckets.set(match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2]));
    }
    return buckets;
  };
  return { fetch: read(HISTOGRAMS.fetch), batch: read(HISTOGRAMS.batch) };
}

/** The upper bound (ms) of the bucket that holds the given percentile of what was observed between two scrapes. */
function percentileBound(before: Buckets, after: Buckets, p: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const count = (bound: number) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0);
  const total = count(Infinity);
  if (total === 0) return Number.NaN;
  const bound = bounds.find((b) => count(b) >= (total * p) / 100) ?? Infinity;
  return bound * 1000;
}

/** `{ fetch_p50_ms, fetch_p99_ms, batch_p50_ms, batch_p99_ms, batches }`: bucket upper bounds, so "at most". */
export function stageLatency(before: HistogramSnapshot, after: HistogramSnapshot): Record<string, number> {
  return {
    fetch_p50_ms: percentileBound(before.fetch, after.fetch, 50),
    fetch_p99_ms: percentileBound(before.fetch, after.fetch, 99),
    batch_p50_ms: percentileBound(before.batch, after.batch, 50),
    batch_p99_ms: percentileBound(before.batch, after.batch, 99),
    batches: (after.batch.get(Infinity) ?? 0) - (before.batch.get(Infinity) ?? 0),
  };
}
