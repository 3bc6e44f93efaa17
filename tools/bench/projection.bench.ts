// `npm run bench:projection`: the projection (apps/projection/src/main.ts, its own process)
// catching up a topic of 200,000 KYC events, its ratio to plain INSERTs of the same rows, its live
// lag at 1,000 events/s and its resident memory. PostgreSQL, Kafka, the projection and this
// benchmark share the 2 cores. Writes docs/benchmarks/projection.*. BENCH_PROFILE=1 also samples
// the projection's CPU (which slows it) and says where its time goes.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderUpdatedChannel } from '@forensics/read-model';
import { freePort, testInfra } from '@forensics/testing';
import { Client } from 'pg';
import { hostCalibrationMs, percentile, round, writeBenchmark } from './bench-report';
import { openBenchResources, type BenchResources } from './projection/bench-resources';
import { projectionCounters, rowWrites, waitForCatchUp } from './projection/catch-up';
import { summarizeProfilePhases } from './projection/cpu-profile-summary';
import { measureCpu } from './projection/cpu-shares';
import { appendAndPublish } from './projection/event-feed';
import { measureCeilings, readFinalRows } from './projection/insert-ceiling';
import { planKycTraffic } from './projection/kyc-traffic';
import { runLiveLoad } from './projection/live-lag';
import { type CatchUpResult, toFigures } from './projection/projection-figures';
import { type ProjectionProcess, profileClockUs, startProjectionProcess } from './projection/projection-process';
import { report } from './projection/projection-report';
import { loadProjectionConfig } from '@forensics/projection';
import { type RssSamples, sampleRss } from './projection/rss-samples';
import { sampleSqlActivity } from './projection/sql-activity';
import { scrapeHistograms, stageLatency } from './projection/stage-latency';

const settings = {
  events: Number(process.env['BENCH_EVENTS'] ?? 200_000),
  partitions: Number(process.env['BENCH_PARTITIONS'] ?? 12),
  // The projection's own default unless the environment says otherwise, as in production.
  concurrency: Number(process.env['PROJECTION_CONCURRENCY'] ?? loadProjectionConfig({}).concurrency),
  liveRate: Number(process.env['BENCH_LIVE_RATE'] ?? 1000),
  liveS: Number(process.env['BENCH_LIVE_S'] ?? 20),
  liveWarmupS: 5,
  profiled: process.env['BENCH_PROFILE'] === '1',
  // For experiments only, e.g. a heap limit: the figures say which options ran.
  nodeOptions: process.env['BENCH_PROJECTION_NODE_OPTIONS'] ?? '',
};
// A KYC folder brings about 6.6 events: 4-5 at creation, two results, sometimes an operator's decision.
const EVENTS_PER_FOLDER = 6.6;
// The ceiling is timed with 1, 2 and 4 transactions at a time.
const CEILING_RUNS = 3;
const databaseUrl = process.env['DATABASE_URL'] ?? testInfra.databaseUrl;

async function main(): Promise<void> {
  const { events, partitions, concurrency, liveRate, liveS, profiled } = settings;
  console.log(`bench:projection, ${events} events on ${partitions} partitions, projection concurrency ${concurrency}, then ${liveRate} events/s for ${liveS} s${profiled ? ', CPU-profiled' : ''}`);
  const calibrationMs = hostCalibrationMs();
  console.log(`  host calibration: ${calibrationMs} ms (lower is faster)`);
  let started = performance.now();
  const plan = planKycTraffic({ events, foldersPerS: liveRate / EVENTS_PER_FOLDER, startEpochMs: Date.now() - 3_600_000, seed: 1 });
  console.log(`  planned ${plan.folders} folders, ${plan.events} events with the domain's decide in ${Math.round(performance.now() - started)} ms`);
  const resources = await openBenchResources({ databaseUrl, partitions, ceilings: CEILING_RUNS });
  try {
    started = performance.now();
    await appendAndPublish(plan.appends, resources.eventStore, resources.producer, resources.topic);
    const preloadS = (performance.now() - started) / 1000;
    console.log(`  ${plan.events} events appended to ${resources.eventSchema} and published to ${resources.topic} in ${round(preloadS)} s`);

    const metricsPort = await freePort();
    const profileDir = profiled ? mkdtempSync(path.join(os.tmpdir(), 'bench-projection-profile-')) : null;
    const projection = startProjectionProcess(projectionEnv(resources, metricsPort), profileDir);
    resources.beforeCleanUp(projection.stop);
    const rss = sampleRss(projection.pid);
    resources.beforeCleanUp(async () => rss.stop());
    const catchup = await catchUp(projection, rss, resources, metricsPort, { ...plan, preloadS });

    rss.setPhase('ceiling');
    const final = await readFinalRows(databaseUrl, resources.readSchema);
    const foldersPerBatch = Math.max(1, Math.ceil(final.folderIds.length / Math.max(1, catchup.counters['projection_batches_total'] ?? 1)));
    const ceiling = await measureCeilings(databaseUrl, resources.ceilingSchemas, final, foldersPerBatch);
    await new Promise((resolve) => setTimeout(resolve, 2000));

    rss.setPhase('live');
    const live = await liveLoad(projection, rss, resources, metricsPort);
    rss.stop();
    let profiles = {};
    if (profileDir) {
      // --cpu-prof writes the profile when the process exits.
      await projection.stop();
      profiles = summarizeProfilePhases(profileDir, { catchup: catchup.profileMarks, live: live.profileMarks });
      for (const [phase, summary] of Object.entries(profiles)) console.log(`  CPU profile of the ${phase}: ${JSON.stringify(summary)}`);
      console.log(`  the profile and its phase marks are in ${profileDir}`);
    }
    const figures = toFigures({ settings: { ...settings, calibrationMs }, catchup: { ...catchup, rows: final.rows }, ceiling, live, rss, profiles });
    console.log(JSON.stringify(figures, null, 2));
    writeBenchmark('projection', report(figures), figures);
  } finally {
    await resources.cleanUp();
  }
}

