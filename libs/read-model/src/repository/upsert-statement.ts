import { ANALYSIS_COLUMNS, FOLDER_COLUMNS, FOLDER_PROGRESS_COLUMNS, GROUP_COLUMNS, MEDIA_COLUMNS, type SqlType } from './row-columns';

type ColumnMap = Readonly<Record<string, SqlType>>;

const names = (columns: ColumnMap): string => Object.keys(columns).join(', ');
const definitions = (columns: ColumnMap): string =>
  Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');

const folderColumns = { ...FOLDER_COLUMNS, ...FOLDER_PROGRESS_COLUMNS };

/** Inserts a folder's child rows, or updates them, but only for folders whose version check passed. */
const childUpsert = (table: string, parameter: string, columns: ColumnMap, key: string): string => {
  const updates = Object.keys(columns)
    .filter((name) => name !== 'folder_id' && name !== key)
    .map((name) => `${name} = EXCLUDED.${name}`)
    .join(', ');
  return `INSERT INTO ${table} (${names(columns)})
    SELECT ${names(columns)} FROM jsonb_to_recordset(${parameter}::jsonb) AS r(${definitions(columns)})
    WHERE r.folder_id IN (SELECT folder_id FROM written)
    ON CONFLICT (folder_id, ${key}) DO UPDATE SET ${updates}`;
};

/**
 * Writes a whole batch in one statement, so in one transaction and one round trip: $1 the folder
 * rows with the version each batch started from, $2..$4 the changed media, analysis and group
 * rows, all as JSON arrays. A folder row is updated only where its stored `last_version` is the
 * expected one, and inserted only when 0 was expected and no row exists; a folder that fails the
 * check gets none of its child rows written. Answers with the folders written.
 */
export const UPSERT_FOLDERS_STATEMENT = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(expected_version integer, ${definitions(folderColumns)})
  ),
  updated AS (
    UPDATE folders AS f SET ${Object.keys(folderColumns)
      .filter((name) => name !== 'folder_id')
      .map((name) => `${name} = i.${name}`)
      .join(', ')}
    FROM input AS i
    WHERE f.folder_id = i.folder_id AND i.expected_version > 0 AND f.last_version = i.expected_version
    RETURNING f.folder_id
  ),
  inserted AS (
    INSERT INTO folders (${names(folderColumns)})
    SELECT ${names(folderColumns)} FROM input WHERE expected_version = 0
    ON CONFLICT (folder_id) DO NOTHING
    RETURNING folder_id
  ),
  written AS (SELECT folder_id FROM updated UNION ALL SELECT folder_id FROM inserted),
  media_written AS (${childUpsert('media', '$2', MEDIA_COLUMNS, 'media_id')}),
  analyses_written AS (${childUpsert('analyses', '$3', ANALYSIS_COLUMNS, 'analysis_id')}),
  groups_written AS (${childUpsert('analysis_groups', '$4', GROUP_COLUMNS, 'group_id')})
  SELECT folder_id FROM written`;
