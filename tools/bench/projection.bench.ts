// `npm run bench:projection`: the projection (apps/projection/src/main.ts, its own process)
// catching up a topic of 200,000 KYC events, its ratio to plain INSERTs of the same rows, its live
// lag at 1,000 events/s and its resident memory. PostgreSQL, Kafka, the projection and this
// benchmark share the 2 cores. Writes docs/benchmarks/projection.*. BENCH_PROFILE=1 also samples
// the projection's CPU (which slows it) and says where its time goes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource, EVENT_STORE_MIGRATIONS, migrate } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer } from '@forensics/messaging';
import { folderUpdatedChannel } from '@forensics/projection';
import { freePort, testInfra, uniqueName } from '@forensics/testing';
import { Client } from 'pg';
import { machine, percentile, repoRoot, round, writeBenchmark } from './bench-report';
import { readCpuProfile, summarizeCpuProfile, type ProfileSummary } from './projection/cpu-profile-summary';
import { measureCpu } from './projection/cpu-shares';
import { appendInBulk, publishInChunks, relayMessages } from './projection/event-feed';
import { measureInsertCeiling, readFinalRows } from './projection/insert-ceiling';
import { planKycTraffic, type PlannedAppend } from './projection/kyc-traffic';
import { runLiveLoad } from './projection/live-lag';
import { profileClockUs, rssMb, startProjectionProcess } from './projection/projection-process';
import { flatten, report } from './projection/projection-report';
import { sampleSqlActivity } from './projection/sql-activity';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const PARTITIONS = Number(process.env['BENCH_PARTITIONS'] ?? 12);
const CONCURRENCY = Number(process.env['PROJECTION_CONCURRENCY'] ?? 4);
const LIVE_RATE = Number(process.env['BENCH_LIVE_RATE'] ?? 1000);
const LIVE_S = Number(process.env['BENCH_LIVE_S'] ?? 20);
const LIVE_WARMUP_S = 5;
const PROFILE = process.env['BENCH_PROFILE'] === '1';
const NODE_OPTIONS = process.env['BENCH_PROJECTION_NODE_OPTIONS'] ?? '';
// A KYC folder brings about 6.6 events: 4-5 at creation, two results, sometimes an operator's decision.
const EVENTS_PER_FOLDER = 6.6;
const databaseUrl = process.env['DATABASE_URL'] ?? testInfra.databaseUrl;

