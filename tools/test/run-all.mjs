// `npm test`: everything a fresh clone needs, then every tier. Only Node built-ins at the top,
// because on a fresh machine node_modules does not exist yet.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Nx's daemon and cloud are for developer machines; a test run needs neither.
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' };

function step(title, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json')) || process.env.CI === 'true') {
  step('Install dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
} else {
  // node_modules is there, so npm ci is skipped: still refuse a lock file a fresh clone's npm ci
  // would refuse (a new workspace or dependency not in package-lock.json). About a second.
  step('Check the lock file matches package.json (npm ci --dry-run)', 'npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund']);
}
step('Type-check (tsc, strict)', bin('tsc'), ['-p', 'tsconfig.json']);
step('Build the Nx project graph for the boundary rules', bin('nx'), ['show', 'projects']);
step('Lint (architecture boundaries, domain purity)', bin('eslint'), ['.', '--max-warnings', '0']);

console.log('\n▶ Start the local infrastructure (Kafka, PostgreSQL databases)');
const { up } = await import('../infra/infra.mjs');
try {
  await up();
} catch (error) {
  console.error(`✖ ${error.message}`);
  process.exit(1);
}

ensureComposeClient();

const resultsFile = path.join(root, '.cache', 'jest-results.json');
mkdirSync(path.dirname(resultsFile), { recursive: true });
step('Tests: unit, int and e2e tiers', bin('jest'), ['--ci', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)]);
printTierCounts(JSON.parse(readFileSync(resultsFile, 'utf8')));
if (process.argv.length <= 2) step('Mutation check: the out-of-order-commit tests need the relay guard', 'node', ['tools/mutation/relay-guard.mjs']);

/** Jest prints one total; the tiers are told apart by file name (CONVENTIONS.md). */
function printTierCounts(results) {
  const tiers = { unit: [0, 0], int: [0, 0], e2e: [0, 0] };
  for (const file of results.testResults) {
    const tier = file.name.match(/\.(unit|int|e2e)\.spec\.ts$/)?.[1];
    if (!tier) continue;
    for (const test of file.assertionResults) {
      if (test.status === 'passed') tiers[tier][0] += 1;
      else if (test.status === 'failed') tiers[tier][1] += 1;
    }
  }
  console.log('\nTests by tier (passed / failed):');
  for (const [tier, [passed, failed]] of Object.entries(tiers)) console.log(`  ${tier.padEnd(5)} ${passed} / ${failed}`);
}

/**
 * The docker-compose.yml test validates the file with a Compose client (no Docker engine needed).
 * Debian's docker-compose is installed when neither client is there and apt-get can run; if that
 * is not possible the test says it skipped, loudly.
 */
function ensureComposeClient() {
  const works = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  if (works('docker', ['compose', 'version']) || works('docker-compose', ['version'])) return;
  if (process.getuid?.() !== 0 || !works('apt-get', ['--version'])) {
    console.log('\n! No Docker Compose client and no way to install one: the compose-file test will skip its checks');
    return;
  }
  const started = Date.now();
  console.log('\n▶ Install a Docker Compose client for the compose-file test (apt-get install docker-compose)');
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'docker-compose'], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (!install()) console.log('! apt-get could not install docker-compose: the compose-file test will skip its checks');
  }
  console.log(`✔ Docker Compose client (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
