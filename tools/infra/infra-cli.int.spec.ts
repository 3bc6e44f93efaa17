// `npm run infra:up` on this machine, where the infrastructure already runs (npm test started it):
// a second run is harmless, and a machine without Java, Maven or PostgreSQL gets a clear message.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const infra = path.join(root, 'tools', 'infra', 'infra.mjs');
const { JAVA_HOME: _javaHome, ...envWithoutJavaHome } = process.env;
const noTools = { ...envWithoutJavaHome, PATH: '/nonexistent' };
const unreachableDatabase = 'postgres://postgres@127.0.0.1:1/forensics';

const node = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 60_000 });

describe('infra:up', () => {
  it('run again while everything runs, it changes nothing and succeeds', () => {
    const run = node([infra, 'up']);
    expect(run.status).toBe(0);
    // Either this checkout's broker, or one another checkout started on the same port.
    expect(run.stdout).toMatch(/already running .* nothing to do|already answers on .*; using it/);
  });

  it('without Java or PostgreSQL, names each missing piece and how to install it, and fails', () => {
    const run = node([infra, 'up'], { ...noTools, DATABASE_URL: unreachableDatabase, TEST_DATABASE_URL: unreachableDatabase });
    expect(run.status).not.toBe(0);
    const message = run.stdout + run.stderr;
    expect(message).toMatch(/Java 17\+ is required .*\n.*apt-get install -y openjdk-17-jre-headless/);
    expect(message).toMatch(/PostgreSQL is not reachable at 127\.0\.0\.1:1/);
    expect(message).toMatch(/DATABASE_URL/);
  });

  it('without Maven, while Kafka is not cached yet, says to install Maven', () => {
    const script = `import('${infra}').then((m) => m.preflight({ needMaven: true })).catch((e) => { console.error(e.message); process.exit(3); });`;
    const run = node(['--input-type=module', '-e', script], noTools);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/Maven \(`mvn`\) is required .*\n.*apt-get install -y maven/);
  });
});
