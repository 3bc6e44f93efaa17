// Held while one `up` checks/starts the broker, so two concurrent `up`s cannot both start one
// (the loser would fail on the data dir lock and then wipe the winner's data).
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './infra-error.mjs';
import { isAlive } from './kafka-process.mjs';
import { CACHE_DIR, START_LOCK, rel } from './paths.mjs';

const START_LOCK_WAIT_MS = 10 * 60_000; // the holder may be downloading Kafka with Maven
// An empty lock file is one being written right now, unless it is older than this (writer crashed).
const EMPTY_LOCK_GRACE_MS = 10_000;

/** Runs `fn` while holding START_LOCK; waits for another holder, takes over a dead one's lock. */
export async function withStartLock(log, fn) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const deadline = Date.now() + START_LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(START_LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let holder = 0;
    let ageMs = 0;
    try {
      holder = Number(fs.readFileSync(START_LOCK, 'utf8').trim());
      ageMs = Date.now() - fs.statSync(START_LOCK).mtimeMs;
    } catch {
      continue; // released meanwhile: try again
    }
    const stale = holder ? !isAlive(holder) : ageMs > EMPTY_LOCK_GRACE_MS;
    if (stale) {
      fs.rmSync(START_LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new InfraError(`Another \`up\` (pid ${holder}) has been starting Kafka for too long; remove ${rel(START_LOCK)} if it is stuck.`);
    }
    if (!announced) log(`Another \`up\` (pid ${holder}) is starting Kafka; waiting for it...`);
    announced = true;
    await sleep(500);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(START_LOCK, { force: true });
  }
}
