import net from 'node:net';
import tls from 'node:tls';
import { Kafka, type ISocketFactory, logLevel, type LogEntry } from 'kafkajs';
import { fixKafkajsIdleTimer } from './kafkajs-idle-timer-fix';

fixKafkajsIdleTimer();

export type KafkaSettings = Readonly<{ brokers: readonly string[]; clientId: string }>;

/** kafkajs logs as one JSON line per entry, warnings and errors only, like the services do. */
const jsonLogCreator = () => ({ namespace, level, log }: LogEntry) => {
  const { message, ...extra } = log;
  const severity = level === logLevel.ERROR ? 'error' : 'warn';
  process.stderr.write(`${JSON.stringify({ level: severity, source: `kafkajs.${namespace}`, message, ...extra })}\n`);
};

/**
 * kafkajs's own socket factory, with Nagle's algorithm off: a request written while an earlier one
 * (a heartbeat, an offset commit) is unacknowledged would otherwise wait for the broker's delayed
 * ACK, which adds milliseconds to a hop on the latency path.
 */
const noDelaySocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect) : net.connect({ host, port }, onConnect);
  socket.setKeepAlive(true, 60_000);
  socket.setNoDelay(true);
  return socket;
};

/** A kafkajs client for the given brokers. */
export const createKafka = ({ brokers, clientId }: KafkaSettings): Kafka =>
  new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.WARN, logCreator: jsonLogCreator, socketFactory: noDelaySocketFactory });
