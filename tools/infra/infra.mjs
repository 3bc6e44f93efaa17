#!/usr/bin/env node
// Local infrastructure for development and tests: a real single-node Apache Kafka (KRaft)
// and the project's PostgreSQL databases. No Docker: Kafka's jars come from Maven Central
// through `mvn` (see tools/infra/kafka/pom.xml) and are cached in .cache/kafka/.
//
//   node tools/infra/infra.mjs up       start Kafka (if needed) and create the databases
//   node tools/infra/infra.mjs down     stop the Kafka broker started by `up`
//   node tools/infra/infra.mjs status   say what runs
//
// Also usable as a module (e.g. from tools/test/run-all.mjs):
//   import { up, down, status, isKafkaReady } from '../infra/infra.mjs';
// The functions throw InfraError with a readable message instead of exiting the process.
//
// Environment:
//   KAFKA_BROKERS            broker address, default 127.0.0.1:9092 (only the first one is used)
//   KAFKA_CONTROLLER_PORT    KRaft controller port, default broker port + 1
//   KAFKA_HEAP_OPTS          JVM heap flags, default "-Xms256m -Xmx512m"
//   KAFKA_START_TIMEOUT_MS   how long `up` waits for the broker, default 90000
//   DATABASE_URL             default postgres://postgres@127.0.0.1:5432/forensics
//   TEST_DATABASE_URL        default postgres://postgres@127.0.0.1:5432/forensics_test
//   JAVA_HOME                if set, $JAVA_HOME/bin/java is used instead of `java` on PATH

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Paths and constants
// ---------------------------------------------------------------------------------------------

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const KAFKA_TOOLS_DIR = path.join(REPO_ROOT, 'tools', 'infra', 'kafka');
const POM_FILE = path.join(KAFKA_TOOLS_DIR, 'pom.xml');
const LOG4J_CONFIG = path.join(KAFKA_TOOLS_DIR, 'log4j2.xml');

// Everything generated lives under .cache/ (git-ignored): jars, data, logs, pid file.
const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'kafka');
const DATA_DIR = path.join(CACHE_DIR, 'data');
const LOGS_DIR = path.join(CACHE_DIR, 'logs');
const SERVER_LOG = path.join(LOGS_DIR, 'server.log'); // written by log4j (see log4j2.xml)
const CONSOLE_LOG = path.join(LOGS_DIR, 'console.log'); // JVM stdout/stderr: crashes before log4j starts
const PID_FILE = path.join(CACHE_DIR, 'kafka.pid');
const PROPS_FILE = path.join(CACHE_DIR, 'server.properties');
// Records how DATA_DIR was formatted, so a change of ports or cluster id triggers a reformat.
const FORMAT_MARKER = path.join(CACHE_DIR, 'data.format.json');

// The classes the Kafka 4.x jars provide (the same ones bin/kafka-server-start.sh and
// bin/kafka-storage.sh run).
const BROKER_MAIN_CLASS = 'kafka.Kafka';
const STORAGE_TOOL_CLASS = 'kafka.tools.StorageTool';

// A fixed cluster id keeps the data dir valid across restarts. Kafka cluster ids are 16 bytes
// in URL-safe base64 without padding (22 chars); this one spells "forensics-dev-01".
const CLUSTER_ID = Buffer.from('forensics-dev-01').toString('base64url');
const NODE_ID = 1;

const DEFAULT_BROKERS = '127.0.0.1:9092';
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/forensics';
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/forensics_test';
const MIN_JAVA = 17; // Kafka 4.x brokers are compiled for Java 17 (class file version 61)
const STOP_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 5_000;

/** An expected failure with a message meant for humans (no stack trace needed). */
export class InfraError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InfraError';
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/** Broker/controller addresses derived from KAFKA_BROKERS. */
export function kafkaConfig(env = process.env) {
  const first = (env.KAFKA_BROKERS || DEFAULT_BROKERS).split(',')[0].trim();
  const sep = first.lastIndexOf(':');
  const host = sep > 0 ? first.slice(0, sep).replace(/^\[|\]$/g, '') : first;
  const port = sep > 0 ? Number(first.slice(sep + 1)) : 9092;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new InfraError(`KAFKA_BROKERS="${env.KAFKA_BROKERS}" has no valid port (expected host:port).`);
  }
  // Bind to the literal address when one is given; for a hostname such as "localhost" bind to
  // 127.0.0.1, because "localhost" may resolve to ::1 first and the broker would not be
  // reachable the way clients expect.
  const listenHost = net.isIP(host) ? host : '127.0.0.1';
  const controllerPort = Number(env.KAFKA_CONTROLLER_PORT || port + 1);
  return { broker: `${host}:${port}`, host, port, listenHost, controllerPort };
}

