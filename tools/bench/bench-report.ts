// Shared by the benchmarks: the machine they ran on, percentiles, and writing the figures.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** One line that says what the figures were measured on. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const pg = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim().replace(/^psql \(PostgreSQL\) /, 'PostgreSQL ');
  return `${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${pg}`;
}

/**
 * How fast this host runs Node today, for comparing runs of different days: the shared VM's speed
 * varies (the same analysis took 37 ms one day and 165 ms another). A fixed single-threaded
 * workload like the services' own (JSON of event envelopes, SHA-256 of media), best of three,
 * timed before the benchmark starts its load. Lower is faster.
 */
export function hostCalibrationMs(): number {
  const envelope = { event_id: 'b938ac06-a62c-408c-af1d-4b6f3770e978', stream_id: 'd93e9bf7-5a87-4b7f-8d4e-8c8b1303c4aa', stream_version: 7, type: 'AnalysisFinished', schema_version: 1, recorded_at: '2026-11-22T12:25:48.621Z', data: { analysis_id: 'a1', outcome: { status: 'FINISHED', resolution_status: 'SUCCESS', results_data: { confidence_spoofing: 0.0123, scores: [0.1, 0.2, 0.3] }, results_media: [{ source_media_id: 'm1', results_data: { confidence_spoofing: 0.0123 } }] } }, metadata: { correlation_id: 'timeline-1', actor: { user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' } } };
  const media = Buffer.alloc(8 * 2 ** 20, 7);
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run += 1) {
    const started = process.hrtime.bigint();
    for (let n = 0; n < 20_000; n += 1) JSON.parse(JSON.stringify({ ...envelope, stream_version: n }));
    createHash('sha256').update(media).digest('hex');
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return round(best);
}

/** The value below which `p` percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export function writeBenchmark(name: string, markdown: string, figures: Record<string, unknown>): void {
  const dir = path.join(repoRoot, 'docs', 'benchmarks');
  writeFileSync(path.join(dir, `${name}.md`), markdown);
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nwritten to docs/benchmarks/${name}.md and docs/benchmarks/${name}.json`);
}

/** Notes below this marker in a benchmark's markdown are written by hand and kept when the benchmark rewrites the file. */
export const NOTES_MARKER = '<!-- Notes below this line are written by hand and kept when the benchmark rewrites this file. -->';

/** The hand-written notes of `docs/benchmarks/<name>.md`, marker included, to append to a new report. */
export function keptNotes(name: string): string {
  const file = path.join(repoRoot, 'docs', 'benchmarks', `${name}.md`);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = current.indexOf(NOTES_MARKER);
  return at < 0 ? `${NOTES_MARKER}\n` : current.slice(at);
}

/**
 * How long the local Kafka broker (tools/infra) had been running, in seconds; null when that
 * cannot be told (no pid file, not Linux). A broker's JIT compiles for its first minutes, and a
 * run on a broker started just before is slower than one on a broker that has been up a while.
 */
export function brokerUptimeS(): number | null {
  try {
    const pid = readFileSync(path.join(__dirname, '..', '..', '.cache', 'kafka', 'kafka.pid'), 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    // Clock ticks are 100 a second on Linux (USER_HZ).
    return Number.isFinite(startTicks) && Number.isFinite(uptimeS) ? Math.round(uptimeS - startTicks / 100) : null;
  } catch {
    return null;
  }
}
