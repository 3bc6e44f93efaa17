// Gets a broker answering at the configured address: reuse ours, accept a foreign Kafka, or
// start one, and leave nothing half-started behind when that fails.
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaStartTimeoutMs } from './config.mjs';
import { InfraError } from './infra-error.mjs';
import { ensureKafkaJars } from './kafka-jars.mjs';
import { findBrokerPid, isOurBroker, removePidFile, spawnBroker, stopBroker } from './kafka-process.mjs';
import { isKafkaReady, isPortOpen } from './kafka-readiness.mjs';
import { formatStorage, prepareStorage, writeServerProperties } from './kafka-storage.mjs';
import { logTails, logsShowAddressInUse } from './log-tail.mjs';
import { SERVER_LOG, rel } from './paths.mjs';
import { withStartLock } from './start-lock.mjs';

const PROGRESS_EVERY_MS = 5_000;

/**
 * Polls until the broker answers Kafka requests. Resolves 'ready', 'exited' (the process died)
 * or 'timeout'. `broker.exited` is set by spawnBroker's exit listener when we are the parent.
 */
async function waitUntilReady(cfg, broker, log) {
  const timeoutMs = kafkaStartTimeoutMs();
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

async function startOnce(cfg, libs, log) {
  const broker = await spawnBroker(libs);
  log(`Started Kafka (pid ${broker.pid}); logs in ${rel(SERVER_LOG)}`);
  const outcome = await waitUntilReady(cfg, broker, log);
  if (outcome === 'exited') removePidFile();
  return { outcome, pid: broker.pid };
}

/** Makes sure a broker answers at cfg.broker; returns { pid, alreadyRunning, external }. */
export function ensureKafka(cfg, version, log) {
  return withStartLock(log, () => ensureKafkaLocked(cfg, version, log));
}

async function ensureKafkaLocked(cfg, version, log) {
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
  if (outcome === 'exited' && !logsShowAddressInUse()) {
    log('Kafka exited during startup; reformatting its data dir and retrying once...');
    await formatStorage(cfg, libs, version);
    ({ outcome, pid } = await startOnce(cfg, libs, log));
  }
  if (outcome === 'ready') return { pid, alreadyRunning: false, external: false };

  // Do not leave a half-started broker behind: the next `up` starts from a clean state.
  if (outcome === 'timeout') await stopBroker(pid, log);
  const why = outcome === 'timeout'
    ? `did not answer on ${cfg.broker} within ${kafkaStartTimeoutMs() / 1000}s`
    : 'exited during startup';
  throw new InfraError(`Kafka ${version} ${why}.\n${logTails()}`);
}
