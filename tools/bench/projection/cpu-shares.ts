// Where the 2 cores go during a phase: CPU seconds of the projection process, every PostgreSQL
// process, the Kafka broker, this benchmark process and everything else on the host, read from
// /proc (clock ticks of 1/100 s). A PostgreSQL backend that exits mid-phase takes its ticks along.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../bench-report';

const TICKS_PER_S = 100;

type Ticks = Readonly<{ projection: number; postgres: number; kafka: number; bench: number; busy: number; processes: Map<string, { name: string; ticks: number }> }>;

/**
 * Cores used on average over the phase, per process group; `other` is the rest of the host
 * (other processes, and kernel work such as writing pages back), `busiest_other` names the
 * processes that used most of it.
 */
export type CpuShares = Readonly<{ projection: number; postgres: number; kafka: number; bench: number; other: number; host: number; busiest_other: string }>;

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

/** CPU ticks of every process by pid, with its command name. */
const allProcesses = (): Map<string, { name: string; ticks: number }> => {
  const processes = new Map<string, { name: string; ticks: number }>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      processes.set(pid, { name: readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), ticks: processTicks(pid) });
    } catch {
      // gone meanwhile
    }
  }
  return processes;
};

const hostBusyTicks = (): number => {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return values.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
};

function sample(projectionPid: number): Ticks {
  const kafka = kafkaPid();
  const processes = allProcesses();
  return {
    projection: processTicks(projectionPid),
    postgres: [...processes.values()].filter((p) => p.name.startsWith('postgres')).reduce((sum, p) => sum + p.ticks, 0),
    kafka: kafka ? processTicks(kafka) : 0,
    bench: processTicks(process.pid),
    busy: hostBusyTicks(),
    processes,
  };
}

function busiestOther(start: Ticks, end: Ticks, known: readonly string[], seconds: number): string {
  return [...end.processes.entries()]
    .filter(([pid, p]) => !known.includes(pid) && !p.name.startsWith('postgres'))
    .map(([pid, p]) => ({ name: p.name, cores: (p.ticks - (start.processes.get(pid)?.ticks ?? 0)) / TICKS_PER_S / seconds }))
    .filter((p) => p.cores >= 0.01)
    .sort((a, b) => b.cores - a.cores)
    .slice(0, 3)
    .map((p) => `${p.name} ${p.cores.toFixed(2)}`)
    .join(', ');
}

/** Starts measuring; the returned function ends the phase and answers the cores used. */
export function measureCpu(projectionPid: number): () => CpuShares {
  const start = sample(projectionPid);
  const startedAt = performance.now();
  return () => {
    const end = sample(projectionPid);
    const seconds = (performance.now() - startedAt) / 1000;
    const cores = (key: Exclude<keyof Ticks, 'processes'>) => Math.round(((end[key] - start[key]) / TICKS_PER_S / seconds) * 100) / 100;
    const host = cores('busy');
    const known = cores('projection') + cores('postgres') + cores('kafka') + cores('bench');
    const busiest = busiestOther(start, end, [String(projectionPid), String(process.pid), kafkaPid() ?? ''], seconds);
    return { projection: cores('projection'), postgres: cores('postgres'), kafka: cores('kafka'), bench: cores('bench'), other: Math.max(0, Math.round((host - known) * 100) / 100), host, busiest_other: busiest || 'none' };
  };
}
