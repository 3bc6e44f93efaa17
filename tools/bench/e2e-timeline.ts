// `npm run bench:e2e-timeline`: where the event-sourcing overhead of a single request goes, with
// no load: single requests one after the other (photo liveness), each with its own X-Request-Id,
// timed step by step from the JSON log lines every service writes with that correlation id.
// A diagnosis printed to the console; `npm run bench:e2e` measures the same steps under load.
import { fixture, startSystem } from '../../apps/gateway/test/system-harness';
import { percentile, round } from './bench-report';
import { requestTimelines, type SentRequest } from './e2e/request-timeline';
import { encodeUpload, singleRequestClient } from './e2e/single-request-client';

const REQUESTS = Number(process.env['BENCH_TIMELINE_REQUESTS'] ?? 30);
const WARMUP = 5;

async function main(): Promise<void> {
  console.log(`bench:e2e-timeline, ${REQUESTS} single requests one after the other (after ${WARMUP} to warm up), one worker`);
  const system = await startSystem({ workers: 1 });
  try {
    const admin = await system.adminToken();
    const client = await system.companyUser(admin, 'CLIENT_SERVICE');
    const upload = encodeUpload('photo1', { name: 'footballer.jpg', bytes: fixture('footballer.jpg') }, { 'media:tags': { photo1: ['photo_selfie'] }, analyses: [{ type: 'quality', params: { extract_best_shot: true } }] });
    const http = singleRequestClient(system.baseUrl, client.token);
    const sent: SentRequest[] = [];
    for (let n = 0; n < REQUESTS + WARMUP; n += 1) {
      const id = `timeline-${n}-${Date.now()}`;
      const { status, sentEpochMs, answeredEpochMs } = await http.post(upload, id);
      if (status !== 201) throw new Error(`request ${n} answered ${status}`);
      if (n >= WARMUP) sent.push({ id, sentAt: sentEpochMs, answeredAt: answeredEpochMs });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    http.close();
    // The projection's and relay's last lines may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [name, values] of requestTimelines(system.allProcesses(), sent)) {
      const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
      console.log(`${name.padEnd(48)} p50 ${String(round(percentile(sorted, 50))).padStart(6)} ms   p90 ${String(round(percentile(sorted, 90))).padStart(6)} ms   (${sorted.length})`);
    }
  } finally {
    await system.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