/** The main and the test database URLs. */
export function databaseUrls(env = process.env) {
  return {
    main: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    test: env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL,
  };
}

/** The Kafka version pinned in tools/infra/kafka/pom.xml (the single source of truth). */
export function kafkaVersion() {
  const match = fs.readFileSync(POM_FILE, 'utf8').match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/);
  if (!match) throw new InfraError(`No <kafka.version> property in ${rel(POM_FILE)}.`);
  return match[1];
}

function libsDir(version) {
  return path.join(CACHE_DIR, version, 'libs');
}

function libsMarker(version) {
  return path.join(CACHE_DIR, version, 'complete');
}

// The marker holds a hash of the POM, so editing the POM (e.g. the log4j version) re-downloads.
function pomHash() {
  return crypto.createHash('sha256').update(fs.readFileSync(POM_FILE)).digest('hex');
}

/** True when the jars for `version` are already downloaded (no mvn needed). */
export function isKafkaCached(version = kafkaVersion()) {
  try {
    return fs.readFileSync(libsMarker(version), 'utf8').trim() === pomHash();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function rel(p) {
  return path.relative(REPO_ROOT, p) || '.';
}

/** A DB URL without its password, for printing. */
function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function dbName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Last `lines` lines of a file ('' when it does not exist). */
function tail(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
  } catch {
    return '';
  }
}

function logTails() {
  const parts = [];
  for (const file of [SERVER_LOG, CONSOLE_LOG]) {
    const text = tail(file);
    if (text) parts.push(`--- last lines of ${rel(file)} ---\n${text}`);
  }
  return parts.join('\n') || '(no log output)';
}

// pg and kafkajs are project dependencies; load them lazily so a missing `npm install`
// gives a clear message instead of a module resolution stack trace.
async function loadDependency(name) {
  try {
    const mod = await import(name);
    return mod.default ?? mod;
  } catch (err) {
    if (err.code === 'ERR_MODULE_NOT_FOUND') {
      throw new InfraError(`The npm package "${name}" is not installed: run \`npm install\` at the repo root.`);
    }
    throw err;
  }
}

function stripAnsi(text) {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Runs a command to completion, capturing its output. */
function runCapture(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', (error) => resolve({ code: null, error, output }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

// ---------------------------------------------------------------------------------------------
// Preflight: java, mvn, PostgreSQL
// ---------------------------------------------------------------------------------------------

function javaBin() {
  const fromHome = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  return fromHome && fs.existsSync(fromHome) ? fromHome : 'java';
}

/** Returns null when Java 17+ is usable, otherwise what to do about it. */
function checkJava() {
  const result = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (result.error) {
    return `Java ${MIN_JAVA}+ is required to run Kafka, but \`${javaBin()}\` was not found.\n` +
      `    Install it:  apt-get install -y openjdk-17-jre-headless   (or set JAVA_HOME to a JDK/JRE ${MIN_JAVA}+)`;
  }
  // `java -version` prints e.g. 'openjdk version "17.0.15"' or, for Java 8, '"1.8.0_392"'.
  const match = `${result.stderr}${result.stdout}`.match(/version "(\d+)(?:\.(\d+))?/);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < MIN_JAVA) {
    return `Java ${MIN_JAVA}+ is required to run Kafka, but \`${javaBin()}\` is Java ${major || '(unknown version)'}.\n` +
      `    Install it:  apt-get install -y openjdk-17-jre-headless   (and put it first on PATH, or set JAVA_HOME)`;
  }
  return null;
}

/** Returns null when mvn runs, otherwise what to do about it. */
function checkMaven() {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return 'Maven (`mvn`) is required once, to download Kafka from Maven Central, but was not found.\n' +
      '    Install it:  apt-get install -y maven';
  }
  return null;
}

/**
 * Connects to the server's maintenance database: CREATE DATABASE cannot run while connected
 * to the database being created, and the project databases may not exist yet.
 */
async function connectMaintenance(url) {
  const pg = await loadDependency('pg');
  let lastError;
  for (const db of ['postgres', 'template1']) {
    const u = new URL(url);
    u.pathname = `/${db}`;
    const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      return client;
    } catch (err) {
      lastError = err;
      await client.end().catch(() => {});
      if (err.code !== '3D000') break; // 3D000 = database does not exist: try the next one
    }
  }
  throw lastError;
}

/** Returns null when PostgreSQL answers at `url`, otherwise what to do about it. */
async function checkPostgres(url) {
  try {
    const client = await connectMaintenance(url);
    await client.end();
    return null;
  } catch (err) {
    if (err instanceof InfraError) return err.message;
    const u = new URL(url);
    return `PostgreSQL is not reachable at ${u.hostname}:${u.port || 5432} (${err.code || err.message}).\n` +
      '    Start it:    service postgresql start   (installed with: apt-get install -y postgresql)\n' +
      `    or point DATABASE_URL / TEST_DATABASE_URL at a running server (now: ${redactUrl(url)}).`;
  }
}

/**
 * Checks everything `up` needs and throws one InfraError listing all that is missing.
 * Maven is only needed while Kafka's jars are not cached yet.
 */
export async function preflight({ needMaven = !isKafkaCached() } = {}) {
  const urls = databaseUrls();
  const problems = [
    checkJava(),
    needMaven ? checkMaven() : null,
    await checkPostgres(urls.main),
    urls.test !== urls.main ? await checkPostgres(urls.test) : null,
  ].filter(Boolean);
  // Both DB URLs usually point at the same server: report it once.
  const unique = [...new Set(problems)];
  if (unique.length) {
    throw new InfraError(`Cannot start the local infrastructure:\n${unique.map((p) => `  - ${p}`).join('\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL databases
// ---------------------------------------------------------------------------------------------

/** Creates the main and test databases when missing. Idempotent. */
export async function ensureDatabases({ log = console.log } = {}) {
  const pg = await loadDependency('pg');
  const results = [];
  for (const url of new Set(Object.values(databaseUrls()))) {
    const name = dbName(url);
    const client = await connectMaintenance(url);
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      let created = false;
      if (!rowCount) {
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
          created = true;
          log(`Created database ${name}`);
        } catch (err) {
          if (err.code !== '42P04') throw err; // 42P04 = someone created it in the meantime: fine
        }
      }
      results.push({ name, url: redactUrl(url), created });
    } finally {
      await client.end();
    }
  }
  return results;
}

/** Which of the project's databases exist, or the connection error. */
async function postgresStatus() {
  const urls = [...new Set(Object.values(databaseUrls()))];
  try {
    const client = await connectMaintenance(urls[0]);
    try {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE NOT datistemplate');
      const { rows: [{ server_version: version }] } = await client.query('SHOW server_version');
      const names = new Set(rows.map((r) => r.datname));
      const databases = urls.map((url) => ({ name: dbName(url), exists: names.has(dbName(url)) }));
      return { reachable: true, version, url: redactUrl(urls[0]), databases };
    } finally {
      await client.end();
    }
  } catch (err) {
    return { reachable: false, url: redactUrl(urls[0]), error: err.code || err.message };
  }
}

// ---------------------------------------------------------------------------------------------
// Kafka: readiness checks
// ---------------------------------------------------------------------------------------------

/** True when a TCP connection to host:port succeeds. */
export function isPortOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * True when a Kafka broker really answers at `broker` (host:port): the port accepts TCP and a
 * kafkajs admin client gets cluster metadata back. A bare TCP check is not enough: the port
 * may belong to something else, or the broker may accept connections before it serves requests.
 */
export async function isKafkaReady(broker = kafkaConfig().broker) {
  const sep = broker.lastIndexOf(':');
  if (!(await isPortOpen(broker.slice(0, sep), Number(broker.slice(sep + 1))))) return false;

  const { Kafka, logLevel } = await loadDependency('kafkajs');
  const admin = new Kafka({
    clientId: 'infra-readiness-check',
    brokers: [broker],
    logLevel: logLevel.NOTHING, // a not-yet-ready broker is expected here; no error spam
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 }, // the caller decides how often to retry
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.listTopics();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Kafka: processes
// ---------------------------------------------------------------------------------------------

function readPidFile() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function removePidFile() {
  fs.rmSync(PID_FILE, { force: true });
}

/**
 * True when `pid` is a live broker started by this script. Checking the command line (on Linux)
 * guards against a stale pid file whose pid now belongs to an unrelated process.
 */
function isOurBroker(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  try {
    // A zombie (exited, not yet reaped) still "exists" for kill(0); it is not running.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/.test(stat)) return false;
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes(BROKER_MAIN_CLASS) && cmdline.includes(PROPS_FILE);
  } catch {
    return process.platform !== 'linux'; // no /proc: trust kill(0)
  }
}

/**
 * The pid of the broker started by this script, or null. Falls back to scanning /proc so a
 * lost pid file does not leave an unstoppable broker behind.
 */
function findBrokerPid() {
  const pid = readPidFile();
  if (pid && isOurBroker(pid)) return pid;
  if (pid) removePidFile(); // stale
  let entries = [];
  try {
    entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const name of entries) {
    const candidate = Number(name);
    if (candidate !== process.pid && isOurBroker(candidate)) {
      fs.writeFileSync(PID_FILE, String(candidate));
      return candidate;
    }
  }
  return null;
}

function jvmArgs(libs, heap) {
  return [
    ...heap.split(/\s+/).filter(Boolean),
    // The GC settings of Kafka's own kafka-run-class.sh.
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${LOGS_DIR}`,
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp',
    path.join(libs, '*'), // java expands the wildcard itself: no shell needed
  ];
}

/** Sends SIGTERM, waits up to STOP_TIMEOUT_MS, then SIGKILL. */
async function stopProcess(pid, log) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isOurBroker(pid)) return;
    await sleep(200);
  }
  log(`Kafka (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000}s; sending SIGKILL.`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  while (isOurBroker(pid)) await sleep(100);
}

