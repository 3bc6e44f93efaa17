import type { AnalysisGroupRow } from '../rows/analysis-group.row';
import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { MediaRow } from '../rows/media.row';

/** How a row field travels through `jsonb_to_recordset` and comes back from pg. */
export type SqlType = 'text' | 'integer' | 'bigint' | 'boolean' | 'jsonb' | 'text[]' | 'timestamptz';

/** Every field of a row type, with its SQL type: a field added to a row type breaks the build here. */
export type Columns<Row> = Readonly<{ [K in keyof Row]-?: SqlType }>;

export const FOLDER_COLUMNS = {
  folder_id: 'text',
  company_id: 'text',
  user_id: 'text',
  meta_data: 'jsonb',
  resolution_endpoint: 'text',
  resolution_status: 'text',
  system_resolution: 'text',
  resolution_comment: 'text',
  deciding_group_id: 'text',
  time_created: 'timestamptz',
  time_updated: 'timestamptz',
} as const satisfies Columns<FolderRow>;

/** The folder table's bookkeeping beside the row: how far the stream was folded. */
export const FOLDER_PROGRESS_COLUMNS = { last_version: 'integer' } as const;

export const MEDIA_COLUMNS = {
  folder_id: 'text',
  media_id: 'text',
  company_id: 'text',
  position: 'integer',
  media_type: 'text',
  original_name: 'text',
  tags: 'text[]',
  info: 'jsonb',
  meta_data: 'jsonb',
  blob_sha256: 'text',
  blob_size: 'bigint',
  blob_mime: 'text',
  original_url: 'text',
  thumb_url: 'text',
  image_id: 'text',
  folder_time_created: 'timestamptz',
  time_created: 'timestamptz',
  time_updated: 'timestamptz',
  changed_version: 'integer',
} as const satisfies Columns<MediaRow>;

export const ANALYSIS_COLUMNS = {
  folder_id: 'text',
  analysis_id: 'text',
  group_id: 'text',
  company_id: 'text',
  position: 'integer',
  type: 'text',
  state: 'text',
  resolution_status: 'text',
  resolution_operator: 'text',
  resolution_comment: 'text',
  source_media_ids: 'text[]',
  params: 'jsonb',
  meta_data: 'jsonb',
  results_data: 'jsonb',
  results_media: 'jsonb',
  error_code: 'integer',
  error_message: 'text',
  model_versions: 'jsonb',
  duration_ms: 'integer',
  folder_time_created: 'timestamptz',
  time_created: 'timestamptz',
  time_updated: 'timestamptz',
  changed_version: 'integer',
} as const satisfies Columns<AnalysisRow>;

export const GROUP_COLUMNS = {
  folder_id: 'text',
  group_id: 'text',
  company_id: 'text',
  position: 'integer',
  analysis_ids: 'text[]',
  resolution_endpoint: 'text',
  finished: 'boolean',
  result: 'text',
  time_created: 'timestamptz',
  time_updated: 'timestamptz',
  changed_version: 'integer',
} as const satisfies Columns<AnalysisGroupRow>;

/**
 * A row as pg returns it, or as PostgreSQL wrote it in JSON (`json_agg`), turned back into the
 * row type: times (a Date, or ISO-8601 with an offset) to canonical UTC strings, bigints to numbers.
 */
export function fromSql<Row>(columns: Columns<Row>, raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(columns) as [string, SqlType][]) {
    const value = raw[name];
    if (value === null || value === undefined) row[name] = null;
    else if (type === 'timestamptz') row[name] = new Date(value as Date | string).toISOString();
    else if (type === 'bigint') row[name] = Number(value);
    else row[name] = value;
  }
  return row as Row;
}

