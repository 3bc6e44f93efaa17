import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

export type ServiceProcess = Readonly<{
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hook runs, like a crash or an OOM kill. */
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
}>;

/** Runs a service's `main.ts` as a real process, compiled on the fly by @swc-node/register. */
export function startService(mainFile: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, mainFile)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { child, output: () => output, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
