import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { connectionPool, onPooledConnection } from '@forensics/event-store';
import type { FolderProjection } from '../projection/folder-projection';
import type { AnalysisGroupRow } from '../rows/analysis-group.row';
import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { MediaRow } from '../rows/media.row';
import { ANALYSIS_COLUMNS, type Columns, FOLDER_COLUMNS, GROUP_COLUMNS, MEDIA_COLUMNS, fromSql } from './row-columns';
import { dollarQuoted, LIVE_UPSERT_STATEMENT, UPSERT_FOLDERS_STATEMENT } from './upsert-statement';

/** A folder's new projection, and the version its stored rows had when the batch read them (0: none). */
export type FolderWrite = Readonly<{ expectedVersion: number; projection: FolderProjection }>;

/** `conflicts`: folders whose stored version had moved; reload them and fold again. */
export type FolderWriteResult = Readonly<{ written: readonly string[]; conflicts: readonly string[] }>;

/** What the tables hold of a folder: its rows and the stream version they reflect, not the domain state. */
export type StoredFolderRows = Omit<FolderProjection, 'state'>;

/** How a live batch commits: under a lock it shares with other batches, announcing each folder written. */
export type LiveCommitOptions = Readonly<{ sharedLock: string; notifyChannel: string }>;

type Queryable = Pick<EntityManager, 'query'>;

/** What a projection leaves in the tables: all of it but the domain state. */
export const storedRowsOf = ({ state: _state, ...rows }: FolderProjection): StoredFolderRows => rows;

/** Reads and writes the folder read model: the projection's only way into these tables. */
export class FolderRowsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a batch of folders in one statement, hence in one transaction; pass a transaction's
   * manager to join it. Only rows changed after each folder's expected version are sent. A
   * projection with nothing new is skipped.
   */
  async write(batch: readonly FolderWrite[], via: Queryable = this.dataSource): Promise<FolderWriteResult> {
    const changed = changedFolders(batch);
    if (changed.length === 0) return { written: [], conflicts: [] };
    const inputs = batchInputs(changed);
    const rows = (await via.query(UPSERT_FOLDERS_STATEMENT, [inputs.folders, inputs.media, inputs.analyses, inputs.groups])) as { folder_id: string }[];
    return outcome(changed, rows);
  }

  /**
   * Writes a live batch in one round trip and its own transaction: the shared advisory lock, then
   * the upsert with a NOTIFY per folder written, as two statements of one simple query (which
   * PostgreSQL runs as one transaction). The upsert is a statement prepared once per connection
   * (SQL `PREPARE`), run by `EXECUTE` with the batch's JSON as dollar-quoted literals, so it is not
   * parsed and planned for every batch. Its tables are looked up again once the lock is held: a
   * rebuild's switch, which takes the lock alone and renames schemas, makes PostgreSQL plan the
   * prepared statement again at that `EXECUTE`, so a batch never writes the tables it just
   * retired. Folders that pass the version check commit even when others conflict.
   */
  async commit(batch: readonly FolderWrite[], options: LiveCommitOptions): Promise<FolderWriteResult> {
    const changed = changedFolders(batch);
    if (changed.length === 0) return { written: [], conflicts: [] };
    const inputs = batchInputs(changed);
    return onPooledConnection(this.dataSource, async (client) => {
      if (!preparedUpserts.has(client)) {
        await client.query(PREPARE_LIVE_UPSERT);
        preparedUpserts.add(client);
      }
      const literals = [inputs.folders, inputs.media, inputs.analyses, inputs.groups, options.notifyChannel].map(dollarQuoted).join(', ');
      // No parameters: pg sends a simple query, the only protocol that takes several statements.
      // A failure closes the connection (its prepared statement with it).
      const results = (await client.query(
        `SELECT pg_advisory_xact_lock_shared(hashtextextended(${dollarQuoted(options.sharedLock)}, 0)); EXECUTE ${LIVE_UPSERT_NAME}(${literals})`,
      )) as unknown as { rows: { folder_id: string }[] }[];
      return outcome(changed, results[1]?.rows ?? []);
    });
  }

  /** The stream version each of these folders' rows reflect; a folder without rows is absent. */
  async storedVersions(folderIds: readonly string[], via: Queryable = this.dataSource): Promise<Map<string, number>> {
    if (folderIds.length === 0) return new Map();
    const rows = (await via.query('SELECT folder_id, last_version FROM folders WHERE folder_id = ANY($1::text[])', [[...folderIds]])) as {
      folder_id: string;
      last_version: number;
    }[];
    return new Map(rows.map((r) => [r.folder_id, r.last_version]));
  }

  /**
   * The stored rows of these folders, in one statement: the folder rows, each with its media,
   * analyses and groups as JSON arrays read by index. One statement is one snapshot, so a folder
   * never comes back with its rows from two different commits of the projection (the four separate
   * queries this replaced could mix them), and it is one round trip. A folder without rows is absent.
   */
  async readRows(folderIds: readonly string[], via: Pick<Pool, 'query'> = connectionPool(this.dataSource)): Promise<Map<string, StoredFolderRows>> {
    if (folderIds.length === 0) return new Map();
    // A named statement: each connection plans it once (its parse and plan cost more than a
    // folder's rows take to read). A rebuild's switch renames schemas, which makes PostgreSQL
    // plan it again against the tables the names then stand for.
    const { rows: raws } = await via.query<Record<string, unknown>>({ name: 'read_model_read_rows', text: READ_ROWS_STATEMENT, values: [[...folderIds]] });
    return new Map(
      raws.map((raw): [string, StoredFolderRows] => {
        const folder = fromSql<FolderRow>(FOLDER_COLUMNS, raw);
        const children = <Row>(key: string, columns: Columns<Row>) => (raw[key] as Record<string, unknown>[]).map((r) => fromSql(columns, r));
        return [
          folder.folder_id,
          {
            folder_id: folder.folder_id,
            version: raw['last_version'] as number,
            folder,
            media: children<MediaRow>('media_rows', MEDIA_COLUMNS),
            analyses: children<AnalysisRow>('analysis_rows', ANALYSIS_COLUMNS),
            groups: children<AnalysisGroupRow>('group_rows', GROUP_COLUMNS),
          },
        ];
      }),
    );
  }
}

