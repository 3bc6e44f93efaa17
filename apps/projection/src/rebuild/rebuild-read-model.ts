import { createDataSource, EVENT_STORE_MIGRATIONS, migrate, PostgresEventStore, START_CHECKPOINT } from '@forensics/event-store';
import { FolderRowsRepository, READ_MODEL_MIGRATIONS } from '@forensics/read-model';
import type { DataSource } from 'typeorm';
import type { ProjectionConfig } from '../projection.config';
import { type AfterSwitch, afterSwitch } from './after-switch';
import { type RebuildPhase, type RebuildProgress, progressMeter } from './rebuild-progress';
import { replayEvents } from './replay-events';
import { quoted, rebuildSchemas, type RebuildSchemas } from './schema-names';
import { switchReadModel } from './switch-read-model';

export type RebuildConfig = Pick<ProjectionConfig, 'databaseUrl' | 'eventStoreSchema' | 'readModelSchema'>;

export type RebuildOptions = Readonly<{
  /** Awaited: what it does happens before the rebuild goes on (tests append events here). */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  /** Drop the retired tables once they compare as expected. */
  dropOld?: boolean;
  /** Events per read; a page is folded and written in one statement. */
  pageSize?: number;
  /** How long the switch waits for in-flight live batches. */
  lockTimeoutMs?: number;
  /** Stops between pages; before the switch commits, nothing live changes. */
  signal?: AbortSignal;
}>;

export type RebuildResult = AfterSwitch &
  Readonly<{
    schemas: RebuildSchemas;
    /** Where the old tables are: null when there were none, or once dropped. */
    retiredSchema: string | null;
    /** Events folded into the new tables. */
    events: number;
  }>;

/**
 * Rebuilds the read model from the event store into a new schema, switches it in for the live one
 * in one transaction, then compares the new tables with the old. Fails before the switch leaving
 * the live schema untouched and the half-built one dropped.
 */
export async function rebuildReadModel(config: RebuildConfig, options: RebuildOptions = {}): Promise<RebuildResult> {
  const schemas = rebuildSchemas(config.readModelSchema, new Date());
  const connect = (schema: string, migrations: readonly (new () => object)[]) =>
    createDataSource({ url: config.databaseUrl, schema, applicationName: 'projection-rebuild', poolSize: 2, migrations });
  const eventSource = connect(config.eventStoreSchema, EVENT_STORE_MIGRATIONS);
  const rebuildSource = connect(schemas.rebuild, READ_MODEL_MIGRATIONS);
  try {
    await eventSource.initialize();
    const total = await countEvents(eventSource, config.eventStoreSchema);
    const meter = progressMeter(total);
    const report = async (phase: RebuildPhase) => {
      await options.onProgress?.(meter.report(phase));
    };
    const retired = await buildAndSwitch(eventSource, rebuildSource, schemas, options, meter, report);
    await report('switch');
    const after = await afterSwitch(eventSource, schemas, retired, options.dropOld === true, () => report('verify'));
    return { ...after, schemas, retiredSchema: after.dropped ? null : retired, events: meter.done };
  } finally {
    if (rebuildSource.isInitialized) await rebuildSource.destroy();
    if (eventSource.isInitialized) await eventSource.destroy();
  }
}

async function buildAndSwitch(
  eventSource: DataSource,
  rebuildSource: DataSource,
  schemas: RebuildSchemas,
  options: RebuildOptions,
  meter: ReturnType<typeof progressMeter>,
  report: (phase: RebuildPhase) => Promise<void>,
): Promise<string | null> {
  await refuseTaken(eventSource, [schemas.rebuild, schemas.retired]);
  // Without IF NOT EXISTS: the rebuild never folds into tables someone else made.
  await eventSource.query(`CREATE SCHEMA ${quoted(schemas.rebuild)}`);
  try {
    await rebuildSource.initialize();
    await migrate(rebuildSource);
    const pageSize = options.pageSize ?? 2_000;
    const signal = options.signal ? { signal: options.signal } : {};
    const onPage = async (events: number) => {
      meter.advance(events);
      await report('replay');
    };
    const target = { store: new PostgresEventStore(eventSource), rows: new FolderRowsRepository(rebuildSource) };
    const caughtUp = await replayEvents(START_CHECKPOINT, { ...target, via: rebuildSource }, { pageSize, until: 'settled', onPage, ...signal });
    // Freshly filled tables have no statistics yet; the readers' first plans should not guess.
    await rebuildSource.query('ANALYZE folders, media, analyses, analysis_groups');
    const lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
    return await switchReadModel(rebuildSource, schemas, { from: caughtUp, target, pageSize, lockTimeoutMs, onLocked: () => report('switch'), onPage, ...signal });
  } catch (error) {
    // Safe even if the switch committed and only its answer was lost: then no schema has this name.
    await eventSource.query(`DROP SCHEMA IF EXISTS ${quoted(schemas.rebuild)} CASCADE`).catch(() => undefined);
    throw new Error(
      `nothing was switched: "${schemas.live}" is as it was and the half-built "${schemas.rebuild}" was dropped. ${(error as Error).message}`,
      { cause: error },
    );
  }
}

async function countEvents(eventSource: DataSource, schema: string): Promise<number> {
  const [found] = await eventSource.query("SELECT to_regclass('events') IS NOT NULL AS present");
  if (!found?.present) throw new Error(`there is no events table in the schema "${schema}" (EVENT_STORE_SCHEMA)`);
  const [row] = await eventSource.query('SELECT count(*) AS n FROM events');
  return Number(row.n);
}

async function refuseTaken(via: DataSource, names: readonly string[]): Promise<void> {
  const taken = (await via.query('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)', [[...names]])) as { nspname: string }[];
  if (taken.length > 0) throw new Error(`the schema "${taken[0]?.nspname}" exists already; is another rebuild running?`);
}
