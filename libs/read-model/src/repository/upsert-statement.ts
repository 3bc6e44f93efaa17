import { ANALYSIS_COLUMNS, FOLDER_COLUMNS, FOLDER_PROGRESS_COLUMNS, GROUP_COLUMNS, MEDIA_COLUMNS, type SqlType } from './row-columns';

type ColumnMap = Readonly<Record<string, SqlType>>;

const names = (columns: ColumnMap): string => Object.keys(columns).join(', ');
const definitions = (columns: ColumnMap): string =>
  Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');

const folderColumns = { ...FOLDER_COLUMNS, ...FOLDER_PROGRESS_COLUMNS };

/** Inserts a folder's child rows, or updates them, but only for folders whose version check passed. */
const childUpsert = (table: string, input: string, columns: ColumnMap, key: string): string => {
  const updates = Object.keys(columns)
    .filter((name) => name !== 'folder_id' && name !== key)
    .map((name) => `${name} = EXCLUDED.${name}`)
    .join(', ');
  return `INSERT INTO ${table} (${names(columns)})
    SELECT ${names(columns)} FROM jsonb_to_recordset(${input}::jsonb) AS r(${definitions(columns)})
    WHERE r.folder_id IN (SELECT folder_id FROM written)
    ON CONFLICT (folder_id, ${key}) DO UPDATE SET ${updates}`;
};

/** Where the four JSON arrays of a batch come from: parameters (`$1`..`$4`) or literals. */
export type UpsertInputs = Readonly<{ folders: string; media: string; analyses: string; groups: string }>;

/**
 * Writes a whole batch in one statement: the folder rows with the version each batch started
 * from, and the changed media, analysis and group rows, all as JSON arrays. A folder row is
 * updated only where its stored `last_version` is the expected one, and inserted only when 0 was
 * expected and no row exists; a folder that fails the check gets none of its child rows written.
 * Answers with the folders written; given a channel, it also sends `{ folder_id, version }` there
 * for each of them, which PostgreSQL delivers when the transaction commits.
 */
export function upsertFoldersStatement(inputs: UpsertInputs, notifyChannel?: string): string {
  const announce = notifyChannel === undefined ? '' : `, pg_notify(${notifyChannel}, json_build_object('folder_id', folder_id, 'version', last_version)::text)`;
  return `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset(${inputs.folders}::jsonb) AS i(expected_version integer, ${definitions(folderColumns)})
  ),
  updated AS (
    UPDATE folders AS f SET ${Object.keys(folderColumns)
      .filter((name) => name !== 'folder_id')
      .map((name) => `${name} = i.${name}`)
      .join(', ')}
    FROM input AS i
    WHERE f.folder_id = i.folder_id AND i.expected_version > 0 AND f.last_version = i.expected_version
    RETURNING f.folder_id, f.last_version
  ),
  inserted AS (
    INSERT INTO folders (${names(folderColumns)})
    SELECT ${names(folderColumns)} FROM input WHERE expected_version = 0
    ON CONFLICT (folder_id) DO NOTHING
    RETURNING folder_id, last_version
  ),
  written AS (SELECT folder_id, last_version FROM updated UNION ALL SELECT folder_id, last_version FROM inserted),
  media_written AS (${childUpsert('media', inputs.media, MEDIA_COLUMNS, 'media_id')}),
  analyses_written AS (${childUpsert('analyses', inputs.analyses, ANALYSIS_COLUMNS, 'analysis_id')}),
  groups_written AS (${childUpsert('analysis_groups', inputs.groups, GROUP_COLUMNS, 'group_id')})
  SELECT folder_id${announce} FROM written`;
}

/** The statement with its inputs as parameters `$1`..`$4`, to run inside a caller's transaction. */
export const UPSERT_FOLDERS_STATEMENT = upsertFoldersStatement({ folders: '$1', media: '$2', analyses: '$3', groups: '$4' });

/** The live projection's statement: the inputs as `$1`..`$4`, and the channel it announces each folder on as `$5`. */
export const LIVE_UPSERT_STATEMENT = upsertFoldersStatement({ folders: '$1', media: '$2', analyses: '$3', groups: '$4' }, '$5');

/**
 * A text as a dollar-quoted SQL literal, for the simple query protocol, which takes no
 * parameters. The tag is one the text does not hold, so no character needs escaping (escaping a
 * batch's megabytes of JSON would cost more than sending it).
 */
export function dollarQuoted(text: string): string {
  // The closing tag must be the first place the tag appears, also where the text's end and the
  // tag overlap (a text ending in `$j` would close at `$j$j$`).
  const closesEarly = (tag: string) => `${text}${tag}`.indexOf(tag) !== text.length;
  let tag = '$j$';
  for (let n = 0; closesEarly(tag); n += 1) tag = `$j${n}$`;
  return `${tag}${text}${tag}`;
}
