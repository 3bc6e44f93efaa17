// The broker's JVM process: started detached, tracked through a pid file, stopped by signal.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaHeapOpts } from './config.mjs';
import { BROKER_MAIN_CLASS, javaBin, jvmArgs } from './java.mjs';
import { CACHE_DIR, CONSOLE_LOG, LOGS_DIR, PID_FILE, PROPS_FILE } from './paths.mjs';

const STOP_TIMEOUT_MS = 30_000;

/** True when `pid` exists (EPERM means it exists but belongs to another user). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function readPidFile() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function removePidFile() {
  fs.rmSync(PID_FILE, { force: true });
}

/**
 * True when `pid` is a live broker started by this script. Checking the command line (on Linux)
 * guards against a stale pid file whose pid now belongs to an unrelated process.
 */
export function isOurBroker(pid) {
  if (!isAlive(pid)) return false;
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
export function findBrokerPid() {
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

/**
 * Spawns the broker detached (it outlives this process) and writes the pid file. Returns
 * { pid, exited }; `exited` turns true if the broker dies while this process still watches it.
 */
export async function spawnBroker(libs) {
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  fs.appendFileSync(CONSOLE_LOG, `\n=== ${new Date().toISOString()} starting ${BROKER_MAIN_CLASS} ===\n`);
  const out = fs.openSync(CONSOLE_LOG, 'a');
  const child = spawn(javaBin(), [...jvmArgs(libs, kafkaHeapOpts()), BROKER_MAIN_CLASS, PROPS_FILE], {
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

/** Sends SIGTERM, waits up to STOP_TIMEOUT_MS, then SIGKILL. Removes the pid file. */
export async function stopBroker(pid, log) {
  await signalUntilGone(pid, log);
  removePidFile();
}

async function signalUntilGone(pid, log) {
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