async function main(): Promise<void> {
  const eventSchema = uniqueName('bench_proj_events');
  const readSchema = uniqueName('bench_proj_read');
  const ceilingSchemas = [uniqueName('bench_proj_ceiling'), uniqueName('bench_proj_ceiling')];
  const topic = uniqueName('bench-proj-folder-events');
  const groupId = uniqueName('bench-proj-group');
  console.log(`bench:projection, ${EVENTS} events on ${PARTITIONS} partitions, projection concurrency ${CONCURRENCY}, then ${LIVE_RATE} events/s for ${LIVE_S} s${PROFILE ? ', CPU-profiled' : ''}`);

  let started = performance.now();
  const plan = planKycTraffic({ events: EVENTS, foldersPerS: LIVE_RATE / EVENTS_PER_FOLDER, startEpochMs: Date.now() - 3_600_000, seed: 1 });
  console.log(`  planned ${plan.folders} folders, ${plan.events} events with the domain's decide in ${Math.round(performance.now() - started)} ms`);

  const eventStore = createDataSource({ url: databaseUrl, schema: eventSchema, poolSize: 2, migrations: EVENT_STORE_MIGRATIONS });
  await eventStore.initialize();
  await migrate(eventStore);
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'bench-projection' });
  await ensureTopic(kafka, topic, { partitions: PARTITIONS });
  const producer = await KafkaMessageProducer.connect(kafka);
  let stopProjection: () => Promise<void> = async () => undefined;
  let cleaned = false;
  // Also on Ctrl-C: a benchmark leaves no schema, topic or process behind.
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    await stopProjection();
    await producer.disconnect();
    for (const schema of [eventSchema, readSchema, ...ceilingSchemas]) await eventStore.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await eventStore.destroy();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dead-letter`] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    console.log('  cleaned up the schemas, topics and consumer group');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  started = performance.now();
  await preload(plan.appends, eventStore, producer, topic, plan.events).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  const preloadS = (performance.now() - started) / 1000;
  console.log(`  ${plan.events} events appended to ${eventSchema} and published to ${topic} in ${round(preloadS)} s`);

  const metricsPort = await freePort();
  const profileDir = PROFILE ? mkdtempSync(path.join(os.tmpdir(), 'bench-projection-profile-')) : null;
  const projection = startProjectionProcess(
    {
      DATABASE_URL: databaseUrl,
      EVENT_STORE_SCHEMA: eventSchema,
      READ_MODEL_SCHEMA: readSchema,
      FOLDER_EVENTS_TOPIC: topic,
      DEAD_LETTER_TOPIC: `${topic}.dead-letter`,
      PROJECTION_GROUP_ID: groupId,
      PROJECTION_CONCURRENCY: String(CONCURRENCY),
      PROJECTION_METRICS_PORT: String(metricsPort),
      KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
      // For experiments only, e.g. a heap limit: the figures say which options ran.
      ...(NODE_OPTIONS ? { NODE_OPTIONS } : {}),
    },
    profileDir,
  );
  stopProjection = projection.stop;
  const spawnedAt = performance.now();
  const rss: { phase: string; mb: number }[] = [];
  let phase = 'startup';
  const rssTimer = setInterval(() => {
    const mb = rssMb(projection.pid);
    if (mb !== null) rss.push({ phase, mb });
  }, 250);

  try {
    const consumingAt = await projection.consuming;
    // Marks cut the profile: catch-up from the first to the second, live from the third to the fourth.
    const marks: number[] = [];
    const markProfile = () => marks.push(profileClockUs());
    markProfile();
    phase = 'catchup';
    const readModel = new Client({ connectionString: databaseUrl, options: `-c search_path=${readSchema}`, application_name: 'bench-poll' });
    await readModel.connect();
    const cpuCatchup = measureCpu(projection.pid);
    const stopSqlSampler = await sampleSqlActivity(databaseUrl, ['projection', 'projection-gap-fill']);
    const memoryNow = () => {
      const m = projection.memory();
      return `RSS ${Math.round(rss.at(-1)?.mb ?? 0)} MB${m ? ` (JS heap ${m['heap_used']} used of ${m['heap_total']}, external ${m['external']})` : ''}`;
    };
    const doneAt = await waitForCatchUp(readModel, plan.events, consumingAt, memoryNow, projection.tail);
    const catchupMemory = projection.memory() ?? {};
    const catchupCpu = cpuCatchup();
    const catchupSql = await stopSqlSampler();
    markProfile();
    const catchupS = (doneAt - consumingAt) / 1000;
    const counters = await projectionCounters(metricsPort);
    console.log(`  caught up: ${plan.events} events in ${round(catchupS)} s = ${Math.round(plan.events / catchupS)} events/s (${Math.round(plan.events / ((doneAt - spawnedAt) / 1000))} events/s counting process start-up)`);
    console.log(`  cores used: ${JSON.stringify(catchupCpu)}; busy projection connections in PostgreSQL: ${JSON.stringify(catchupSql.busyConnections)}`);

    phase = 'ceiling';
    const written = await rowWrites(readModel);
    const final = await readFinalRows(databaseUrl, readSchema);
    const foldersPerBatch = Math.max(1, Math.ceil(final.folderIds.length / Math.max(1, counters['projection_batches_total'] ?? 1)));
    const ceilings = [];
    for (const [index, concurrency] of [1, CONCURRENCY].entries()) {
      const ceiling = await measureInsertCeiling(databaseUrl, ceilingSchemas[index] as string, final, { foldersPerBatch, concurrency });
      console.log(`  plain INSERT of the same ${ceiling.rows} rows, ${foldersPerBatch} folders per transaction, ${concurrency} at a time: ${round(ceiling.seconds)} s = ${ceiling.rowsPerS} rows/s`);
      ceilings.push(ceiling);
    }
    const ceiling = ceilings.reduce((best, c) => (c.rowsPerS > best.rowsPerS ? c : best));
    await new Promise((resolve) => setTimeout(resolve, 2000));

    phase = 'live';
    const totalLiveMs = (LIVE_WARMUP_S + LIVE_S) * 1000;
    const livePlan = planKycTraffic({ events: LIVE_RATE * (LIVE_WARMUP_S + LIVE_S) * 1.3, foldersPerS: LIVE_RATE / EVENTS_PER_FOLDER, startEpochMs: Date.now(), seed: 2 });
    const cpuLive = measureCpu(projection.pid);
    markProfile();
    console.log(`  live: ${LIVE_RATE} events/s of new folders in 10 ms batches, ${LIVE_WARMUP_S} s warm-up then ${LIVE_S} s measured`);
    const live = await runLiveLoad({
      eventStore,
      producer,
      topic,
      databaseUrl,
      channel: folderUpdatedChannel(readSchema),
      appends: livePlan.appends.filter((a) => a.atMs <= totalLiveMs),
      warmupMs: LIVE_WARMUP_S * 1000,
      onProgress: ({ elapsedS, sentPerS, lags }) => {
        const sorted = [...lags].sort((a, b) => a - b);
        console.log(`  ${String(Math.round(elapsedS)).padStart(3)} s: sent ${Math.round(sentPerS)} events/s, lag p50 ${round(percentile(sorted, 50))} ms p99 ${round(percentile(sorted, 99))} ms, ${memoryNow()}`);
      },
    });
    const liveCpu = cpuLive();
    const liveMemory = projection.memory() ?? {};
    markProfile();
    clearInterval(rssTimer);
    await readModel.end();

    const profiles: Record<string, ProfileSummary> = {};
    if (profileDir) {
      // --cpu-prof writes the profile when the process exits.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [catchupFrom, catchupTo, liveFrom, liveTo] = marks;
      await projection.stop();
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (!file || liveTo === undefined) throw new Error(`no CPU profile or marks in ${profileDir}`);
      const profile = readCpuProfile(path.join(profileDir, file));
      profiles['catchup'] = summarizeCpuProfile(profile, catchupFrom ?? 0, catchupTo ?? 0);
      profiles['live'] = summarizeCpuProfile(profile, liveFrom ?? 0, liveTo);
      for (const [phaseName, summary] of Object.entries(profiles)) console.log(`  CPU profile of the ${phaseName}: ${JSON.stringify(summary)}`);
      writeFileSync(path.join(profileDir, 'marks.json'), JSON.stringify({ catchup: [catchupFrom, catchupTo], live: [liveFrom, liveTo] }));
      console.log(`  the profile and its phase marks are in ${profileDir}`);
    }
    const mbOf = (p: string) => rss.filter((s) => s.phase === p).map((s) => s.mb).sort((a, b) => a - b);
    const liveRss = mbOf('live');
    const projectionRowsPerS = Math.round(final.rows / catchupS);
    const figures = {
      machine: machine(),
      measured_at: new Date().toISOString(),
      profiled: PROFILE,
      code_version: codeVersion(),
      projection_node_options: NODE_OPTIONS,
      partitions: PARTITIONS,
      projection_concurrency: CONCURRENCY,
      events: plan.events,
      folders: plan.folders,
      preload_s: round(preloadS),
      catchup_s: round(catchupS, 2),
      catchup_events_per_s: Math.round(plan.events / catchupS),
      catchup_events_per_s_from_process_start: Math.round(plan.events / ((doneAt - spawnedAt) / 1000)),
      startup_s: round((consumingAt - spawnedAt) / 1000, 2),
      batches: counters['projection_batches_total'] ?? null,
      events_per_batch: Math.round(plan.events / (counters['projection_batches_total'] ?? Number.NaN)),
      gap_fill_events: counters['projection_gap_fill_events_total'] ?? null,
      redelivered_events: counters['projection_events_redelivered_total'] ?? null,
      rows_definition: 'rows in the four read-model tables (folders, media, analyses, analysis_groups) after the catch-up',
      rows: final.rows,
      projection_rows_per_s: projectionRowsPerS,
      projection_row_writes: written.inserts + written.updates,
      projection_row_updates: written.updates,
      projection_row_writes_per_s: Math.round((written.inserts + written.updates) / catchupS),
      insert_ceiling_rows_per_s: ceiling.rowsPerS,
      insert_ceiling_concurrency: ceiling.concurrency,
      insert_ceiling_folders_per_batch: foldersPerBatch,
      insert_ceiling_rows_per_s_single: ceilings[0]?.rowsPerS ?? null,
      insert_ceiling_rows_per_s_concurrent: ceilings[1]?.rowsPerS ?? null,
      ratio_to_ceiling: round(projectionRowsPerS / ceiling.rowsPerS, 2),
      ratio_to_ceiling_counting_row_writes: round((written.inserts + written.updates) / catchupS / ceiling.rowsPerS, 2),
      live_target_events_per_s: LIVE_RATE,
      live_events_per_s: Math.round(live.eventsInWindow / live.windowS),
      live_window_s: round(live.windowS),
      live_sends: live.sendsInWindow,
      live_lag_samples: live.lags.length,
      live_lag_p50_ms: round(percentile(live.lags, 50)),
      live_lag_p95_ms: round(percentile(live.lags, 95)),
      live_lag_p99_ms: round(percentile(live.lags, 99)),
      live_lag_max_ms: round(live.lags.at(-1) ?? Number.NaN),
      live_unconfirmed: live.unconfirmed,
      rss_mb: Math.round(percentile(liveRss, 50)),
      rss_live_max_mb: Math.round(liveRss.at(-1) ?? Number.NaN),
      rss_catchup_median_mb: Math.round(percentile(mbOf('catchup'), 50)),
      rss_catchup_max_mb: Math.round(mbOf('catchup').at(-1) ?? Number.NaN),
      rss_max_mb: Math.round(Math.max(...rss.map((s) => s.mb))),
      rss_startup_mb: Math.round(mbOf('startup').at(-1) ?? Number.NaN),
      ...flatten('memory_catchup_end_mb', catchupMemory),
      ...flatten('memory_live_end_mb', liveMemory),
      ...flatten('cpu_catchup_cores', catchupCpu),
      ...flatten('cpu_live_cores', liveCpu),
      ...flatten('sql_catchup_busy_connections', catchupSql.busyConnections),
      ...Object.fromEntries(Object.entries(profiles).flatMap(([p, summary]) => Object.entries(flatten(`profile_${p}_share_pct`, Object.fromEntries(Object.entries(summary.parts).map(([k, v]) => [k, v.share])))))),
    };
    console.log(JSON.stringify(figures, null, 2));
    writeBenchmark('projection', report(figures), figures);
  } finally {
    clearInterval(rssTimer);
    await cleanUp();
  }
}

/** Appends in statements of about 5,000 events and publishes each statement's events. */
async function preload(appends: readonly PlannedAppend[], eventStore: Parameters<typeof appendInBulk>[0], producer: KafkaMessageProducer, topic: string, total: number): Promise<void> {
  let done = 0;
  let lastProgress = performance.now();
  for (let from = 0; from < appends.length; ) {
    const batch = [];
    while (from < appends.length && batch.length < 5000) batch.push(...(appends[from++] as PlannedAppend).events);
    await publishInChunks(producer, topic, relayMessages(await appendInBulk(eventStore, batch)));
    done += batch.length;
    if (performance.now() - lastProgress >= 2000) {
      lastProgress = performance.now();
      console.log(`  preload: ${done} / ${total} events appended and published`);
    }
  }
}

/** Polls the read model until the folders' versions add up to every event on the topic. */
async function waitForCatchUp(readModel: Client, events: number, since: number, memory: () => string, tail: () => string): Promise<number> {
  let last = { at: since, applied: 0 };
  let moved = { at: since, applied: 0 };
  for (;;) {
    const applied = await readModel
      .query<{ applied: number }>('SELECT coalesce(sum(last_version), 0)::integer AS applied FROM folders')
      .then((r) => r.rows[0]?.applied ?? 0, () => 0);
    const now = performance.now();
    if (applied >= events) return now;
    if (now - last.at >= 2000) {
      const elapsedS = (now - since) / 1000;
      console.log(`  ${String(Math.round(elapsedS)).padStart(3)} s: ${applied} / ${events} events applied, ${Math.round(((applied - last.applied) * 1000) / (now - last.at))} events/s now, ${Math.round(applied / elapsedS)} on average, ${memory()}`);
      last = { at: now, applied };
    }
    if (applied > moved.applied) moved = { at: now, applied };
    if (now - moved.at > 60_000) throw new Error(`the projection applied nothing for 60 s (${applied} / ${events}); it said:\n${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Rows the projection inserted and updated in the four tables (PostgreSQL's table statistics):
 * it writes a folder once per batch that holds its events, so more than the final rows.
 */
async function rowWrites(readModel: Client): Promise<{ inserts: number; updates: number }> {
  // Statistics reach the shared counters within a second of the commit.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { rows } = await readModel.query<{ inserts: string; updates: string }>(
    'SELECT sum(n_tup_ins) AS inserts, sum(n_tup_upd) AS updates FROM pg_stat_user_tables WHERE schemaname = current_schema()',
  );
  return { inserts: Number(rows[0]?.inserts ?? 0), updates: Number(rows[0]?.updates ?? 0) };
}

/** The commit measured, and whether the projection's or the libraries' files differed from it. */
function codeVersion(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--', 'apps/projection', 'libs') !== '';
  return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in apps/projection or libs' : ''}`;
}

/** The projection's own counters, from its Prometheus endpoint. */
async function projectionCounters(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^projection_[a-z_]+ [0-9.e+-]+$/.test(line))
      .map((line) => [line.split(' ')[0] as string, Number(line.split(' ')[1])]),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
