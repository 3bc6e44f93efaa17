// `npm run bench:infra [-- --cold]`: how long `infra:up` takes to give a ready Kafka.
//   cached:  Kafka stopped, jars and data in .cache/kafka: the everyday case;
//   running: Kafka already up: `infra:up` must be a harmless no-op;
//   cold (with --cold): .cache/kafka removed and an empty Maven repository, as on a fresh machine.
// Writes docs/benchmarks/infra-startup.md with the machine it ran on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const infra = path.join(root, 'tools', 'infra', 'infra.mjs');
const ROUNDS = 3;

function timed(command, env = process.env) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [infra, command], { cwd: root, env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`infra ${command} failed:\n${run.stdout}\n${run.stderr}`);
  return seconds;
}

function series(label, prepare, env) {
  const times = [];
  for (let round = 1; round <= ROUNDS; round++) {
    prepare();
    times.push(timed('up', env));
    console.log(`  ${label} ${round}/${ROUNDS}: ${times.at(-1).toFixed(2)} s`);
  }
  return times;
}

const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
};

const rows = [];
if (process.argv.includes('--cold')) {
  console.log('cold start: removing .cache/kafka, empty Maven repository');
  timed('down');
  rmSync(path.join(root, '.cache', 'kafka'), { recursive: true, force: true });
  const m2 = mkdtempSync(path.join(os.tmpdir(), 'bench-m2-'));
  const seconds = timed('up', { ...process.env, MAVEN_OPTS: `-Dmaven.repo.local=${m2}` });
  rmSync(m2, { recursive: true, force: true });
  console.log(`  cold: ${seconds.toFixed(2)} s`);
  rows.push(['cold: no .cache/kafka, empty Maven repository (download + format + start)', { min: seconds, median: seconds, max: seconds }, 1]);
}
console.log('cached start: Kafka stopped, jars and data cached');
rows.push(['cached: Kafka stopped, jars and data in .cache/kafka', stats(series('cached', () => timed('down'))), ROUNDS]);
console.log('already running');
rows.push(['already running: a second `infra:up`', stats(series('running', () => {})), ROUNDS]);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0];
const fmt = (s) => `${s.toFixed(2)} s`;
const report = [
  '# `npm run infra:up`: time to a ready Kafka',
  '',
  `Measured ${new Date().toISOString()} by \`npm run bench:infra${rows.length > 2 ? ' -- --cold' : ''}\` (tools/bench/infra-startup.mjs).`,
  '"Ready" means the broker answers a Kafka metadata request, not only an open port.',
  '',
  `Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${java}.`,
  '',
  '| case | runs | min | median | max |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(([label, s, n]) => `| ${label} | ${n} | ${fmt(s.min)} | ${fmt(s.median)} | ${fmt(s.max)} |`),
  '',
].join('\n');
const out = path.join(root, 'docs', 'benchmarks', 'infra-startup.md');
writeFileSync(out, report);
console.log(`\n${report}\nwritten to ${path.relative(root, out)}`);
