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
// This file is the only public entry; lib/ is its implementation and may change shape.
//
// Environment:
//   KAFKA_BROKERS            broker address, default 127.0.0.1:9092 (only the first one is used)
//   KAFKA_CONTROLLER_PORT    KRaft controller port, default broker port + 1
//   KAFKA_HEAP_OPTS          JVM heap flags, default "-Xms256m -Xmx512m"
//   KAFKA_START_TIMEOUT_MS   how long `up` waits for the broker, default 90000
//   DATABASE_URL             default postgres://postgres@127.0.0.1:5432/forensics
//   TEST_DATABASE_URL        default postgres://postgres@127.0.0.1:5432/forensics_test
//   JAVA_HOME                if set, $JAVA_HOME/bin/java is used instead of `java` on PATH

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { down, status, up } from './lib/commands.mjs';
import { InfraError } from './lib/infra-error.mjs';

export { down, status, up } from './lib/commands.mjs';
export { databaseUrls, kafkaConfig } from './lib/config.mjs';
export { InfraError } from './lib/infra-error.mjs';
export { isKafkaCached, kafkaVersion } from './lib/kafka-jars.mjs';
export { isKafkaReady, isPortOpen } from './lib/kafka-readiness.mjs';
export { ensureDatabases } from './lib/postgres.mjs';
export { preflight } from './lib/preflight.mjs';

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
