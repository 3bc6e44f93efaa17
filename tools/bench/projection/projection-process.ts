// The projection as production runs it: its own process (apps/projection/src/main.ts), configured
// through the environment, so its resident memory is its own and not the benchmark's.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { serviceNodeArgs } from '@forensics/testing';
import { repoRoot } from '../bench-report';

export type ProjectionProcess = Readonly<{
  pid: number;
  /** Resolves with the time (ms, performance.now) the projection logged that it consumes. */
  consuming: Promise<number>;
  /** The last lines it wrote, for error messages. */
  tail: () => string;
  /** Lines it logged with this message, e.g. gap fills. */
  logged: (message: string) => number;
  /** Set once the process has exited, with its code or signal. */
  exited: () => string | null;
  /** Its last `process.memoryUsage()` in MB, as the memory preload reports it. */
  memory: () => Record<string, number> | null;
  stop: () => Promise<void>;
}>;

const MEMORY_PRELOAD = path.join(__dirname, 'memory-usage.preload.cjs');
const PROFILE_PRELOAD = path.join(__dirname, 'cpu-profile.preload.cjs');

/**
 * Starts the projection's compiled JavaScript (built first), as `npm start` and `startService` do. `profileDir`: with --cpu-prof,
 * the profile is written there when the process stops.
 */
export function startProjectionProcess(env: NodeJS.ProcessEnv, profileDir: string | null = null): ProjectionProcess {
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=500'] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...profiling,
      ...serviceNodeArgs('projection'),
      ...[MEMORY_PRELOAD, ...(profileDir ? [PROFILE_PRELOAD] : [])].flatMap((f) => ['-r', f]),
      path.join(repoRoot, 'dist/apps/projection/src/main.js'),
    ],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid === undefined) throw new Error('the projection process did not start');
  const lines: string[] = [];
  const counts = new Map<string, number>();
  let memory: Record<string, number> | null = null;
  let markConsuming: (at: number) => void = () => undefined;
  let failStart: (error: Error) => void = () => undefined;
  const consuming = new Promise<number>((resolve, reject) => {
    markConsuming = resolve;
    failStart = reject;
  });
  const onLine = (line: string) => {
    const message = /"message":"([^"]*)"/.exec(line)?.[1];
    if (message === 'bench memory') {
      memory = JSON.parse(line) as Record<string, number>;
      return;
    }
    lines.push(line);
    if (lines.length > 40) lines.shift();
    if (message) counts.set(message, (counts.get(message) ?? 0) + 1);
    if (message === 'projection consuming') markConsuming(performance.now());
  };
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      parts.forEach(onLine);
    });
  }
  let exitedWith: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedWith = String(code ?? signal);
      failStart(new Error(`the projection exited (${code ?? signal}) before consuming:\n${lines.join('\n')}`));
      resolve();
    }),
  );
  return {
    pid: child.pid,
    consuming,
    tail: () => lines.join('\n'),
    logged: (message) => counts.get(message) ?? 0,
    memory: () => memory,
    exited: () => exitedWith,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Now on the clock V8 stamps profile samples with (the host's monotonic clock, in µs). */
export const profileClockUs = (): number => Number(process.hrtime.bigint() / 1000n);
