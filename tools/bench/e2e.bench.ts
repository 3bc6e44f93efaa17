// `npm run bench:e2e`: single requests (photo liveness) at a steady rate through the whole system,
// every service its own process as in production (compiled, one analysis worker per core). For
// each request: the latency the client sees, and that latency less the analysis's own model time
// (`duration_ms` of its AnalysisFinished event), which is what event sourcing costs on the way:
// gateway -> ingest -> store -> relay -> Kafka -> worker -> store -> relay -> Kafka -> projection
// -> NOTIFY -> gateway.
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixture, startSystem, uploadForm } from '../../apps/gateway/test/system-harness';
import { brokerUptimeS, hostCalibrationMs, keptNotes, machine, percentile, round, writeBenchmark } from './bench-report';
import { requestTimelines, type SentRequest, STEPS } from './e2e/request-timeline';
import { encodeUpload, type SingleRequestAnswer, singleRequestClient } from './e2e/single-request-client';

const RATE = Number(process.env['BENCH_E2E_RATE'] ?? 5);
const SECONDS = Number(process.env['BENCH_E2E_SECONDS'] ?? 30);
const WARMUP_S = Number(process.env['BENCH_E2E_WARMUP_S'] ?? 5);
/**
 * The warm-up lasts, under the same load, until the Kafka broker has been up this long: a broker
 * just started runs its first minute or so JIT-compiling, and the first run on it measured 2-3 ms
 * more at p50 (docs/benchmarks/e2e.md, session 8). A deployed broker is not seconds old.
 */
const MIN_BROKER_UPTIME_S = Number(process.env['BENCH_E2E_MIN_BROKER_UPTIME_S'] ?? 90);
const PHOTOS = ['footballer.jpg', 'astronaut.png'];
/** `http` (the default): bodies encoded once, sent with node:http; `fetch`: fetch with a FormData body built per request, as before session 7. */
const CLIENT = process.env['BENCH_E2E_CLIENT'] === 'fetch' ? 'fetch' : 'http';
const PAYLOAD = { 'media:tags': { photo1: ['photo_selfie'] }, analyses: [{ type: 'quality', params: { extract_best_shot: true } }] };

type Sample = { photo: string; latencyMs: number; folderId: string; status: number; warm: boolean; finished: boolean; timed: SentRequest };

