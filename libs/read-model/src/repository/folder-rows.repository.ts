import type { DataSource, EntityManager } from 'typeorm';
import type { FolderState } from '@forensics/domain';
import type { FolderProjection } from '../projection/folder-projection';
import type { AnalysisGroupRow } from '../rows/analysis-group.row';
import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { MediaRow } from '../rows/media.row';
import { ANALYSIS_COLUMNS, type Columns, FOLDER_COLUMNS, GROUP_COLUMNS, MEDIA_COLUMNS, fromSql } from './row-columns';
import { UPSERT_FOLDERS_STATEMENT } from './upsert-statement';

/** A folder's new projection, and the version its stored rows had when the batch read them (0: none). */
export type FolderWrite = Readonly<{ expectedVersion: number; projection: FolderProjection }>;

/** `conflicts`: folders whose stored version had moved; reload them and fold again. */
export type FolderWriteResult = Readonly<{ written: readonly string[]; conflicts: readonly string[] }>;

type Queryable = Pick<EntityManager, 'query'>;

/** Reads and writes the folder read model: the projection's only way into these tables. */
export class FolderRowsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a batch of folders in one statement, hence in one transaction; pass a transaction's
   * manager to join it (to commit a checkpoint or a NOTIFY with the rows). Only rows changed
   * after each folder's expected version are sent. A projection with nothing new is skipped.
   */
  async write(batch: readonly FolderWrite[], via: Queryable = this.dataSource): Promise<FolderWriteResult> {
    const changed = batch.filter(({ expectedVersion, projection }) => projection.version > expectedVersion);
    const ids = changed.map((w) => w.projection.folder_id);
    if (new Set(ids).size !== ids.length) throw new Error('A batch may hold each folder once: fold its events together first');
    if (changed.length === 0) return { written: [], conflicts: [] };
    const rows = await via.query(UPSERT_FOLDERS_STATEMENT, [
      JSON.stringify(changed.map(folderInput)),
      JSON.stringify(changed.flatMap((w) => changedSince(w.projection.media, w.expectedVersion))),
      JSON.stringify(changed.flatMap((w) => changedSince(w.projection.analyses, w.expectedVersion))),
      JSON.stringify(changed.flatMap((w) => changedSince(w.projection.groups, w.expectedVersion))),
    ]);
    const written = new Set((rows as { folder_id: string }[]).map((r) => r.folder_id));
    return { written: ids.filter((id) => written.has(id)), conflicts: ids.filter((id) => !written.has(id)) };
  }

  /** The stored projections of these folders, in four indexed queries; a folder without rows is absent. */
  async load(folderIds: readonly string[], via: Queryable = this.dataSource): Promise<Map<string, FolderProjection>> {
    const select = async <Row>(table: string, columns: Columns<Row>): Promise<Row[]> => {
      const raw = (await via.query(
        `SELECT ${Object.keys(columns).join(', ')} FROM ${table} WHERE folder_id = ANY($1::text[]) ORDER BY folder_id, position`,
        [[...folderIds]],
      )) as Record<string, unknown>[];
      return raw.map((r) => fromSql(columns, r));
    };
    const folders = (await via.query(
      `SELECT ${Object.keys(FOLDER_COLUMNS).join(', ')}, last_version, state FROM folders WHERE folder_id = ANY($1::text[])`,
      [[...folderIds]],
    )) as Record<string, unknown>[];
    if (folders.length === 0) return new Map();
    const media = byFolder(await select<MediaRow>('media', MEDIA_COLUMNS));
    const analyses = byFolder(await select<AnalysisRow>('analyses', ANALYSIS_COLUMNS));
    const groups = byFolder(await select<AnalysisGroupRow>('analysis_groups', GROUP_COLUMNS));
    return new Map(
      folders.map((raw): [string, FolderProjection] => {
        const folder = fromSql<FolderRow>(FOLDER_COLUMNS, raw);
        const id = folder.folder_id;
        return [
          id,
          {
            folder_id: id,
            version: raw['last_version'] as number,
            // Written by this repository from a FolderState, so it is one.
            state: raw['state'] as FolderState,
            folder,
            media: media.get(id) ?? [],
            analyses: analyses.get(id) ?? [],
            groups: groups.get(id) ?? [],
          },
        ];
      }),
    );
  }
}

function byFolder<Row extends { folder_id: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) {
    const rowsOfFolder = grouped.get(row.folder_id);
    if (rowsOfFolder) rowsOfFolder.push(row);
    else grouped.set(row.folder_id, [row]);
  }
  return grouped;
}

function folderInput({ expectedVersion, projection }: FolderWrite) {
  // FolderCreated is always version 1, so a folder with any version applied has its row.
  if (!projection.folder) throw new Error(`Folder ${projection.folder_id} has events but no FolderCreated at version 1`);
  return { expected_version: expectedVersion, ...projection.folder, last_version: projection.version, state: projection.state };
}

const changedSince = <Row extends { changed_version: number }>(rows: readonly Row[], version: number): Row[] =>
  rows.filter((r) => r.changed_version > version);
