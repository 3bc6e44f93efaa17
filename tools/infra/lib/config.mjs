// Settings that come from the environment (documented in ../infra.mjs).
import net from 'node:net';
import { InfraError } from './infra-error.mjs';

const DEFAULT_BROKERS = '127.0.0.1:9092';
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/forensics';
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/forensics_test';
const DEFAULT_HEAP = '-Xms256m -Xmx512m'; // modest: 2-core dev machines
const DEFAULT_START_TIMEOUT_MS = 90_000;

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

export function kafkaHeapOpts(env = process.env) {
  return env.KAFKA_HEAP_OPTS || DEFAULT_HEAP;
}

export function kafkaStartTimeoutMs(env = process.env) {
  return Number(env.KAFKA_START_TIMEOUT_MS || DEFAULT_START_TIMEOUT_MS);
}
