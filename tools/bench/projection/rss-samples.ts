// The projection's resident memory every 250 ms, labelled with the benchmark's phase.
import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB (VmRSS), or null once it has gone. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

export type RssSamples = Readonly<{
  setPhase: (phase: string) => void;
  /** The samples of a phase in MB, sorted. */
  of: (phase: string) => number[];
  latest: () => number;
  max: () => number;
  stop: () => void;
}>;

export function sampleRss(pid: number): RssSamples {
  const samples: { phase: string; mb: number }[] = [];
  let phase = 'startup';
  const timer = setInterval(() => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push({ phase, mb });
  }, 250);
  return {
    setPhase: (next) => (phase = next),
    of: (wanted) => samples.filter((s) => s.phase === wanted).map((s) => s.mb).sort((a, b) => a - b),
    latest: () => samples.at(-1)?.mb ?? 0,
    max: () => Math.max(...samples.map((s) => s.mb)),
    stop: () => clearInterval(timer),
  };
}
