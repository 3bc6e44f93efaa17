// Checks the tools `up` needs before touching anything, so a fresh machine gets one message
// listing every missing piece with the command that installs it.
import { spawnSync } from 'node:child_process';
import { databaseUrls } from './config.mjs';
import { InfraError } from './infra-error.mjs';
import { javaBin } from './java.mjs';
import { isKafkaCached } from './kafka-jars.mjs';
import { connectMaintenance, redactUrl } from './postgres.mjs';

const MIN_JAVA = 17; // Kafka 4.x brokers are compiled for Java 17 (class file version 61)

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
