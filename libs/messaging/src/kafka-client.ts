import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export type KafkaSettings = Readonly<{ brokers: readonly string[]; clientId: string }>;

/** kafkajs logs as one JSON line per entry, warnings and errors only, like the services do. */
const jsonLogCreator = () => ({ namespace, level, log }: LogEntry) => {
  const { message, ...extra } = log;
  const severity = level === logLevel.ERROR ? 'error' : 'warn';
  process.stderr.write(`${JSON.stringify({ level: severity, source: `kafkajs.${namespace}`, message, ...extra })}\n`);
};

/** A kafkajs client for the given brokers. */
export const createKafka = ({ brokers, clientId }: KafkaSettings): Kafka =>
  new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.WARN, logCreator: jsonLogCreator });

/** `KAFKA_BROKERS` (comma-separated host:port), default the local broker. */
export const brokersFromEnv = (env: NodeJS.ProcessEnv = process.env): string[] =>
  (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
