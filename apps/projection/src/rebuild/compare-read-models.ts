import { isDeepStrictEqual } from 'node:util';
import type { Queryable } from './fold-page';
import { quoted } from './schema-names';

/** The read model's tables and their keys. */
const TABLES = {
  folders: ['folder_id'],
  media: ['folder_id', 'media_id'],
  analyses: ['folder_id', 'analysis_id'],
  analysis_groups: ['folder_id', 'group_id'],
} as const;

export type ReadModelTable = keyof typeof TABLES;

/**
 * Why two rows differ, by the versions their folder has on each side: `same-version` is a real
 * divergence (one fold of the same events gave other rows); `a-ahead` / `b-ahead`: one side
 * folded more of the folder's events.
 */
export type DifferenceKind = 'same-version' | 'a-ahead' | 'b-ahead';

export type RowDifference = Readonly<{
  table: ReadModelTable;
  key: Readonly<Record<string, unknown>>;
  kind: DifferenceKind;
  /** The folder's `last_version` on each side; null where the folder has no row. */
  versions: Readonly<{ a: number | null; b: number | null }>;
  /** The columns whose values differ (every column when a side has no row). */
  columns: readonly string[];
  a: Readonly<Record<string, unknown>> | null;
  b: Readonly<Record<string, unknown>> | null;
}>;

export type ReadModelComparison = Readonly<{
  /** How many rows differ, per table and kind, all of them counted. */
  counts: Readonly<Record<ReadModelTable, Readonly<Record<DifferenceKind, number>>>>;
  /** The differing rows, at most `limit` of each kind per table. */
  differences: readonly RowDifference[];
}>;

/**
 * Compares the read model in schema `a` with the one in schema `b`, every column of every row of
 * every table, bookkeeping included (`last_version`, `changed_version`): whole rows as
 * jsonb, joined on their keys. Runs on any connection to the database, since it names its schemas.
 */
export async function compareReadModels(via: Queryable, a: string, b: string, { limit = 100 } = {}): Promise<ReadModelComparison> {
  const counts = {} as Record<ReadModelTable, Record<DifferenceKind, number>>;
  const differences: RowDifference[] = [];
  for (const [table, keys] of Object.entries(TABLES) as [ReadModelTable, readonly string[]][]) {
    const rows = (await via.query(differingRowsSql(table, keys, quoted(a), quoted(b)), [limit])) as DifferingRow[];
    counts[table] = { 'same-version': 0, 'a-ahead': 0, 'b-ahead': 0 };
    for (const row of rows) {
      counts[table][row.kind] = Number(row.of_kind);
      differences.push(toDifference(table, keys, row));
    }
  }
  return { counts, differences };
}

/** True when nothing differs at all. */
export const identical = (comparison: ReadModelComparison): boolean => comparison.differences.length === 0;

type DifferingRow = { a_row: Record<string, unknown> | null; b_row: Record<string, unknown> | null; a_version: number | null; b_version: number | null; kind: DifferenceKind; of_kind: string };

const differingRowsSql = (table: string, keys: readonly string[], a: string, b: string) => `
  WITH pairs AS (
    SELECT to_jsonb(x) AS a_row, to_jsonb(y) AS b_row, coalesce(x.folder_id, y.folder_id) AS folder_id
    FROM ${a}.${table} AS x FULL JOIN ${b}.${table} AS y ON ${keys.map((k) => `x.${k} = y.${k}`).join(' AND ')}
    WHERE to_jsonb(x) IS DISTINCT FROM to_jsonb(y)
  ), kinds AS (
    SELECT pairs.a_row, pairs.b_row, fx.last_version AS a_version, fy.last_version AS b_version,
      CASE WHEN fx.last_version IS NOT DISTINCT FROM fy.last_version THEN 'same-version'
           WHEN coalesce(fx.last_version, 0) > coalesce(fy.last_version, 0) THEN 'a-ahead' ELSE 'b-ahead' END AS kind,
      pairs.folder_id
    FROM pairs
    LEFT JOIN ${a}.folders AS fx ON fx.folder_id = pairs.folder_id
    LEFT JOIN ${b}.folders AS fy ON fy.folder_id = pairs.folder_id
  ), ranked AS (
    SELECT kinds.*, count(*) OVER (PARTITION BY kind) AS of_kind,
      row_number() OVER (PARTITION BY kind ORDER BY folder_id, coalesce(a_row, b_row)) AS n
    FROM kinds
  )
  SELECT a_row, b_row, a_version, b_version, kind, of_kind FROM ranked WHERE n <= $1
  ORDER BY kind, n`;

function toDifference(table: ReadModelTable, keys: readonly string[], row: DifferingRow): RowDifference {
  const either = (row.a_row ?? row.b_row) as Record<string, unknown>;
  const names = new Set([...Object.keys(row.a_row ?? {}), ...Object.keys(row.b_row ?? {})]);
  return {
    table,
    key: Object.fromEntries(keys.map((k) => [k, either[k]])),
    kind: row.kind,
    versions: { a: row.a_version, b: row.b_version },
    columns: [...names].filter((name) => !row.a_row || !row.b_row || !isDeepStrictEqual(row.a_row[name], row.b_row[name])),
    a: row.a_row,
    b: row.b_row,
  };
}
