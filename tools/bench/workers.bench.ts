// `npm run bench:workers`: analyses per minute of the analysis workers on this machine, with both
// cores in use (two worker processes in one consumer group), for photo liveness, 3-second video
// liveness and photo-pair biometry; per analysis p50 / p99 (from the workers' own log lines) and
// the resident memory of each process with the models loaded. Each kind runs on its own topic,
// group, event-store schema and blob directory, with the workers started and warm before the
// folders are published, so the figures are the analyses and not the start-up.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlobStore } from '@forensics/blob-store';
import { decide, evolve, initialFolderState, type MediaType } from '@forensics/domain';
import { createDataSource, EVENT_STORE_MIGRATIONS, handleCommand, migrate, PostgresEventStore, type StoredEvent, toEnvelope } from '@forensics/event-store';
import { createKafka, ensureTopic, KafkaMessageProducer } from '@forensics/messaging';
import { isolatedSchema, serviceNodeArgs, startService, testInfra, uniqueName, waitFor, type ServiceProcess } from '@forensics/testing';
import { machine, percentile, repoRoot, round, writeBenchmark } from './bench-report';
import { rssMb } from './projection/rss-samples';
import { SCENARIOS, type Scenario } from './workers/worker-scenarios';

const FIXTURES = path.join(repoRoot, 'libs/analyzers/test/fixtures/media');
const PROCESSES = 2;
const CONCURRENCY = Number(process.env['ANALYSIS_WORKER_CONCURRENCY'] ?? 2);
const PARTITIONS = 12;
const decider = { decide: (c: Parameters<typeof decide>[0], s: ReturnType<typeof initialFolderState>) => decide(c, s), evolve, initialState: initialFolderState };

type ScenarioResult = Readonly<{
  scenario: Scenario;
  seconds: number;
  perMin: number;
  p50: number;
  p99: number;
  rssMaxMb: number[];
  rssIdleMb: number[];
  byProcess: number[];
  outcomes: Record<string, number>;
}>;

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const schema = isolatedSchema('bench_workers');
  const topic = uniqueName('bench-workers');
  const blobDir = mkdtempSync(path.join(os.tmpdir(), 'bench-workers-blobs-'));
  const kafka = createKafka({ brokers: testInfra.kafkaBrokers, clientId: 'bench-workers' });
  await ensureTopic(kafka, topic, { partitions: PARTITIONS });
  const producer = await KafkaMessageProducer.connect(kafka);
  const dataSource = createDataSource({ url: testInfra.databaseUrl, schema: schema.name, migrations: EVENT_STORE_MIGRATIONS });
  await dataSource.initialize();
  await migrate(dataSource);
  const store = new PostgresEventStore(dataSource);
  const blobs = new BlobStore({ root: blobDir });
  const workers: ServiceProcess[] = [];
  try {
    console.log(`\n${scenario.title}: ${scenario.analyses} analyses, ${PROCESSES} worker processes, ${CONCURRENCY} analyses at a time each`);
    const stored = new Map<string, { sha256: string; size: number; mime: string; media_type: string }>();
    const blobOf = async (file: string) => {
      const known = stored.get(file);
      if (known) return known;
      const put = await blobs.put(readFileSync(path.join(FIXTURES, file)));
      stored.set(file, put);
      return put;
    };
    const events: StoredEvent[] = [];
    for (let n = 0; n < scenario.analyses; n += 1) {
      const folderId = randomUUID();
      const media = await Promise.all(
        scenario.media(n).map(async ({ file, tags }) => {
          const blob = await blobOf(file);
          return { media_id: randomUUID(), original_name: file, media_type: blob.media_type as MediaType, tags, blob: { sha256: blob.sha256, size: blob.size, mime: blob.mime } };
        }),
      );
      const result = await handleCommand(
        store,
        decider,
        folderId,
        {
          type: 'CreateFolder',
          data: { folder_id: folderId, company_id: 'bench', user_id: 'bench', media, analysis_group: { group_id: randomUUID(), analyses: [{ analysis_id: randomUUID(), type: scenario.type }] } },
          metadata: { now: new Date().toISOString(), actor: { user_id: 'bench', company_id: 'bench', role: 'CLIENT' }, correlation_id: randomUUID() },
        },
        { newEventId: randomUUID, schemaVersion: 1, expectNewStream: true },
      );
      events.push(...result.events);
    }
    const env = {
      DATABASE_URL: testInfra.databaseUrl,
      EVENT_STORE_SCHEMA: schema.name,
      FOLDER_EVENTS_TOPIC: topic,
      ANALYSIS_WORKER_GROUP_ID: uniqueName('bench-workers-group'),
      BLOB_DIR: blobDir,
      ANALYSIS_WORKER_CONCURRENCY: String(CONCURRENCY),
      // Several workers on one host: each takes a free metrics port.
      ANALYSIS_WORKER_METRICS_PORT: '0',
    };
    for (let i = 0; i < PROCESSES; i += 1) workers.push(startService('apps/analysis-worker/src/main.ts', env));
    await waitFor(async () => workers.every((w) => w.output().includes('analysis worker consuming')), (ok) => ok, { timeoutMs: 120_000, what: 'the workers consuming' });
    // Let the group settle on its two members before the work arrives.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const rssIdleMb = workers.map((w) => Math.round(rssMb(w.child.pid ?? 0) ?? 0));
    const rssMax = workers.map(() => 0);
    const rssTimer = setInterval(() => workers.forEach((w, i) => (rssMax[i] = Math.max(rssMax[i] ?? 0, rssMb(w.child.pid ?? 0) ?? 0))), 250);

    const started = performance.now();
    await producer.send(topic, events.map((e) => ({ key: e.stream_id, value: JSON.stringify(toEnvelope(e)), headers: { type: e.type, schema_version: String(e.schema_version), event_id: e.event_id } })));
    const recorded = async () =>
      Number((await dataSource.query(`SELECT count(*)::int AS n FROM events WHERE type IN ('AnalysisFinished', 'AnalysisFailed')`))[0].n);
    let lastPrint = performance.now();
    await waitFor(
      async () => {
        const n = await recorded();
        if (performance.now() - lastPrint > 5_000) {
          lastPrint = performance.now();
          const s = (lastPrint - started) / 1000;
          console.log(`  ${round(s)} s: ${n} / ${scenario.analyses} recorded, ${Math.round((n / s) * 60)} a minute, RSS ${workers.map((w) => Math.round(rssMb(w.child.pid ?? 0) ?? 0)).join(' + ')} MB`);
        }
        return n;
      },
      (n) => n >= scenario.analyses,
      { timeoutMs: 900_000, intervalMs: 100, what: `${scenario.analyses} analyses recorded` },
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(rssTimer);
    const lines = workers.flatMap((w) => w.output().split('\n').filter((l) => l.includes('"analysis recorded"')).map((l) => JSON.parse(l) as { ms: number; status: string; resolution: string | null }));
    const durations = lines.map((l) => l.ms).sort((a, b) => a - b);
    const outcomes: Record<string, number> = {};
    for (const l of lines) outcomes[l.resolution ?? l.status] = (outcomes[l.resolution ?? l.status] ?? 0) + 1;
    const result: ScenarioResult = {
      scenario,
      seconds,
      perMin: (scenario.analyses / seconds) * 60,
      p50: percentile(durations, 50),
      p99: percentile(durations, 99),
      rssMaxMb: rssMax.map(Math.round),
      rssIdleMb,
      byProcess: workers.map((w) => w.output().split('\n').filter((l) => l.includes('"analysis recorded"')).length),
      outcomes,
    };
    console.log(`  done: ${round(result.perMin)} a minute (${round(seconds)} s); per analysis p50 ${result.p50} ms, p99 ${result.p99} ms; RSS max ${result.rssMaxMb.join(' / ')} MB; by process ${result.byProcess.join(' / ')}; outcomes ${JSON.stringify(outcomes)}`);
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await producer.disconnect();
    await dataSource.destroy();
    await schema.drop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    rmSync(blobDir, { recursive: true, force: true });
  }
}

