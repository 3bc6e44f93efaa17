import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

/** The Node flags an app asks for in its package.json, as `npm start` passes them (tools/run/node-args.cjs). */
export const serviceNodeArgs = (app: string): string[] =>
  (createRequire(__filename)(path.join(root, 'tools/run/node-args.cjs')) as { nodeArgsOf: (app: string) => string[] }).nodeArgsOf(app);

export type ServiceProcess = Readonly<{
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hook runs, like a crash or an OOM kill. */
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
}>;

/**
 * Runs a service's `main.ts` (apps/<app>/src/main.ts) as a real process, as production runs it:
 * its JavaScript in dist/ (Jest's global set-up builds it) with the Node flags the app asks for.
 */
export function startService(mainFile: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const app = /^apps\/([^/]+)\//.exec(mainFile)?.[1];
  const compiled = path.join(root, 'dist', mainFile.replace(/\.ts$/, '.js'));
  if (!existsSync(compiled)) throw new Error(`${compiled} does not exist: run \`npm run build\` (Jest's global set-up does)`);
  const child = spawn(process.execPath, [...(app ? serviceNodeArgs(app) : []), compiled], {
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