async function main(): Promise<void> {
  const calibrationMs = hostCalibrationMs();
  console.log(`  host calibration: ${calibrationMs} ms (lower is faster)`);
  // A second worker process uses the second core, as the worker benchmark does.
  const system = await startSystem({ workers: 2 });
  try {
    const admin = await system.adminToken();
    const client = await system.companyUser(admin, 'CLIENT_SERVICE');
    const photos = PHOTOS.map((name) => ({ name, bytes: fixture(name) }));
    const uploads = photos.map((photo) => encodeUpload('photo1', photo, PAYLOAD));
    const http = singleRequestClient(system.baseUrl, client.token);
    const brokerUptime = brokerUptimeS();
    const warmupS = Math.max(WARMUP_S, brokerUptime === null ? 0 : Math.ceil(MIN_BROKER_UPTIME_S - brokerUptime));
    console.log(`bench:e2e, single requests with photo liveness at ${RATE}/s for ${SECONDS} s after a ${warmupS} s warm-up (the Kafka broker has been up ${brokerUptime ?? '?'} s)`);
    const samples: Sample[] = [];
    const inFlight: Promise<void>[] = [];
    const started = performance.now();
    const total = RATE * (SECONDS + warmupS);
    for (let n = 0; n < total; n += 1) {
      const due = started + (n * 1000) / RATE;
      await sleep(Math.max(0, due - performance.now()));
      const photo = photos[n % photos.length] as { name: string; bytes: Buffer };
      const warm = n >= RATE * warmupS;
      inFlight.push(
        (async () => {
          const id = `bench-${n}-${Date.now()}`;
          let answer: SingleRequestAnswer;
          if (CLIENT === 'http') answer = await http.post(uploads[n % uploads.length] as (typeof uploads)[number], id);
          else {
            const [sentEpochMs, sentAt] = [Date.now(), performance.now()];
            const { status, body } = await system.api('POST', '/api/folders/', { token: client.token, headers: { 'X-Request-Id': id }, form: uploadForm({ photo1: photo }, PAYLOAD) });
            answer = { status, body, sentAt, answeredAt: performance.now(), sentEpochMs, answeredEpochMs: Date.now() };
          }
          const { status, body, sentAt, answeredAt } = answer;
          // The steps are timed against the services' log lines, which carry wall-clock times.
          const timed = { id, sentAt: answer.sentEpochMs, answeredAt: answer.answeredEpochMs };
          samples.push({ photo: photo.name, latencyMs: answeredAt - sentAt, folderId: body?.folder_id ?? '', status, warm, finished: body?.resolution_status === 'FINISHED', timed });
        })(),
      );
      if (n % (RATE * 5) === 0 && n > 0) console.log(`  ${Math.round((performance.now() - started) / 1000)} s: ${samples.length} answered of ${n} sent`);
    }
    await Promise.all(inFlight);
    http.close();
    const elapsedS = (performance.now() - started) / 1000;
    const measured = samples.filter((s) => s.warm);
    const ok = measured.filter((s) => s.status === 201 && s.finished);
    const modelMs = await modelTimes(system.env, ok.map((s) => s.folderId));
    const latencies = ok.map((s) => s.latencyMs).sort((a, b) => a - b);
    const overheadOf = (s: Sample) => s.latencyMs - (modelMs.get(s.folderId) ?? Number.NaN);
    const overheads = sortedFinite(ok.map(overheadOf));
    const models = [...modelMs.values()].sort((a, b) => a - b);
    // The services' last log lines may still be on their way.
    await sleep(500);
    // The timeline's own overhead is the figure above, measured the same way: not repeated among the steps.
    const steps = [...requestTimelines(system.allProcesses(), ok.map((s) => s.timed))].filter(([name]) => name !== 'overhead').map(([name, values]) => {
      const sorted = sortedFinite(values);
      return { name, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), n: sorted.length };
    });
    // The two photos differ in size (73 KB and 792 KB), and so in what the upload and its blob cost.
    const byPhoto = photos.map(({ name, bytes }) => {
      const of = ok.filter((s) => s.photo === name);
      const overhead = sortedFinite(of.map(overheadOf));
      const photoSteps = requestTimelines(system.allProcesses(), of.map((s) => s.timed));
      return {
        name,
        kb: Math.round(bytes.length / 1024),
        n: of.length,
        overheadP50: round(percentile(overhead, 50)),
        overheadP99: round(percentile(overhead, 99)),
        modelP50: round(percentile(sortedFinite(of.map((s) => modelMs.get(s.folderId) ?? Number.NaN)), 50)),
        stepP50s: STEPS.map((step) => round(percentile(sortedFinite(photoSteps.get(step) ?? []), 50))),
      };
    });
    for (const p of byPhoto) console.log(`  ${p.name}: overhead p50 ${p.overheadP50} ms, p99 ${p.overheadP99} ms, model p50 ${p.modelP50} ms, steps p50 ${p.stepP50s.join(', ')} ms`);
    const figures = {
      machine: machine(),
      host_calibration_ms: calibrationMs,
      broker_uptime_s: brokerUptime,
      warmup_s: warmupS,
      measured_at: new Date().toISOString(),
      rate_per_s: RATE,
      client: CLIENT,
      seconds: SECONDS,
      requests: measured.length,
      requests_ok: ok.length,
      requests_failed: measured.length - ok.length,
      requests_per_s: round(samples.length / elapsedS),
      latency_p50_ms: round(percentile(latencies, 50)),
      latency_p99_ms: round(percentile(latencies, 99)),
      latency_max_ms: round(latencies.at(-1) ?? Number.NaN),
      model_p50_ms: round(percentile(models, 50)),
      model_p99_ms: round(percentile(models, 99)),
      overhead_p50_ms: round(percentile(overheads, 50)),
      overhead_p99_ms: round(percentile(overheads, 99)),
      ...Object.fromEntries(byPhoto.map((p) => [`overhead_p50_ms_${p.name.replace(/\W/g, '_')}`, p.overheadP50])),
      worker_processes: 2,
      ...Object.fromEntries(steps.filter((s) => (STEPS as readonly string[]).includes(s.name)).map((s, i) => [`step_${i + 1}_p50_ms`, s.p50])),
    };
    console.log(JSON.stringify(figures, null, 2));
    writeBenchmark('e2e', report(figures, steps, byPhoto), figures);
  } finally {
    await system.close();
  }
}

/** The model time of each folder's analysis: `duration_ms` of its AnalysisFinished event. */
async function modelTimes(env: Record<string, string>, folderIds: readonly string[]): Promise<Map<string, number>> {
  const db = new Client({ connectionString: env['DATABASE_URL'] });
  await db.connect();
  try {
    const { rows } = await db.query<{ stream_id: string; ms: number }>(
      `SELECT stream_id, (data->>'duration_ms')::int AS ms FROM "${env['EVENT_STORE_SCHEMA']}".events WHERE type = 'AnalysisFinished' AND stream_id = ANY($1::text[])`,
      [[...folderIds]],
    );
    return new Map(rows.map((r) => [r.stream_id, r.ms]));
  } finally {
    await db.end();
  }
}

