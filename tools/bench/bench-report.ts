// Shared by the benchmarks: the machine they ran on, percentiles, and writing the figures.
import { execFileSync } from 'node:child_process';
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
