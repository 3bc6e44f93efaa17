// Where the Kafka tooling reads its inputs and writes everything it generates.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const KAFKA_TOOLS_DIR = path.join(REPO_ROOT, 'tools', 'infra', 'kafka');
export const POM_FILE = path.join(KAFKA_TOOLS_DIR, 'pom.xml');
export const LOG4J_CONFIG = path.join(KAFKA_TOOLS_DIR, 'log4j2.xml');

// Everything generated lives under .cache/ (git-ignored): jars, data, logs, pid file.
export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'kafka');
export const DATA_DIR = path.join(CACHE_DIR, 'data');
export const LOGS_DIR = path.join(CACHE_DIR, 'logs');
export const SERVER_LOG = path.join(LOGS_DIR, 'server.log'); // written by log4j (see log4j2.xml)
export const CONSOLE_LOG = path.join(LOGS_DIR, 'console.log'); // JVM stdout/stderr: crashes before log4j starts
export const PID_FILE = path.join(CACHE_DIR, 'kafka.pid');
export const PROPS_FILE = path.join(CACHE_DIR, 'server.properties');
// Records how DATA_DIR was formatted, so a change of ports or cluster id triggers a reformat.
export const FORMAT_MARKER = path.join(CACHE_DIR, 'data.format.json');
export const START_LOCK = path.join(CACHE_DIR, 'up.lock');

/** A path relative to the repo root, for messages. */
export function rel(p) {
  return path.relative(REPO_ROOT, p) || '.';
}
