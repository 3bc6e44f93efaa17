// `npm start`: the local infrastructure, then every service as its own process, with their JSON
// log lines prefixed by the service name. Ctrl-C stops them all. A service that dies is started
// again after a second, as a supervisor would (the relay's standby logic relies on that).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { up } from '../infra/infra.mjs';
import nodeArgs from './node-args.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// A fresh clone has no node_modules, and a pull may change package-lock.json: install first, as
// `npm test` does. The build below needs the compiler from node_modules, so it is imported after.
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(path.join(root, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing dependencies (npm ci)...');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const { build } = await import('../build/compile.cjs');
const SERVICES = ['ingest', 'relay', 'projection', 'analysis-worker', 'webhook-dispatcher', 'gateway'];

let stopping = false;
const children = new Map();

function start(name) {
  const child = spawn(process.execPath, [...nodeArgs.nodeArgsOf(name), path.join(root, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => chunk.toString().split('\n').filter(Boolean).forEach((line) => out.write(`${name.padEnd(18)} | ${line}\n`)));
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    console.error(`${name.padEnd(18)} | exited (${signal ?? code}); starting it again in 1 s`);
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

// The gateway answers /ready once PostgreSQL, the read models and Kafka answer: then say where it is.
const gateway = `http://${process.env.GATEWAY_HOST ?? '127.0.0.1'}:${process.env.GATEWAY_PORT ?? '8080'}`;
const readySince = Date.now();
const ready = setInterval(async () => {
  const ok = await fetch(`${gateway}/ready`).then((r) => r.ok, () => false);
  if (!ok && Date.now() - readySince < 120_000) return;
  clearInterval(ready);
  if (!ok) return console.error(`the gateway did not become ready at ${gateway} within 2 minutes; see its log lines above`);
  console.log(
    [
      '',
      `The API is ready at ${gateway}/api/ (OpenAPI: ${gateway}/api/docs)`,
      `First admin: ${process.env.ADMIN_EMAIL ?? 'admin@forensics.local'} / ${process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : 'change-me-now'}`,
      `  curl -s -X POST ${gateway}/api/authorize/auth/ -H 'content-type: application/json' \\`,
      `    -d '{"credentials":{"email":"${process.env.ADMIN_EMAIL ?? 'admin@forensics.local'}","password":"..."}}'`,
      '',
    ].join('\n'),
  );
}, 500);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children.values()) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    const wait = setInterval(() => children.size === 0 && (clearInterval(wait), process.exit(0)), 100);
  });
}