function report(results: readonly ScenarioResult[], figures: Record<string, unknown>): string {
  const row = (r: ScenarioResult) =>
    `| ${r.scenario.title} | ${r.scenario.analyses} | ${Math.round(r.perMin)} | >= ${r.scenario.target_per_min} | ${r.perMin >= r.scenario.target_per_min ? 'met' : '**missed**'} | ${r.p50} / ${r.p99} ms | ${r.rssMaxMb.join(' / ')} MB | ${r.byProcess.join(' / ')} | ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')} |`;
  return [
    '# Analysis workers: analyses per minute, time per analysis, memory',
    '',
    `Measured ${new Date().toISOString()} by \`npm run bench:workers\` (tools/bench/workers.bench.ts).`,
    '',
    `Machine: ${machine()}. PostgreSQL, Kafka, the workers and the benchmark share these cores.`,
    '',
    `Setup: ${PROCESSES} worker processes (\`apps/analysis-worker/src/main.ts\`, compiled, node ${serviceNodeArgs('analysis-worker').join(' ') || 'without flags'}) in one consumer group`,
    `on a ${PARTITIONS}-partition topic, each running ${CONCURRENCY} analyses at a time on its one face engine (@vladmandic/human, WASM, one thread).`,
    'For each kind of analysis, folders of the fixture media (two identities, alternating) are created in the event store, the workers are',
    'started and warmed up, then every submitted group is published at once; the time runs from publishing until the last outcome is in',
    'the event store. Per-analysis times are the workers\' own (from reading the media to the recorded event), RSS is VmRSS sampled every',
    "250 ms during the run. The Oz documentation's anchor: 34-36 analyses per minute per instance, on a 16-core server.",
    '',
    '| kind | analyses | per minute | target | | p50 / p99 per analysis | RSS max per process | by process | outcomes |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(row),
    '',
    `Idle RSS with the models loaded, per process: ${results.map((r) => `${r.scenario.key} ${r.rssIdleMb.join(' / ')} MB`).join('; ')}; target <= 1,500 MB.`,
    '',
    '```json',
    JSON.stringify(figures, null, 2),
    '```',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) results.push(await runScenario(scenario));
  const of = (key: Scenario['key']) => results.find((r) => r.scenario.key === key);
  const figures: Record<string, unknown> = {
    machine: machine(),
    measured_at: new Date().toISOString(),
    worker_processes: PROCESSES,
    analyses_at_a_time_per_process: CONCURRENCY,
    photo_liveness_per_min: Math.round(of('photo_liveness')?.perMin ?? 0),
    video_liveness_per_min: Math.round(of('video_liveness')?.perMin ?? 0),
    photo_biometry_per_min: Math.round(of('photo_biometry')?.perMin ?? 0),
    analysis_p99_ms: Math.max(...results.map((r) => r.p99)),
    rss_mb: Math.max(...results.flatMap((r) => r.rssMaxMb)),
  };
  for (const r of results) {
    figures[`${r.scenario.key}_p50_ms`] = r.p50;
    figures[`${r.scenario.key}_p99_ms`] = r.p99;
    figures[`${r.scenario.key}_analyses`] = r.scenario.analyses;
    figures[`${r.scenario.key}_rss_max_mb`] = Math.max(...r.rssMaxMb);
  }
  console.log(JSON.stringify(figures, null, 2));
  writeBenchmark('workers', report(results, figures), figures);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