function projectionEnv(resources: BenchResources, metricsPort: number): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    EVENT_STORE_SCHEMA: resources.eventSchema,
    READ_MODEL_SCHEMA: resources.readSchema,
    FOLDER_EVENTS_TOPIC: resources.topic,
    DEAD_LETTER_TOPIC: `${resources.topic}.dead-letter`,
    PROJECTION_GROUP_ID: resources.groupId,
    PROJECTION_CONCURRENCY: String(settings.concurrency),
    PROJECTION_METRICS_PORT: String(metricsPort),
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    ...(settings.nodeOptions ? { NODE_OPTIONS: settings.nodeOptions } : {}),
  };
}

const memoryOf = (projection: ProjectionProcess, rss: RssSamples) => () => {
  const m = projection.memory();
  return `RSS ${Math.round(rss.latest())} MB${m ? ` (JS heap ${m['heap_used']} used of ${m['heap_total']}, external ${m['external']})` : ''}`;
};

/** From the projection consuming until every folder is at its last version. */
async function catchUp(
  projection: ProjectionProcess,
  rss: RssSamples,
  resources: BenchResources,
  metricsPort: number,
  plan: { events: number; folders: number; preloadS: number },
): Promise<Omit<CatchUpResult, 'rows'> & { profileMarks: [number, number] }> {
  const spawnedAt = performance.now();
  const consumingAt = await projection.consuming;
  const markedAt = profileClockUs();
  rss.setPhase('catchup');
  const readModel = new Client({ connectionString: databaseUrl, options: `-c search_path=${resources.readSchema}`, application_name: 'bench-poll' });
  await readModel.connect();
  try {
    const cpu = measureCpu(projection.pid);
    const stopSqlSampler = await sampleSqlActivity(databaseUrl, ['projection', 'projection-gap-fill']);
    const doneAt = await waitForCatchUp(readModel, plan.events, consumingAt, projection, memoryOf(projection, rss));
    const result = { memory: projection.memory() ?? {}, cpu: cpu(), sql: await stopSqlSampler(), profileMarks: [markedAt, profileClockUs()] as [number, number] };
    const seconds = (doneAt - consumingAt) / 1000;
    console.log(`  caught up: ${plan.events} events in ${round(seconds)} s = ${Math.round(plan.events / seconds)} events/s (${Math.round(plan.events / ((doneAt - spawnedAt) / 1000))} events/s counting process start-up)`);
    console.log(`  cores used: ${JSON.stringify(result.cpu)}; busy projection connections in PostgreSQL: ${JSON.stringify(result.sql.busyConnections)}`);
    const counters = await projectionCounters(metricsPort);
    const written = await rowWrites(readModel);
    return { ...plan, ...result, seconds, secondsFromStart: (doneAt - spawnedAt) / 1000, startupS: (consumingAt - spawnedAt) / 1000, counters, written };
  } finally {
    await readModel.end();
  }
}

/** New folders at the live rate, appended and published every 10 ms, after a warm-up. */
async function liveLoad(projection: ProjectionProcess, rss: RssSamples, resources: BenchResources, metricsPort: number) {
  const { liveRate, liveS, liveWarmupS } = settings;
  const totalMs = (liveWarmupS + liveS) * 1000;
  const plan = planKycTraffic({ events: liveRate * (liveWarmupS + liveS) * 1.3, foldersPerS: liveRate / EVENTS_PER_FOLDER, startEpochMs: Date.now(), seed: 2 });
  const cpu = measureCpu(projection.pid);
  const markedAt = profileClockUs();
  const histograms = await scrapeHistograms(metricsPort);
  const memory = memoryOf(projection, rss);
  console.log(`  live: ${liveRate} events/s of new folders in 10 ms batches, ${liveWarmupS} s warm-up then ${liveS} s measured`);
  const live = await runLiveLoad({
    eventStore: resources.eventStore,
    producer: resources.producer,
    topic: resources.topic,
    databaseUrl,
    channel: folderUpdatedChannel(resources.readSchema),
    appends: plan.appends.filter((a) => a.atMs <= totalMs),
    warmupMs: liveWarmupS * 1000,
    onProgress: ({ elapsedS, sentPerS, lags }) => {
      const sorted = [...lags].sort((a, b) => a - b);
      console.log(`  ${String(Math.round(elapsedS)).padStart(3)} s: sent ${Math.round(sentPerS)} events/s, lag p50 ${round(percentile(sorted, 50))} ms p99 ${round(percentile(sorted, 99))} ms, ${memory()}`);
    },
  });
  const stages = stageLatency(histograms, await scrapeHistograms(metricsPort));
  console.log(`  inside the projection (histogram bucket bounds): ${JSON.stringify(stages)}`);
  return { ...live, stages, cpu: cpu(), memory: projection.memory() ?? {}, profileMarks: [markedAt, profileClockUs()] as [number, number] };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