type PhotoFigures = Readonly<{ name: string; kb: number; n: number; overheadP50: number; overheadP99: number; modelP50: number; stepP50s: readonly number[] }>;

const sortedFinite = (values: readonly number[]): number[] => values.filter(Number.isFinite).sort((a, b) => a - b);

function report(f: Record<string, unknown>, steps: readonly { name: string; p50: number; p99: number; n: number }[], byPhoto: readonly PhotoFigures[]): string {
  const met = (value: unknown, target: number) => (typeof value === 'number' && value <= target ? 'met' : '**missed**');
  return [
    '# End to end: single requests through the whole system',
    '',
    `Measured ${String(f['measured_at'])} by \`npm run bench:e2e\` (tools/bench/e2e.bench.ts).`,
    '',
    `Machine: ${String(f['machine'])}; host calibration ${String(f['host_calibration_ms'])} ms (\`hostCalibrationMs\` in tools/bench/bench-report.ts: a fixed Node workload, lower is faster; the shared VM's speed varies from day to day). Every service runs as its own process (compiled), with two analysis workers (one per core); PostgreSQL, Kafka and the benchmark share the cores. The Kafka broker had been running for ${String(f['broker_uptime_s'] ?? 'an unknown time')} s when the load began: a broker's JIT compiles for its first minute or so, and a run on a broker started just before measures slower (see the notes).`,
    '',
    `Load: ${String(f['rate_per_s'])} single requests a second for ${String(f['seconds'])} s after a ${String(f['warmup_s'])} s warm-up (not counted; at least ${WARMUP_S} s, and until the broker had been up ${MIN_BROKER_UPTIME_S} s), open loop (sent on schedule, whatever`,
    'the answers), each `POST /api/folders/` with one selfie photo (alternating two fixture photos) and a QUALITY analysis with the best shot,',
    'answered when the analysis has finished. Overhead: the latency less the analysis\'s model time (`duration_ms` of its AnalysisFinished',
    'event: decoding, detection, anti-spoofing, liveness and the best shot), i.e. upload, blob store, ingest, event store, relay, Kafka,',
    'worker, event store, relay, Kafka, projection, NOTIFY and the answer.',
    '',
    f['client'] === 'http'
      ? 'Client: each photo\'s multipart body is encoded once before the run and sent with node:http on kept-alive connections; a latency runs from the body handed to node:http to the answer\'s last byte read (`BENCH_E2E_CLIENT=fetch` times fetch with a FormData body built per request instead, as before session 7).'
      : 'Client: fetch with a FormData body built for each request, inside the timed window (`BENCH_E2E_CLIENT=fetch`).',
    '',
    '| figure | value | target | |',
    '| --- | --- | --- | --- |',
    `| requests measured (ok / failed) | ${String(f['requests'])} (${String(f['requests_ok'])} / ${String(f['requests_failed'])}) | | |`,
    `| throughput | ${String(f['requests_per_s'])} requests/s | | |`,
    `| latency p50 / p99 / max | ${String(f['latency_p50_ms'])} / ${String(f['latency_p99_ms'])} / ${String(f['latency_max_ms'])} ms | | |`,
    `| model time p50 / p99 | ${String(f['model_p50_ms'])} / ${String(f['model_p99_ms'])} ms | | |`,
    `| overhead p50 | ${String(f['overhead_p50_ms'])} ms | <= 20 ms | ${met(f['overhead_p50_ms'], 20)} |`,
    `| overhead p99 | ${String(f['overhead_p99_ms'])} ms | <= 60 ms | ${met(f['overhead_p99_ms'], 60)} |`,
    '',
    'Where the time goes, step by step (`step_N_p50_ms` in e2e.json), from the JSON log lines each service writes with the request\'s',
    'correlation id (its `X-Request-Id`); log times have millisecond resolution. The model time is taken out of the worker\'s step;',
    '`ingest` is the command inside ingest (part of step 1).',
    '',
    '| step | p50 | p99 | requests |',
    '| --- | --- | --- | --- |',
    ...steps.map((s, i) => `| ${i < STEPS.length ? `${i + 1}. ` : ''}${s.name} | ${s.p50} ms | ${s.p99} ms | ${s.n} |`),
    '',
    'By photo (`overhead_p50_ms_<photo>` in e2e.json): the overall p50 falls between the two.',
    '',
    '| photo | requests | overhead p50 / p99 | model p50 | steps 1-7, p50 |',
    '| --- | --- | --- | --- | --- |',
    ...byPhoto.map((p) => `| ${p.name} (${p.kb} KB) | ${p.n} | ${p.overheadP50} / ${p.overheadP99} ms | ${p.modelP50} ms | ${p.stepP50s.join(', ')} ms |`),
    '',
    keptNotes('e2e'),
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