// ---------------------------------------------------------------------------------------------
// Kafka: jars, config, storage
// ---------------------------------------------------------------------------------------------

/** Downloads Kafka's jars with Maven unless they are cached; returns the libs folder. */
async function ensureKafkaJars(version, log) {
  const libs = libsDir(version);
  if (isKafkaCached(version)) return libs;

  log(`Downloading Kafka ${version} from Maven Central into ${rel(libs)} (first run only, may take a few minutes)...`);
  // Download into a temporary folder and rename at the end, so an interrupted download never
  // looks like a complete cache.
  const partial = `${libs}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  const args = ['-q', '-B', '-f', POM_FILE, 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`];
  // Output is captured and shown only on failure: with -q there is no progress to show anyway,
  // and Maven 3.8 prints stray ANSI color resets even in batch mode.
  const { code, error, output } = await runCapture('mvn', args, { cwd: REPO_ROOT });
  if (error || code !== 0) {
    throw new InfraError(
      `Maven could not download Kafka ${version} (\`mvn ${args.join(' ')}\` ${error ? `failed: ${error.message}` : `exited with ${code}`}):\n` +
        `${stripAnsi(output).trim()}\n` +
        '  Check the network access to Maven Central and ~/.m2/settings.xml, then run `up` again.',
    );
  }
  fs.rmSync(libs, { recursive: true, force: true });
  fs.renameSync(partial, libs);
  fs.writeFileSync(libsMarker(version), `${pomHash()}\n`);
  return libs;
}

