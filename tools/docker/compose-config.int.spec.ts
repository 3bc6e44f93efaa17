// docker-compose.yml and the Dockerfile, checked without a Docker engine (none runs on the project's
// machines; decision 0010). A Compose implementation resolves the file (`docker compose config`,
// or Debian's docker-compose 1.x when the v2 plugin is missing), and the result must describe the
// system that `npm start` runs: the same services, commands that point at the compiled entry points
// with the node flags each app asks for, the variables the code reads, the shared blob volume, the
// health checks and the start order. The image's contents are checked from the other side: every
// package that the compiled services require must be a production dependency, since the runtime
// stage installs only those.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DRAIN_TIMEOUT_MS } from '@forensics/messaging';

const root = path.resolve(__dirname, '..', '..');
const { nodeArgsOf } = require('../run/node-args.cjs') as { nodeArgsOf: (app: string) => string[] };
const { build } = require('../build/compile.cjs') as { build: () => Promise<{ files: number; ms: number }> };

type Healthcheck = { test?: string[] | string; disable?: boolean };
type Service = {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | null>;
  ports?: { target: number; published?: string | number }[];
  expose?: (string | number)[];
  volumes?: { type?: string; source: string; target: string }[] | string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  stop_grace_period?: string;
  init?: boolean;
  restart?: string;
};
type ComposeConfig = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const SENTINEL_DB_PASSWORD = 'db-password-from-the-environment';
const SENTINEL_ADMIN_PASSWORD = 'admin-password-from-the-environment';
const APPS = readdirSync(path.join(root, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'apps', entry.name, 'package.json')))
  .map((entry) => entry.name)
  .sort();

/** How to run `config` here: the v2 plugin (JSON out), Debian's docker-compose 1.x (YAML out), or nothing. */
type Compose = { name: string; run: (env: NodeJS.ProcessEnv) => { status: number | null; out: string; err: string } };
const scratch = mkdtempSync(path.join(tmpdir(), 'compose-config-'));

function findCompose(): Compose | null {
  const spawn = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, input?: string) =>
    spawnSync(cmd, args, { cwd: root, env, input, encoding: 'utf8', timeout: 60_000 });
  const emptyEnvFile = path.join(scratch, 'empty.env');
  writeFileSync(emptyEnvFile, '');
  // A developer's own .env must not change what is checked: an empty env file stands in for it.
  const args = ['-f', 'docker-compose.yml', '--env-file', emptyEnvFile];
  if (spawn('docker', ['compose', 'version']).status === 0) {
    return {
      name: 'docker compose (v2)',
      run: (env) => {
        const r = spawn('docker', ['compose', ...args, 'config', '--format', 'json'], env);
        return { status: r.status, out: r.stdout, err: r.stderr };
      },
    };
  }
  const v1 = spawn('sh', ['-c', 'command -v docker-compose']).stdout.trim();
  if (v1 && spawn(v1, ['version']).status === 0) {
    // docker-compose 1.x prints YAML only. Its own interpreter (the script's #! line) has PyYAML,
    // which docker-compose itself imports: it turns the YAML into JSON.
    const shebang = readFileSync(v1, 'utf8').split('\n')[0] ?? '';
    const python = shebang.startsWith('#!') ? shebang.slice(2).trim().split(/\s+/) : ['python3'];
    return {
      name: `docker-compose 1.x (${v1})`,
      run: (env) => {
        const r = spawn(v1, [...args, 'config'], env);
        if (r.status !== 0) return { status: r.status, out: r.stdout, err: r.stderr };
        const json = spawn(python[0] as string, [...python.slice(1), '-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], process.env, r.stdout);
        return { status: json.status, out: json.stdout, err: json.stderr };
      },
    };
  }
  return null;
}

// Jest's global set-up builds dist/. Build here only when dist/ is missing altogether (a run of this
// file alone without the set-up): rebuilding removes dist/ first, under any service running from it.
async function ensureDist(): Promise<void> {
  if (!existsSync(path.join(root, 'dist', 'apps'))) await build();
}

const composeEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'], HOME: process.env['HOME'] ?? tmpdir(), ...extra });
const commandOf = (service: Service) => (Array.isArray(service.command) ? service.command : []);
const envOf = (service: Service) => service.environment ?? {};
const healthTest = (service: Service) => {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
};
const namedVolumes = (service: Service) =>
  (service.volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : { source: v.source, target: v.target }));

