// docs/benchmarks/projection.md from the figures, and the flat keys the JSON file holds. Notes
// written below NOTES_MARKER in that file (other runs, experiments) are kept when it is rewritten.
import { serviceNodeArgs } from '@forensics/testing';
import { keptNotes } from '../bench-report';


type Figures = Record<string, unknown>;

const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** `{ a: 1, 'b c': 2 }` under `prefix` as `{ prefix_a: 1, prefix_b_c: 2 }`: the JSON stays flat. */
export const flatten = <V>(prefix: string, values: Readonly<Record<string, V>>): Record<string, V> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}_${slug(key)}`, value]));

const pick = (f: Figures, prefix: string): [string, unknown][] =>
  Object.entries(f).filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length + 1).replace(/_/g, ' '), value]);

const meets = (value: unknown, ok: (v: number) => boolean): string => (typeof value === 'number' && ok(value) ? 'met' : '**missed**');

export function report(f: Figures): string {
  const cpu = (phase: string) => pick(f, `cpu_${phase}_cores`).map(([k, v]) => `${k} ${v}`).join(', ');
  const sql = pick(f, 'sql_catchup_busy_connections')
    .filter(([, v]) => typeof v === 'number' && v >= 0.01)
    .map(([k, v]) => `| ${k} | ${v} |`);
  const profile = pick(f, 'profile_catchup_share_pct').map(([k, v]) => `| ${k} | ${v} % |`);
  return [
    '# Projection: catch-up, ceiling, live lag, memory',
    '',
    `Measured ${f['measured_at']} on ${f['code_version']} by \`npm run bench:projection\` (tools/bench/projection.bench.ts)${f['profiled'] ? ', with the projection CPU-profiled (slower than unprofiled runs)' : ''}.`,
    '',
    `Machine: ${f['machine']}; host calibration ${f['host_calibration_ms']} ms (\`hostCalibrationMs\` in tools/bench/bench-report.ts: a fixed Node workload, lower is faster; the shared VM's speed varies from day to day). PostgreSQL, Kafka 4.3.1 (single KRaft node), the projection process and the benchmark all share these cores.`,
    '',
    `Load: ${f['folders']} KYC folders, ${f['events']} events, every one decided by the domain: a folder is created with a selfie video, the ID front`,
    '(half the time the back too) and a group of QUALITY + BIOMETRY (one append of 4-5 events); each analysis reports 1-3 s later (8 % of QUALITY',
    'and 5 % of BIOMETRY fail), 17 % of BIOMETRY results ask for an operator, who settles 85 % of them 5-30 s later. Commands of different folders',
    `interleave in time as at ${f['live_target_events_per_s']} events/s. The events are appended to an event-store schema of their own (gap fills read it) and`,
    `published as the relay publishes them, keyed by folder, to a fresh topic of ${f['partitions']} partitions, before the projection starts. The projection`,
    `runs as its own process (\`apps/projection/src/main.ts\`, concurrency ${f['projection_concurrency']}, node ${serviceNodeArgs('projection').join(' ') || 'without flags'}) with a fresh consumer group and read-model schema.`,
    '',
    '| figure | value | target | |',
    '| --- | --- | --- | --- |',
    `| catch-up, from consuming to every folder at its last version | ${f['catchup_events_per_s']} events/s (${f['catchup_s']} s) | >= 10,000 events/s | ${meets(f['catchup_events_per_s'], (v) => v >= 10_000)} |`,
    `| catch-up counting the process start-up (${f['startup_s']} s) | ${f['catchup_events_per_s_from_process_start']} events/s | | |`,
    `| projection rows written | ${f['projection_rows_per_s']} rows/s | | |`,
    `| plain multi-row INSERT of the same rows (ceiling) | ${f['insert_ceiling_rows_per_s']} rows/s | | |`,
    `| ratio to the ceiling | ${f['ratio_to_ceiling']} | >= 0.5 | ${meets(f['ratio_to_ceiling'], (v) => v >= 0.5)} |`,
    `| row writes the projection made (inserts + updates) | ${f['projection_row_writes']} (${f['projection_row_updates']} updates) = ${f['projection_row_writes_per_s']} rows/s | | |`,
    `| ratio to the ceiling counting every row write | ${f['ratio_to_ceiling_counting_row_writes']} | | |`,
    `| live load sent | ${f['live_events_per_s']} events/s for ${f['live_window_s']} s | 1,000 events/s | |`,
    `| live lag p50 | ${f['live_lag_p50_ms']} ms | | |`,
    `| live lag p95 | ${f['live_lag_p95_ms']} ms | | |`,
    `| live lag p99 | ${f['live_lag_p99_ms']} ms | <= 50 ms | ${meets(f['live_lag_p99_ms'], (v) => v <= 50)} |`,
    `| live lag max | ${f['live_lag_max_ms']} ms | | |`,
    `| RSS, median of the live phase | ${f['rss_mb']} MB | <= 300 MB | ${meets(f['rss_mb'], (v) => v <= 300)} |`,
    `| RSS, max of the live phase / of the catch-up / overall | ${f['rss_live_max_mb']} / ${f['rss_catchup_max_mb']} / ${f['rss_max_mb']} MB | <= 300 MB | ${meets(f['rss_max_mb'], (v) => v <= 300)} |`,
    '',
    `Rows: ${f['rows_definition']}, ${f['rows']} of them. The projection's rows/s is that count over the catch-up time (it writes a folder's rows once`,
    `per batch that holds its events, so it writes more than that); the ceiling inserts the same rows, read back as text, into a fresh schema made by`,
    `the same migration (same indexes), ${f['insert_ceiling_folders_per_batch']} folders with their media, analyses and groups per transaction (the folders`,
    `over the projection's ${f['batches']} batches), one INSERT per table; timed with 1, 2 and 4 transactions at a time, the fastest is the`,
    `ceiling (${f['insert_ceiling_rows_per_s_1_at_a_time']}, ${f['insert_ceiling_rows_per_s_2_at_a_time']} and ${f['insert_ceiling_rows_per_s_4_at_a_time']} rows/s).`,
    '',
    `The catch-up took ${f['batches']} batches (${f['events_per_batch']} events each on average); ${f['gap_fill_events']} events came from gap fills and ${f['redelivered_events']} were redeliveries.`,
    '',
    `Live lag: from handing a message to the producer until the projection's \`folder_updated\` notification (LISTEN) carries its folder at that`,
    `version or later. The benchmark appends the due commands to the event store every 10 ms and publishes them (${f['live_sends']} sends),`,
    `${f['live_lag_samples']} messages measured after a 5 s warm-up, ${f['live_unconfirmed']} never confirmed.`,
    '',
    `RSS: VmRSS of the projection process from /proc every 250 ms; ${f['rss_startup_mb']} MB once started, before it consumed anything.`,
    '',
    `Cores used during the catch-up: ${cpu('catchup')}.`,
    `During the live phase: ${cpu('live')}.`,
    '',
    ...(sql.length > 0
      ? ['The projection\'s connections busy in PostgreSQL during the catch-up (pg_stat_activity every 50 ms, mean connections):', '', '| statement | connections |', '| --- | --- |', ...sql, '']
      : []),
    ...(profile.length > 0 ? ['The projection\'s main thread during the catch-up (CPU profile, self time):', '', '| part | share |', '| --- | --- |', ...profile, ''] : []),
    keptNotes('projection'),
  ].join('\n');
}

