// The physical ceiling of the read model on this host: the projection's final rows of the four
// tables copied into a fresh schema (same tables, same indexes, from the same migration) by plain
// multi-row INSERTs, one transaction per batch of folders with their media, analyses and groups,
// as many folders per batch as the projection wrote per batch. Rows are read first, as the text
// PostgreSQL sends, so only the INSERTs are timed.
import { createDataSource, migrate } from '@forensics/event-store';
import { READ_MODEL_MIGRATIONS } from '@forensics/read-model';
import { Client, Pool } from 'pg';

const TABLES = ['folders', 'media', 'analyses', 'analysis_groups'] as const;
const MAX_PARAMETERS = 65_535;

type Table = (typeof TABLES)[number];
type Rows = { columns: string[]; byFolder: Map<string, unknown[][]>; count: number };

export type CeilingResult = Readonly<{ rows: number; seconds: number; rowsPerS: number; concurrency: number; foldersPerBatch: number }>;

/** Every row of the four tables, grouped by folder, and the folders in creation order. */
export async function readFinalRows(databaseUrl: string, schema: string): Promise<{ folderIds: string[]; tables: Record<Table, Rows>; rows: number }> {
  const client = new Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const asText = { getTypeParser: () => (value: string) => value };
    const tables = {} as Record<Table, Rows>;
    for (const table of TABLES) {
      const columns = (
        await client.query<{ column_name: string }>(
          'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
          [schema, table],
        )
      ).rows.map((r) => r.column_name);
      const result = await client.query<unknown[]>({ text: `SELECT ${columns.join(', ')} FROM ${table}`, rowMode: 'array', types: asText });
      const byFolder = new Map<string, unknown[][]>();
      const folderColumn = columns.indexOf('folder_id');
      for (const row of result.rows) {
        const id = row[folderColumn] as string;
        const own = byFolder.get(id);
        if (own) own.push(row);
        else byFolder.set(id, [row]);
      }
      tables[table] = { columns, byFolder, count: result.rows.length };
    }
    const folderIds = (await client.query<{ folder_id: string }>('SELECT folder_id FROM folders ORDER BY time_created, folder_id')).rows.map((r) => r.folder_id);
    return { folderIds, tables, rows: TABLES.reduce((sum, t) => sum + tables[t].count, 0) };
  } finally {
    await client.end();
  }
}

/**
 * The ceiling: the best of one run per schema in `schemas`, with 1, 2, 4... transactions at a time
 * (whatever the projection's own concurrency), each into a fresh schema.
 */
export async function measureCeilings(databaseUrl: string, schemas: readonly string[], final: Awaited<ReturnType<typeof readFinalRows>>, foldersPerBatch: number): Promise<{ best: CeilingResult; all: CeilingResult[] }> {
  const all: CeilingResult[] = [];
  for (const [index, schema] of schemas.entries()) {
    const ceiling = await measureInsertCeiling(databaseUrl, schema, final, { foldersPerBatch, concurrency: 2 ** index });
    console.log(`  plain INSERT of the same ${ceiling.rows} rows, ${foldersPerBatch} folders per transaction, ${ceiling.concurrency} at a time: ${Math.round(ceiling.seconds * 10) / 10} s = ${ceiling.rowsPerS} rows/s`);
    all.push(ceiling);
  }
  return { best: all.reduce((best, c) => (c.rowsPerS > best.rowsPerS ? c : best)), all };
}

/** Times the INSERTs of `final` into the fresh schema `schema`, `concurrency` transactions at a time. */
async function measureInsertCeiling(
  databaseUrl: string,
  schema: string,
  final: Awaited<ReturnType<typeof readFinalRows>>,
  { foldersPerBatch, concurrency }: { foldersPerBatch: number; concurrency: number },
): Promise<CeilingResult> {
  const migrated = createDataSource({ url: databaseUrl, schema, poolSize: 2, migrations: READ_MODEL_MIGRATIONS });
  await migrated.initialize();
  await migrate(migrated);
  await migrated.destroy();
  const pool = new Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}`, max: concurrency });
  const batches: string[][] = [];
  for (let i = 0; i < final.folderIds.length; i += foldersPerBatch) batches.push(final.folderIds.slice(i, i + foldersPerBatch));
  // Statements are built before the clock starts: only PostgreSQL's work is timed.
  const statements = batches.map((ids) => TABLES.flatMap((table) => insertStatements(table, final.tables[table], ids)));
  await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        for (let batch = next++; batch < statements.length; batch = next++) {
          await client.query('BEGIN');
          for (const statement of statements[batch] ?? []) await client.query(statement.text, statement.values);
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return { rows: final.rows, seconds, rowsPerS: Math.round(final.rows / seconds), concurrency, foldersPerBatch };
}

function insertStatements(table: Table, rows: Rows, folderIds: readonly string[]): { text: string; values: unknown[] }[] {
  const all = folderIds.flatMap((id) => rows.byFolder.get(id) ?? []);
  const perStatement = Math.floor(MAX_PARAMETERS / rows.columns.length);
  const statements = [];
  for (let i = 0; i < all.length; i += perStatement) {
    const chunk = all.slice(i, i + perStatement);
    const tuples = chunk.map((_, r) => `(${rows.columns.map((__, c) => `$${r * rows.columns.length + c + 1}`).join(', ')})`);
    statements.push({ text: `INSERT INTO ${table} (${rows.columns.join(', ')}) VALUES ${tuples.join(', ')}`, values: chunk.flat() });
  }
  return statements;
}
