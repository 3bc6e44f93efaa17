// `npm run bench:ingest`: events per second appended through ingest (a separate process, over
// TCP, as the gateway calls it) and published by the relay, and the relay's lag from commit to
// Kafka ack. Postgres and Kafka run on the same 2-core host. Writes docs/benchmarks/ingest.*.
import { createConnection } from 'node:net';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { createDataSource, migrate, type StoredEvent } from '@forensics/event-store';
import { createKafka } from '@forensics/messaging';
import { NoDelayJsonSocket } from '@forensics/messaging';
import { createRelay } from '@forensics/relay';
import { freePort, startService, testInfra, uniqueName, waitFor } from '@forensics/testing';
import { machine, percentile, round, writeBenchmark } from './bench-report';
import { oneCheck } from './ingest-load';

const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 20);
const WARMUP_S = Number(process.env['BENCH_WARMUP_S'] ?? 3);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const databaseUrl = process.env['DATABASE_URL'] ?? testInfra.databaseUrl;

async function main(): Promise<void> {
  const schema = uniqueName('bench_ingest');
  const topic = uniqueName('bench-folder-events');
  console.log(`bench:ingest, ${DURATION_S} s measured after ${WARMUP_S} s warm-up, ${CONCURRENCY} checks in flight`);
  const dataSource = createDataSource({ url: databaseUrl, schema, poolSize: 2 });
  await dataSource.initialize();
  await migrate(dataSource);

  const port = await freePort();
  const ingestProcess = startService('apps/ingest/src/main.ts', {
    DATABASE_URL: databaseUrl,
    EVENT_STORE_SCHEMA: schema,
    INGEST_PORT: String(port),
    INGEST_METRICS_PORT: '0',
  });
  await waitFor(() => canConnect(port), Boolean, { timeoutMs: 30_000, intervalMs: 200, what: `ingest to listen (${ingestProcess.output()})` });

  // Lag is measured from the event's commit (recorded_at is taken in the appending transaction,
  // just before it commits: a slightly pessimistic start) to the moment Kafka acknowledged it.
  let measuring = false;
  let publishedInWindow = 0;
  const lags: number[] = [];
  const onPublished = (events: readonly StoredEvent[]) => {
    if (!measuring) return;
    const acked = Date.now();
    publishedInWindow += events.length;
    for (const event of events) lags.push(acked - event.recorded_at.getTime());
  };
  const relay = await createRelay(
    { databaseUrl, schema, brokers: testInfra.kafkaBrokers, topic, partitions: 12, batchSize: 500, name: 'relay', metrics: { host: '127.0.0.1', port: 0 } },
    { onPublished, log: () => undefined },
  );
  void relay.relay.run();

  const ingest = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port, socketClass: NoDelayJsonSocket } });
  await ingest.connect();
  let appendedInWindow = 0;
  let commandsInWindow = 0;
  let appendedTotal = 0;
  let stop = false;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (!stop) {
      const { commands, events } = await oneCheck(ingest as ClientProxy);
      appendedTotal += events;
      if (measuring) {
        appendedInWindow += events;
        commandsInWindow += commands;
      }
    }
  });

  await sleep(WARMUP_S * 1000);
  const publishedBefore = relay.relay.stats.published;
  measuring = true;
  const started = Date.now();
  for (let second = 2; second <= DURATION_S; second += 2) {
    await sleep(2000);
    const elapsed = (Date.now() - started) / 1000;
    const sorted = [...lags].sort((a, b) => a - b);
    console.log(
      `  ${String(Math.round(elapsed)).padStart(3)} s: appended ${Math.round(appendedInWindow / elapsed)} ev/s, published ${Math.round(publishedInWindow / elapsed)} ev/s, lag p50 ${percentile(sorted, 50)} ms p99 ${percentile(sorted, 99)} ms`,
    );
  }
  const windowS = (Date.now() - started) / 1000;
  measuring = false;
  stop = true;
  await Promise.all(workers);
  const drainStarted = Date.now();
  await waitFor(() => relay.relay.stats.published - publishedBefore, () => relay.relay.stats.published >= appendedTotal, { timeoutMs: 60_000, what: 'the relay to drain' });
  const drainMs = Date.now() - drainStarted;

  const sorted = [...lags].sort((a, b) => a - b);
  const figures = {
    machine: machine(),
    measured_at: new Date().toISOString(),
    duration_s: round(windowS),
    concurrency: CONCURRENCY,
    events_per_s: Math.round(appendedInWindow / windowS),
    commands_per_s: Math.round(commandsInWindow / windowS),
    published_per_s: Math.round(publishedInWindow / windowS),
    relay_lag_p50_ms: percentile(sorted, 50),
    relay_lag_p95_ms: percentile(sorted, 95),
    relay_lag_p99_ms: percentile(sorted, 99),
    relay_lag_max_ms: sorted[sorted.length - 1] ?? null,
    lag_samples: sorted.length,
    drain_after_load_ms: drainMs,
    events_total: appendedTotal,
  };
  console.log(JSON.stringify(figures, null, 2));
  writeBenchmark('ingest', report(figures), figures);

  await ingest.close();
  await relay.close();
  await ingestProcess.stop();
  await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource.destroy();
  const admin = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'bench-cleanup' }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}

function report(f: Record<string, unknown>): string {
  return [
    '# Ingest and relay throughput',
    '',
    `Measured ${f['measured_at']} by \`npm run bench:ingest\` (tools/bench/ingest.bench.ts).`,
    '',
    `Machine: ${f['machine']}. PostgreSQL, Kafka 4.3.1 (single KRaft node), the ingest process and the benchmark (with the relay) all share these 2 cores.`,
    '',
    'Load: KYC checks, each a single-request `folders.create` (folder, 3 media and a group of 2 analyses: 5 events in one append)',
    `followed by two \`analyses.record_result\` commands (1 event each), sent over TCP to the ingest service; ${f['concurrency']} checks in flight.`,
    'A result command reads the folder stream, decides with the domain and appends at the version it read; a create decides on the',
    'empty state and appends at version 0. Lag is measured from `recorded_at` (taken inside the appending transaction, just before',
    'its commit) to the Kafka acknowledgement, on the same host clock.',
    '',
    '| figure | value | target |',
    '| --- | --- | --- |',
    `| events appended through ingest | ${f['events_per_s']} events/s | >= 2,000 |`,
    `| commands handled | ${f['commands_per_s']} commands/s | |`,
    `| events published by the relay | ${f['published_per_s']} events/s | keeps up |`,
    `| relay lag, commit to Kafka ack, p50 | ${f['relay_lag_p50_ms']} ms | |`,
    `| relay lag p95 | ${f['relay_lag_p95_ms']} ms | |`,
    `| relay lag p99 | ${f['relay_lag_p99_ms']} ms | <= 50 ms |`,
    `| relay lag max | ${f['relay_lag_max_ms']} ms | |`,
    `| relay drain after the load stopped | ${f['drain_after_load_ms']} ms | |`,
    '',
    `Window: ${f['duration_s']} s after warm-up; ${f['lag_samples']} lag samples (one per event published in the window).`,
    '',
  ].join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
