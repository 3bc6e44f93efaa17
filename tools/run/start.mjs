// `npm start`: the local infrastructure, then every service as its own process, with their JSON
// log lines prefixed by the service name. Ctrl-C stops them all. A service that dies is started
// again after a second, as a supervisor would (the relay's standby logic relies on that).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { up } from '../infra/infra.mjs';
import nodeArgs from './node-args.cjs';
import { build } from '../build/compile.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = ['ingest', 'relay', 'projection', 'analysis-worker'];

let stopping = false;
const children = new Map();

function start(name) {
  const child = spawn(process.execPath, [...nodeArgs.nodeArgsOf(name), path.join(root, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => chunk.toString().split('\n').filter(Boolean).forEach((line) => out.write(`${name.padEnd(8)} | ${line}\n`)));
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    console.error(`${name.padEnd(8)} | exited (${signal ?? code}); starting it again in 1 s`);
    setTimeout(() => start(name), 1000);
  });
  children.set(name, child);
}

try {
  await up();
  const { files, ms } = await build();
  console.log(`compiled ${files} files to dist/ in ${ms} ms`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
SERVICES.forEach(start);
console.log(`started: ${SERVICES.join(', ')} (Ctrl-C stops them)`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children.values()) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    const wait = setInterval(() => children.size === 0 && (clearInterval(wait), process.exit(0)), 100);
  });
}
