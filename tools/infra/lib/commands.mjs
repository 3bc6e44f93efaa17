// The three things a developer asks for: up, down, status. Each logs for humans and returns
// the details as an object for callers such as the test runner.
import { kafkaConfig } from './config.mjs';
import { isKafkaCached, kafkaVersion, libsDir } from './kafka-jars.mjs';
import { findBrokerPid, removePidFile, stopBroker } from './kafka-process.mjs';
import { isKafkaReady, isPortOpen } from './kafka-readiness.mjs';
import { ensureKafka } from './kafka-start.mjs';
import { rel } from './paths.mjs';
import { ensureDatabases, postgresStatus } from './postgres.mjs';
import { preflight } from './preflight.mjs';

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
  await stopBroker(pid, log);
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