/** The connections that have the live upsert prepared (a prepared statement lives as long as its connection). */
const preparedUpserts = new WeakSet<object>();
const LIVE_UPSERT_NAME = 'read_model_live_upsert';
const PREPARE_LIVE_UPSERT = `PREPARE ${LIVE_UPSERT_NAME} (jsonb, jsonb, jsonb, jsonb, text) AS ${LIVE_UPSERT_STATEMENT}`;

/** A folder's child rows of one table, in position order, as a JSON array (index scan by folder_id). */
const childRows = (table: string, columns: Columns<unknown>): string =>
  `(SELECT coalesce(json_agg(c ORDER BY c.position), '[]'::json) FROM (SELECT ${Object.keys(columns).join(', ')} FROM ${table} WHERE ${table}.folder_id = f.folder_id) AS c)`;

const READ_ROWS_STATEMENT = `SELECT ${Object.keys(FOLDER_COLUMNS)
  .map((name) => `f.${name}`)
  .join(', ')}, f.last_version,
  ${childRows('media', MEDIA_COLUMNS)} AS media_rows,
  ${childRows('analyses', ANALYSIS_COLUMNS)} AS analysis_rows,
  ${childRows('analysis_groups', GROUP_COLUMNS)} AS group_rows
  FROM folders AS f WHERE f.folder_id = ANY($1::text[])`;

function changedFolders(batch: readonly FolderWrite[]): FolderWrite[] {
  const changed = batch.filter(({ expectedVersion, projection }) => projection.version > expectedVersion);
  const ids = changed.map((w) => w.projection.folder_id);
  if (new Set(ids).size !== ids.length) throw new Error('A batch may hold each folder once: fold its events together first');
  return changed;
}

/** The four JSON arrays the upsert reads: folder rows with their expected versions, and changed child rows. */
function batchInputs(changed: readonly FolderWrite[]) {
  return {
    folders: JSON.stringify(changed.map(folderInput)),
    media: JSON.stringify(changed.flatMap((w) => changedSince(w.projection.media, w.expectedVersion))),
    analyses: JSON.stringify(changed.flatMap((w) => changedSince(w.projection.analyses, w.expectedVersion))),
    groups: JSON.stringify(changed.flatMap((w) => changedSince(w.projection.groups, w.expectedVersion))),
  };
}

function outcome(changed: readonly FolderWrite[], rows: readonly { folder_id: string }[]): FolderWriteResult {
  const ids = changed.map((w) => w.projection.folder_id);
  const written = new Set(rows.map((r) => r.folder_id));
  return { written: ids.filter((id) => written.has(id)), conflicts: ids.filter((id) => !written.has(id)) };
}

function folderInput({ expectedVersion, projection }: FolderWrite) {
  // FolderCreated is always version 1, so a folder with any version applied has its row.
  if (!projection.folder) throw new Error(`Folder ${projection.folder_id} has events but no FolderCreated at version 1`);
  return { expected_version: expectedVersion, ...projection.folder, last_version: projection.version };
}

const changedSince = <Row extends { changed_version: number }>(rows: readonly Row[], version: number): Row[] =>
  rows.filter((r) => r.changed_version > version);