/** Writes the broker config for a single combined broker+controller node. */
function writeServerProperties(cfg) {
  const props = {
    'process.roles': 'broker,controller',
    'node.id': NODE_ID,
    // KRaft dynamic quorum of one (KIP-853), formatted with `--standalone`.
    'controller.quorum.bootstrap.servers': `${cfg.listenHost}:${cfg.controllerPort}`,
    listeners: `PLAINTEXT://${cfg.listenHost}:${cfg.port},CONTROLLER://${cfg.listenHost}:${cfg.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${cfg.broker},CONTROLLER://${cfg.listenHost}:${cfg.controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': DATA_DIR,
    'num.partitions': 3,
    'auto.create.topics.enable': true,
    // A single node cannot hold the default 3 replicas of the internal topics.
    'default.replication.factor': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Tests start consumers often; the default 3 s delay before the first rebalance slows them down.
    'group.initial.rebalance.delay.ms': 0,
  };
  const text = Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.writeFileSync(PROPS_FILE, `# Generated by tools/infra/infra.mjs on each \`up\`; edits are overwritten.\n${text}\n`);
}

function readProperties(file) {
  const props = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\s*([^#=\s][^=]*?)\s*=\s*(.*?)\s*$/);
    if (m) props[m[1]] = m[2];
  }
  return props;
}

function expectedFormat(cfg) {
  return { clusterId: CLUSTER_ID, nodeId: NODE_ID, controller: `${cfg.listenHost}:${cfg.controllerPort}` };
}

/**
 * Why DATA_DIR must be (re)formatted, or null when it is usable as is.
 * Another cluster id, another controller address or a half-written dir all count.
 */
function storageProblem(cfg) {
  if (!fs.existsSync(DATA_DIR) || fs.readdirSync(DATA_DIR).length === 0) return 'not formatted yet';
  const metaFile = path.join(DATA_DIR, 'meta.properties');
  if (!fs.existsSync(metaFile)) return 'meta.properties is missing';
  const meta = readProperties(metaFile);
  if (meta['cluster.id'] !== CLUSTER_ID) return `it belongs to another cluster id (${meta['cluster.id']})`;
  if (meta['node.id'] !== String(NODE_ID)) return `it belongs to another node id (${meta['node.id']})`;
  if (!fs.existsSync(path.join(DATA_DIR, '__cluster_metadata-0'))) return 'the metadata log is missing';
  let marker = null;
  try {
    marker = JSON.parse(fs.readFileSync(FORMAT_MARKER, 'utf8'));
  } catch {
    // unreadable marker: treat like a mismatch below
  }
  // The standalone quorum stores the controller address at format time.
  if (JSON.stringify(marker) !== JSON.stringify(expectedFormat(cfg))) return 'it was formatted for other ports';
  return null;
}

/** Deletes DATA_DIR and formats it again with kafka.tools.StorageTool. Dev/test data only. */
async function formatStorage(cfg, libs, version, log) {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.rmSync(FORMAT_MARKER, { force: true });
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  const args = [
    ...jvmArgs(libs, '-Xmx256m'),
    STORAGE_TOOL_CLASS,
    'format',
    '--config', PROPS_FILE,
    '--cluster-id', CLUSTER_ID,
    '--standalone', // this node is the whole controller quorum
  ];
  const { code, error, output } = await runCapture(javaBin(), args, { cwd: CACHE_DIR });
  if (error || code !== 0) {
    throw new InfraError(`Formatting the Kafka ${version} data dir failed (exit ${code}):\n${output || error?.message}`);
  }
  fs.writeFileSync(FORMAT_MARKER, JSON.stringify(expectedFormat(cfg)));
}

async function prepareStorage(cfg, libs, version, log) {
  const problem = storageProblem(cfg);
  if (!problem) return;
  log(`Formatting Kafka data dir ${rel(DATA_DIR)} (${problem})...`);
  await formatStorage(cfg, libs, version, log);
}

// ---------------------------------------------------------------------------------------------
// Kafka: start and wait
// ---------------------------------------------------------------------------------------------

/** Spawns the broker detached (it outlives this process) and writes the pid file. */
async function spawnBroker(libs) {
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  fs.appendFileSync(CONSOLE_LOG, `\n=== ${new Date().toISOString()} starting ${BROKER_MAIN_CLASS} ===\n`);
  const out = fs.openSync(CONSOLE_LOG, 'a');
  const heap = process.env.KAFKA_HEAP_OPTS || '-Xms256m -Xmx512m'; // modest: 2-core dev machines
  const child = spawn(javaBin(), [...jvmArgs(libs, heap), BROKER_MAIN_CLASS, PROPS_FILE], {
    cwd: CACHE_DIR,
    detached: true, // own process group: Ctrl-C on `npm run` does not kill the broker
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const state = { pid: child.pid, exited: false };
  child.once('exit', () => (state.exited = true));
  child.unref();
  fs.writeFileSync(PID_FILE, String(child.pid));
  return state;
}

/**
 * Polls until the broker answers Kafka requests. Resolves 'ready', 'exited' (the process died)
 * or 'timeout'. `broker.exited` is set by spawnBroker's exit listener when we are the parent.
 */
async function waitUntilReady(cfg, broker, log) {
  const timeoutMs = Number(process.env.KAFKA_START_TIMEOUT_MS || 90_000);
  const started = Date.now();
  let nextProgress = started + PROGRESS_EVERY_MS;
  while (Date.now() - started < timeoutMs) {
    if (broker.exited || !isOurBroker(broker.pid)) return 'exited';
    if (await isKafkaReady(cfg.broker)) return 'ready';
    if (Date.now() >= nextProgress) {
      log(`  ...waiting for Kafka to answer on ${cfg.broker} (${Math.round((Date.now() - started) / 1000)}s)`);
      nextProgress += PROGRESS_EVERY_MS;
    }
    await sleep(500);
  }
  return 'timeout';
}

/** Starts the broker once; returns 'ready' | 'exited' | 'timeout' and the pid. */
async function startOnce(cfg, libs, log) {
  const broker = await spawnBroker(libs);
  log(`Started Kafka (pid ${broker.pid}); logs in ${rel(SERVER_LOG)}`);
  const outcome = await waitUntilReady(cfg, broker, log);
  if (outcome === 'exited') removePidFile();
  return { outcome, pid: broker.pid };
}

/** Makes sure a broker answers at cfg.broker; returns { pid, alreadyRunning, external }. */
async function ensureKafka(cfg, version, log) {
  // 1. A broker of ours is already there (maybe still starting).
  const existing = findBrokerPid();
  if (existing) {
    if (await isKafkaReady(cfg.broker)) {
      log(`Kafka is already running (pid ${existing}) and answering on ${cfg.broker}; nothing to do.`);
      return { pid: existing, alreadyRunning: true, external: false };
    }
    log(`Kafka (pid ${existing}) is running but not answering yet; waiting...`);
    const outcome = await waitUntilReady(cfg, { pid: existing, exited: false }, log);
    if (outcome === 'ready') return { pid: existing, alreadyRunning: true, external: false };
    if (outcome === 'timeout') {
      throw new InfraError(`Kafka (pid ${existing}) does not answer on ${cfg.broker}. Run \`npm run infra:down\`, then \`up\` again.\n${logTails()}`);
    }
    // It died while we waited: fall through and start a new one.
  }

  // 2. Something else holds the ports: use it if it is Kafka, refuse otherwise.
  if (await isPortOpen(cfg.host, cfg.port)) {
    if (await isKafkaReady(cfg.broker)) {
      log(`A Kafka broker not started by this script already answers on ${cfg.broker}; using it.`);
      return { pid: null, alreadyRunning: true, external: true };
    }
    throw new InfraError(`Port ${cfg.port} is in use by something that does not answer as Kafka. Free it or set KAFKA_BROKERS to another host:port.`);
  }
  if (await isPortOpen(cfg.listenHost, cfg.controllerPort)) {
    throw new InfraError(`The KRaft controller port ${cfg.controllerPort} is in use. Free it or set KAFKA_CONTROLLER_PORT.`);
  }

  // 3. Start our own.
  const libs = await ensureKafkaJars(version, log);
  writeServerProperties(cfg);
  await prepareStorage(cfg, libs, version, log);
  let { outcome, pid } = await startOnce(cfg, libs, log);

  // A broker that dies at startup most likely choked on its data dir (e.g. a corrupt log after
  // a hard kill). It is dev/test data: wipe, reformat and try once more.
  if (outcome === 'exited' && !/Address already in use/i.test(tail(SERVER_LOG, 80) + tail(CONSOLE_LOG, 80))) {
    log('Kafka exited during startup; reformatting its data dir and retrying once...');
    await formatStorage(cfg, libs, version, log);
    ({ outcome, pid } = await startOnce(cfg, libs, log));
  }
  if (outcome === 'ready') return { pid, alreadyRunning: false, external: false };

  if (outcome === 'timeout') {
    // Do not leave a half-started broker behind: the next `up` starts from a clean state.
    await stopProcess(pid, log);
    removePidFile();
  }
  const why = outcome === 'timeout'
    ? `did not answer on ${cfg.broker} within ${Number(process.env.KAFKA_START_TIMEOUT_MS || 90_000) / 1000}s`
    : 'exited during startup';
  throw new InfraError(`Kafka ${version} ${why}.\n${logTails()}`);
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/**
 * Starts Kafka (unless it already answers) and creates the databases.
 * Returns { kafkaVersion, broker, pid, alreadyRunning, external, databases }.
 */
export async function up({ log = console.log } = {}) {
  const cfg = kafkaConfig();
  const version = kafkaVersion();
  await preflight({ needMaven: !isKafkaCached(version) });

  const kafka = await ensureKafka(cfg, version, log);
  const databases = await ensureDatabases({ log });

  log('');
  log('Infrastructure is up:');
  log(`  Kafka      ${kafka.external ? '(external broker)' : `${version}, pid ${kafka.pid}`} at ${cfg.broker}`);
  for (const db of databases) log(`  PostgreSQL ${db.url}${db.created ? ' (created)' : ''}`);
  return { kafkaVersion: version, broker: cfg.broker, ...kafka, databases };
}

/** Stops the broker started by `up`. Harmless when nothing runs. Returns { stopped, pid }. */
export async function down({ log = console.log } = {}) {
  const cfg = kafkaConfig();
  const pid = findBrokerPid();
  if (!pid) {
    removePidFile();
    if (await isPortOpen(cfg.host, cfg.port)) {
      log(`No Kafka started by this script is running; something else listens on ${cfg.broker} and is left alone.`);
    } else {
      log('Kafka is not running.');
    }
    return { stopped: false, pid: null };
  }
  log(`Stopping Kafka (pid ${pid})...`);
  const started = Date.now();
  await stopProcess(pid, log);
  removePidFile();
  log(`Kafka stopped (${((Date.now() - started) / 1000).toFixed(1)}s).`);
  return { stopped: true, pid };
}

/** Reports what runs; never throws for a stopped service. Returns the details as an object. */
export async function status({ log = console.log } = {}) {
  const cfg = kafkaConfig();
  const version = kafkaVersion();
  const pid = findBrokerPid();
  const answering = await isKafkaReady(cfg.broker);
  const cached = isKafkaCached(version);
  const pg = await postgresStatus();

  const who = pid ? `pid ${pid}` : answering ? 'not started by this script' : 'not running';
  log(`Kafka       ${cfg.broker}: ${answering ? 'answering' : 'not answering'} (${who})`);
  log(`            version ${version}, jars ${cached ? `cached in ${rel(libsDir(version))}` : 'not downloaded yet'}`);
  if (pg.reachable) {
    log(`PostgreSQL  ${pg.url}: reachable (server ${pg.version})`);
    for (const db of pg.databases) log(`            database ${db.name}: ${db.exists ? 'exists' : 'missing (run `up`)'}`);
  } else {
    log(`PostgreSQL  ${pg.url}: NOT reachable (${pg.error})`);
  }
  return {
    kafka: { broker: cfg.broker, pid, answering, version, cached },
    postgres: pg,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI (only when executed directly, not when imported)
// ---------------------------------------------------------------------------------------------

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

async function main(command) {
  const commands = { up, down, status };
  if (!commands[command]) {
    console.error('Usage: node tools/infra/infra.mjs <up|down|status>');
    return 2;
  }
  try {
    await commands[command]();
    return 0;
  } catch (err) {
    console.error(err instanceof InfraError ? err.message : err);
    return 1;
  }
}

if (isMain()) {
  // Exit explicitly: the broker is detached and unref'd, but a lingering client socket must not
  // keep `npm run infra:up` hanging.
  main(process.argv[2]).then((code) => process.exit(code));
}
