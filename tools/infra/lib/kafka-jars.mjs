// Kafka's jars, resolved by Maven from tools/infra/kafka/pom.xml and cached per version.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InfraError } from './infra-error.mjs';
import { CACHE_DIR, POM_FILE, REPO_ROOT, rel } from './paths.mjs';
import { runCapture } from './run-capture.mjs';

/** The Kafka version pinned in tools/infra/kafka/pom.xml (the single source of truth). */
export function kafkaVersion() {
  const match = fs.readFileSync(POM_FILE, 'utf8').match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/);
  if (!match) throw new InfraError(`No <kafka.version> property in ${rel(POM_FILE)}.`);
  return match[1];
}

export function libsDir(version) {
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

// Maven 3.8 prints stray ANSI color resets even in batch mode.
function stripAnsi(text) {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Downloads Kafka's jars with Maven unless they are cached; returns the libs folder. */
export async function ensureKafkaJars(version, log) {
  const libs = libsDir(version);
  if (isKafkaCached(version)) return libs;

  log(`Downloading Kafka ${version} from Maven Central into ${rel(libs)} (first run only, may take a few minutes)...`);
  // Download into a temporary folder and rename at the end, so an interrupted download never
  // looks like a complete cache.
  const partial = `${libs}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  const args = ['-q', '-B', '-f', POM_FILE, 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`];
  // With -q there is no progress to show anyway, so the output only matters on failure.
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
