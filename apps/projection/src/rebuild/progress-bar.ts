import type { RebuildProgress } from './rebuild-progress';

const WIDTH = 30;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.ceil(seconds);
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const [h, m, sec] = hms.map((part) => String(part).padStart(2, '0'));
  return hms[0] ? `${h}:${m}:${sec}` : `${m}:${sec}`;
}

/** One line: `replay [#########---------]  30%  3,000/10,000 events  2,500 ev/s  ETA 00:03`. */
export function renderProgressBar(p: RebuildProgress): string {
  const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `${p.phase.padEnd(6)} ${bar} ${percent}  ${count(p.done)}/${count(p.total)} events  ${count(p.eventsPerSecond)} ev/s  ETA ${duration(p.etaSeconds)}`;
}

/**
 * Draws the bar on a terminal in place, at most every 100 ms; elsewhere (a CI log) writes a line
 * every 5 s, so the log shows progress without a line per page. A new phase always shows.
 */
export function progressPrinter(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>, now: () => number = Date.now) {
  const interval = stream.isTTY ? 100 : 5_000;
  let shownAt = -Infinity;
  let phase: string | null = null;
  return (p: RebuildProgress): void => {
    const newPhase = p.phase !== phase;
    if (!newPhase && now() - shownAt < interval) return;
    if (stream.isTTY) stream.write(`${newPhase && phase !== null ? '\n' : '\r'}${renderProgressBar(p)}\x1b[K`);
    else stream.write(`${renderProgressBar(p)}\n`);
    shownAt = now();
    phase = p.phase;
  };
}
