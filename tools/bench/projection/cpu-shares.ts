// Where the 2 cores go during a phase: CPU seconds of the projection process, every PostgreSQL
// process, the Kafka broker, this benchmark process and everything else on the host, read from
// /proc (clock ticks of 1/100 s). A PostgreSQL backend that exits mid-phase takes its ticks along.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../bench-report';

const TICKS_PER_S = 100;

type Ticks = Readonly<{ projection: number; postgres: number; kafka: number; bench: number; busy: number }>;

/** Cores used on average over the phase, per process group; `other` is the rest of the host. */
export type CpuShares = Readonly<{ projection: number; postgres: number; kafka: number; bench: number; other: number; host: number }>;

const processTicks = (pid: number | string): number => {
  try {
    // Fields after the command (which may hold spaces) start at state; utime and stime are 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};

const kafkaPid = (): string | null => {
  try {
    return readFileSync(path.join(repoRoot, '.cache/kafka/kafka.pid'), 'utf8').trim();
  } catch {
    return null;
  }
};

const postgresTicks = (): number =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .reduce((sum, pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres') ? sum + processTicks(pid) : sum;
      } catch {
        return sum;
      }
    }, 0);

const hostBusyTicks = (): number => {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return values.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
};

function sample(projectionPid: number): Ticks {
  const kafka = kafkaPid();
  return {
    projection: processTicks(projectionPid),
    postgres: postgresTicks(),
    kafka: kafka ? processTicks(kafka) : 0,
    bench: processTicks(process.pid),
    busy: hostBusyTicks(),
  };
}

/** Starts measuring; the returned function ends the phase and answers the cores used. */
export function measureCpu(projectionPid: number): () => CpuShares {
  const start = sample(projectionPid);
  const startedAt = performance.now();
  return () => {
    const end = sample(projectionPid);
    const seconds = (performance.now() - startedAt) / 1000;
    const cores = (key: keyof Ticks) => Math.round(((end[key] - start[key]) / TICKS_PER_S / seconds) * 100) / 100;
    const host = cores('busy');
    const known = cores('projection') + cores('postgres') + cores('kafka') + cores('bench');
    return { projection: cores('projection'), postgres: cores('postgres'), kafka: cores('kafka'), bench: cores('bench'), other: Math.max(0, Math.round((host - known) * 100) / 100), host };
  };
}