/** The non-test TypeScript sources under a directory. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [readFileSync(full, 'utf8')] : [];
  });
const appSources = (app: string) => sources(path.join(root, 'apps', app, 'src'));

const compose = findCompose();
if (!compose) {
  console.warn(
    'SKIPPED tools/docker/compose-config.int.spec.ts: neither `docker compose` (the v2 plugin) nor `docker-compose` is installed, so docker-compose.yml ' +
      'cannot be resolved here. `apt-get install docker-compose` (Debian) or the Docker Compose v2 plugin makes these checks run.',
  );
}
const describeWithCompose = compose ? describe : describe.skip;

describeWithCompose(`docker-compose.yml, as ${compose?.name ?? 'no Compose implementation'} resolves it`, () => {
  const resolve = (env: Record<string, string>) => (compose as Compose).run(composeEnv(env));
  let config: ComposeConfig;

  beforeAll(() => {
    const run = resolve({ POSTGRES_PASSWORD: SENTINEL_DB_PASSWORD, ADMIN_PASSWORD: SENTINEL_ADMIN_PASSWORD });
    if (run.status !== 0) throw new Error(`compose config failed (${run.status}):\n${run.err}`);
    config = JSON.parse(run.out) as ComposeConfig;
  });

  it('refuses to resolve without the two passwords: no default secret is baked in', () => {
    const run = resolve({});
    expect(run.status).not.toBe(0);
    expect(run.err).toMatch(/POSTGRES_PASSWORD|ADMIN_PASSWORD/);
    const withoutAdmin = resolve({ POSTGRES_PASSWORD: SENTINEL_DB_PASSWORD });
    expect(withoutAdmin.status).not.toBe(0);
    expect(withoutAdmin.err).toMatch(/ADMIN_PASSWORD/);
  });

  it('has Kafka, PostgreSQL and one service for each app under apps/', () => {
    expect(APPS).toEqual(expect.arrayContaining(['ingest', 'relay', 'projection', 'analysis-worker', 'gateway']));
    expect(Object.keys(config.services).sort()).toEqual(['kafka', 'postgres', ...APPS].sort());
  });

  it('builds every app from the root Dockerfile into one image', () => {
    const images = new Set(APPS.map((app) => config.services[app]?.image));
    expect(images.size).toBe(1);
    for (const app of APPS) {
      const service = config.services[app] as Service;
      expect(path.resolve(root, service.build?.context ?? '-')).toBe(root);
      expect(service.build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(service.init).toBe(true);
      expect(service.restart).toBe('unless-stopped');
    }
  });

  it("runs each app's compiled entry point with the node flags of its package.json", () => {
    for (const app of APPS) {
      expect([app, commandOf(config.services[app] as Service)]).toEqual([app, ['node', ...nodeArgsOf(app), `dist/apps/${app}/src/main.js`]]);
    }
    expect(commandOf(config.services['projection'] as Service)).toContain('--max-old-space-size=200');
  });

  it('points every command at a file that `node tools/build/compile.cjs` produces', async () => {
    await ensureDist();
    for (const app of APPS) {
      const entry = commandOf(config.services[app] as Service).at(-1) as string;
      expect([app, existsSync(path.join(root, entry))]).toEqual([app, true]);
    }
  });

  it('runs Kafka in KRaft mode on the version the local infrastructure uses, reachable as kafka:9092', () => {
    const pom = readFileSync(path.join(root, 'tools', 'infra', 'kafka', 'pom.xml'), 'utf8');
    const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
    const kafka = config.services['kafka'] as Service;
    const env = envOf(kafka);
    expect(kafka.image).toBe(`apache/kafka:${version}`);
    expect(env['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(env['KAFKA_ADVERTISED_LISTENERS']).toBe('PLAINTEXT://kafka:9092');
    expect(String(env['KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR'])).toBe('1');
    expect(String(env['KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR'])).toBe('1');
    expect(String(env['KAFKA_AUTO_CREATE_TOPICS_ENABLE'])).toBe('false');
    expect(String(env['CLUSTER_ID'])).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(namedVolumes(kafka)).toContainEqual({ source: 'kafka-data', target: env['KAFKA_LOG_DIRS'] });
    // An app whose code builds a Kafka client must be told where Kafka is: the default, 127.0.0.1,
    // is the app's own container (the gateway's /ready would answer 503 for ever).
    for (const app of APPS) {
      const usesKafka = appSources(app).some((code) => code.includes('settings.brokers('));
      const brokers = envOf(config.services[app] as Service)['KAFKA_BROKERS'];
      expect([app, brokers]).toEqual([app, usesKafka ? 'kafka:9092' : undefined]);
    }
  });

  it('gives the analysis worker longer to stop than it waits for the analyses in hand', () => {
    const grace = String((config.services['analysis-worker'] as Service).stop_grace_period ?? '10s');
    const seconds = Number(/^(\d+)s$/.exec(grace)?.[1] ?? NaN);
    expect(seconds * 1000).toBeGreaterThan(DEFAULT_DRAIN_TIMEOUT_MS);
  });

  it('runs PostgreSQL 15 or 16 with database forensics, the password from the environment only', () => {
    const postgres = config.services['postgres'] as Service;
    expect(postgres.image).toMatch(/^postgres:1[56](\b|-)/);
    expect(envOf(postgres)['POSTGRES_DB']).toBe('forensics');
    expect(envOf(postgres)['POSTGRES_PASSWORD']).toBe(SENTINEL_DB_PASSWORD);
    expect(namedVolumes(postgres)).toContainEqual({ source: 'postgres-data', target: '/var/lib/postgresql/data' });
    for (const app of APPS) {
      expect([app, envOf(config.services[app] as Service)['DATABASE_URL']]).toEqual([app, `postgres://postgres:${SENTINEL_DB_PASSWORD}@postgres:5432/forensics`]);
    }
  });

  it('sets only variables that the code reads', () => {
    const libs = readdirSync(path.join(root, 'libs')).flatMap((lib) => sources(path.join(root, 'libs', lib, 'src')));
    for (const app of APPS) {
      const code = [...appSources(app), ...libs].join('\n');
      for (const key of Object.keys(envOf(config.services[app] as Service))) {
        expect([app, key, code.includes(`'${key}'`)]).toEqual([app, key, true]);
      }
    }
  });

  it('publishes only the gateway, on 8080; ingest listens on all interfaces of its container and the gateway finds it', () => {
    const published = Object.entries(config.services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
    const gateway = config.services['gateway'] as Service;
    expect(gateway.ports?.map((p) => [p.target, String(p.published)])).toEqual([[8080, '8080']]);
    expect(String(envOf(gateway)['GATEWAY_PORT'])).toBe('8080');
    expect(envOf(gateway)['GATEWAY_HOST']).toBe('0.0.0.0');
    expect(envOf(gateway)['ADMIN_PASSWORD']).toBe(SENTINEL_ADMIN_PASSWORD);
    expect(envOf(gateway)['ADMIN_EMAIL']).toMatch(/^[^@\s]+@[^@\s]+$/);

    const ingest = config.services['ingest'] as Service;
    expect(envOf(ingest)['INGEST_HOST']).toBe('0.0.0.0');
    expect(String(envOf(ingest)['INGEST_PORT'])).toBe('4010');
    expect(envOf(gateway)['INGEST_HOST']).toBe('ingest');
    expect(String(envOf(gateway)['INGEST_PORT'])).toBe('4010');
    expect(String(envOf(gateway)['MAX_FILES_PER_FOLDER'])).toBe(String(envOf(ingest)['MAX_FILES_PER_FOLDER']));
  });

  it('shares one named blob volume between the gateway and the analysis workers, at BLOB_DIR', () => {
    expect(Object.keys(config.volumes ?? {})).toEqual(expect.arrayContaining(['blobs', 'kafka-data', 'postgres-data']));
    for (const app of ['gateway', 'analysis-worker']) {
      const service = config.services[app] as Service;
      const blobDir = envOf(service)['BLOB_DIR'];
      expect(blobDir).toBe('/var/lib/forensics/blobs');
      expect(namedVolumes(service)).toContainEqual({ source: 'blobs', target: blobDir });
    }
  });

  it('runs two analysis workers (one per core) and one projection whose health check reads its metrics port', () => {
    expect(config.services['analysis-worker']?.deploy?.replicas).toBe(2);
    const projection = config.services['projection'] as Service;
    expect(String(envOf(projection)['PROJECTION_METRICS_PORT'])).toBe('9464');
    expect(healthTest(projection)).toContain('http://127.0.0.1:9464/health');
  });

  it('has every service serve its metrics on all interfaces of its container, on a port of its own that is never published', () => {
    const metricsPorts = { gateway: 'GATEWAY_METRICS_PORT', ingest: 'INGEST_METRICS_PORT', relay: 'RELAY_METRICS_PORT', projection: 'PROJECTION_METRICS_PORT', 'analysis-worker': 'ANALYSIS_WORKER_METRICS_PORT', 'webhook-dispatcher': 'WEBHOOK_METRICS_PORT' };
    for (const [app, key] of Object.entries(metricsPorts)) {
      const service = config.services[app] as Service;
      const port = String(envOf(service)[key]);
      expect([app, envOf(service)['METRICS_HOST'], (service.expose ?? []).map(String)]).toEqual([app, '0.0.0.0', expect.arrayContaining([port])]);
      expect((service.ports ?? []).map((p) => String(p.target))).not.toContain(port);
    }
  });

  it('checks the health of the infrastructure and of every service that has something to ask, and starts each after what it needs', () => {
    expect(healthTest(config.services['postgres'] as Service)).toMatch(/pg_isready/);
    expect(healthTest(config.services['kafka'] as Service)).toMatch(/kafka-broker-api-versions\.sh --bootstrap-server localhost:9092/);
    expect(healthTest(config.services['ingest'] as Service)).toContain('4010');
    expect(healthTest(config.services['relay'] as Service)).toContain('FOLDER_EVENTS_TOPIC');
    expect(healthTest(config.services['gateway'] as Service)).toContain('http://127.0.0.1:8080/ready');
    const healthy = { condition: 'service_healthy' };
    const dependencies = (name: string) => Object.fromEntries(Object.entries(config.services[name]?.depends_on ?? {}).map(([k, v]) => [k, { condition: v.condition }]));
    expect(dependencies('ingest')).toEqual({ postgres: healthy });
    expect(dependencies('relay')).toEqual({ postgres: healthy, kafka: healthy });
    // The consumers wait until the relay has created folder-events with its partitions (auto-creation is off).
    expect(dependencies('projection')).toEqual({ postgres: healthy, relay: healthy });
    expect(dependencies('analysis-worker')).toEqual({ postgres: healthy, relay: healthy });
    expect(dependencies('gateway')).toEqual({ ingest: healthy, projection: healthy });
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  // Instructions, with continuation lines joined and comments dropped.
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) {
      current = [];
      stages.set(from[2] ?? `#${stages.size}`, current);
    }
    current?.push(line);
  }
  const stage = (name: string) => (stages.get(name) ?? []).join('\n');

  it('builds on node:20-bookworm-slim in four named stages', () => {
    expect(instructions).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    expect([...stages.keys()]).toEqual(['manifests', 'build', 'prod-deps', 'runtime']);
    for (const lines of stages.values()) expect(lines[0]).toMatch(/^FROM \$\{NODE_IMAGE\} AS /);
  });

  it('compiles with every dependency, then runs with the production ones only, as the node user', () => {
    expect(stage('build')).toMatch(/RUN npm ci\b/);
    expect(stage('build')).toMatch(/RUN node tools\/build\/compile\.cjs/);
    expect(stage('prod-deps')).toMatch(/RUN npm ci --omit=dev\b/);
    expect(stage('runtime')).toContain('COPY --from=prod-deps /app/node_modules ./node_modules');
    expect(stage('runtime')).toContain('COPY --from=build /app/dist ./dist');
    expect(stage('runtime')).toMatch(/^USER node$/m);
    expect(stage('runtime')).not.toMatch(/npm (ci|install)/);
  });

  it('bakes no secret in', () => {
    expect(instructions.filter((line) => /^(ENV|ARG)\b/i.test(line) && /PASSWORD|SECRET|TOKEN|DATABASE_URL/i.test(line))).toEqual([]);
  });

  it('keeps local state out of the build context and what the build needs in it', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.git', '.env', '.cache', 'data', 'tools', '!tools/build']));
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.base.json', 'apps', 'libs', 'tools/build']) expect(ignored).not.toContain(needed);
  });
});

describe('what the compiled services require at run time', () => {
  it('is Node itself or a package that `npm ci --omit=dev` installs at the top of node_modules (the runtime stage has no other)', async () => {
    // The lockfile marks what only development needs with "dev": true; the rest is what the
    // production install holds (a dependency of package.json, or one of theirs hoisted to the top).
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; link?: boolean }> };
    const inProductionInstall = (name: string) => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry !== undefined && entry.dev !== true && entry.link !== true;
    };
    await ensureDist();
    const entries = APPS.map((app) => path.join(root, 'dist', 'apps', app, 'src', 'main.js'));
    const builtins = new Set(builtinModules);
    const packages = new Map<string, string>();
    const seen = new Set<string>();
    const queue = entries.filter((entry) => existsSync(entry));
    expect(queue.length).toBeGreaterThan(0);
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(/\b(?:require|require\.resolve|import)\(\s*["']([^"']+)["']\s*\)/g)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('.')) {
          const base = path.resolve(path.dirname(file), specifier);
          const target = [base, `${base}.js`, path.join(base, 'index.js')].find((candidate) => existsSync(candidate) && candidate.endsWith('.js'));
          expect([path.relative(root, file), specifier, target !== undefined]).toEqual([path.relative(root, file), specifier, true]);
          if (target) queue.push(target);
        } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
          const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
          packages.set(name, path.relative(root, file));
        }
      }
    }
    const missing = [...packages].filter(([name]) => !inProductionInstall(name)).map(([name, file]) => `${name} (required by ${file})`);
    expect(missing).toEqual([]);
    // The native parts the analysis worker needs arrive with these.
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['sharp', '@ffmpeg-installer/ffmpeg', '@vladmandic/human']));
  });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));
