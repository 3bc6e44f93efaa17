// Whether something answers, from the network side only (no knowledge of our processes).
import net from 'node:net';
import { kafkaConfig } from './config.mjs';
import { loadDependency } from './load-dependency.mjs';

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
