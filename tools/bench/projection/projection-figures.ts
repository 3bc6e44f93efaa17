// The flat figures object that docs/benchmarks/projection.json holds, from what the phases measured.
import { machine, percentile, round } from '../bench-report';
import { codeVersion } from './code-version';
import type { ProfileSummary } from './cpu-profile-summary';
import type { CpuShares } from './cpu-shares';
import type { CeilingResult } from './insert-ceiling';
import type { LiveResult } from './live-lag';
import { flatten } from './projection-report';
import type { RssSamples } from './rss-samples';
import type { SqlActivity } from './sql-activity';

export type CatchUpResult = Readonly<{
  events: number;
  folders: number;
  preloadS: number;
  startupS: number;
  /** From consuming to every folder at its last version. */
  seconds: number;
  /** From spawning the process. */
  secondsFromStart: number;
  counters: Readonly<Record<string, number>>;
  written: Readonly<{ inserts: number; updates: number }>;
  rows: number;
  cpu: CpuShares;
  sql: SqlActivity;
  memory: Readonly<Record<string, number>>;
}>;

export type RunResults = Readonly<{
  settings: Readonly<{ profiled: boolean; nodeOptions: string; partitions: number; concurrency: number; liveRate: number; calibrationMs: number }>;
  catchup: CatchUpResult;
  ceiling: Readonly<{ best: CeilingResult; all: readonly CeilingResult[] }>;
  live: LiveResult & Readonly<{ cpu: CpuShares; memory: Readonly<Record<string, number>>; stages: Readonly<Record<string, number>> }>;
  rss: RssSamples;
  profiles: Readonly<Record<string, ProfileSummary>>;
}>;

export function toFigures({ settings, catchup, ceiling, live, rss, profiles }: RunResults): Record<string, unknown> {
  const batches = catchup.counters['projection_batches_total'] ?? Number.NaN;
  const rowsPerS = Math.round(catchup.rows / catchup.seconds);
  const writes = catchup.written.inserts + catchup.written.updates;
  const liveRss = rss.of('live');
  return {
    machine: machine(),
    host_calibration_ms: settings.calibrationMs,
    measured_at: new Date().toISOString(),
    code_version: codeVersion(),
    profiled: settings.profiled,
    projection_node_options: settings.nodeOptions,
    partitions: settings.partitions,
    projection_concurrency: settings.concurrency,
    events: catchup.events,
    folders: catchup.folders,
    preload_s: round(catchup.preloadS),
    catchup_s: round(catchup.seconds, 2),
    catchup_events_per_s: Math.round(catchup.events / catchup.seconds),
    catchup_events_per_s_from_process_start: Math.round(catchup.events / catchup.secondsFromStart),
    startup_s: round(catchup.startupS, 2),
    batches,
    events_per_batch: Math.round(catchup.events / batches),
    gap_fill_events: catchup.counters['projection_gap_fill_events_total'] ?? null,
    redelivered_events: catchup.counters['projection_events_redelivered_total'] ?? null,
    rows_definition: 'rows in the four read-model tables (folders, media, analyses, analysis_groups) after the catch-up',
    rows: catchup.rows,
    projection_rows_per_s: rowsPerS,
    projection_row_writes: writes,
    projection_row_updates: catchup.written.updates,
    projection_row_writes_per_s: Math.round(writes / catchup.seconds),
    insert_ceiling_rows_per_s: ceiling.best.rowsPerS,
    insert_ceiling_concurrency: ceiling.best.concurrency,
    insert_ceiling_folders_per_batch: ceiling.best.foldersPerBatch,
    ...Object.fromEntries(ceiling.all.map((c) => [`insert_ceiling_rows_per_s_${c.concurrency}_at_a_time`, c.rowsPerS])),
    ratio_to_ceiling: round(rowsPerS / ceiling.best.rowsPerS, 2),
    ratio_to_ceiling_counting_row_writes: round(writes / catchup.seconds / ceiling.best.rowsPerS, 2),
    live_target_events_per_s: settings.liveRate,
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
    rss_catchup_median_mb: Math.round(percentile(rss.of('catchup'), 50)),
    rss_catchup_max_mb: Math.round(rss.of('catchup').at(-1) ?? Number.NaN),
    rss_max_mb: Math.round(rss.max()),
    rss_startup_mb: Math.round(rss.of('startup').at(-1) ?? Number.NaN),
    ...flatten('memory_catchup_end_mb', catchup.memory),
    ...flatten('memory_live_end_mb', live.memory),
    ...flatten('cpu_catchup_cores', catchup.cpu),
    ...flatten('cpu_live_cores', live.cpu),
    ...flatten('live_projection', live.stages),
    ...flatten('sql_catchup_busy_connections', catchup.sql.busyConnections),
    ...Object.fromEntries(
      Object.entries(profiles).flatMap(([phase, summary]) => Object.entries(flatten(`profile_${phase}_share_pct`, Object.fromEntries(Object.entries(summary.parts).map(([part, v]) => [part, v.share]))))),
    ),
  };
}
