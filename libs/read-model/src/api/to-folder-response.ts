import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { MediaRow } from '../rows/media.row';
import { epochSeconds } from './epoch-seconds';
import type { AnalysisResponse, FolderResponse, MediaResponse } from './folder-response';

/** The rows of one folder that its response needs; a `FolderProjection` with a folder is one. */
export type FolderRows = Readonly<{ folder: FolderRow; media: readonly MediaRow[]; analyses: readonly AnalysisRow[] }>;

/** The folder as `GET /api/folders/{id}/` answers it; `withAnalyses` embeds its analyses. */
export function toFolderResponse(rows: FolderRows, { withAnalyses }: Readonly<{ withAnalyses: boolean }>): FolderResponse {
  const { folder } = rows;
  const media = [...rows.media].sort((a, b) => a.position - b.position).map(toMediaResponse);
  const response: FolderResponse = {
    company_id: folder.company_id,
    time_created: epochSeconds(folder.time_created),
    folder_id: folder.folder_id,
    user_id: folder.user_id,
    resolution_endpoint: folder.resolution_endpoint,
    resolution_status: folder.resolution_status,
    resolution_comment: folder.resolution_comment,
    system_resolution: folder.system_resolution,
    meta_data: folder.meta_data,
    media,
    time_updated: epochSeconds(folder.time_updated),
  };
  if (!withAnalyses) return response;
  const byId = new Map(media.map((m) => [m.media_id, m]));
  const analyses = [...rows.analyses].sort((a, b) => a.position - b.position).map((row) => toAnalysisResponse(row, byId));
  return { ...response, analyses };
}

function toMediaResponse(row: MediaRow): MediaResponse {
  return {
    company_id: row.company_id,
    folder_id: row.folder_id,
    folder_time_created: epochSeconds(row.folder_time_created),
    original_name: row.original_name,
    original_url: row.original_url,
    media_id: row.media_id,
    media_type: row.media_type,
    tags: row.tags,
    info: row.info,
    time_created: epochSeconds(row.time_created),
    time_updated: epochSeconds(row.time_updated),
    meta_data: row.meta_data,
    thumb_url: row.thumb_url,
    image_id: row.image_id,
  };
}

function toAnalysisResponse(row: AnalysisRow, media: ReadonlyMap<string, MediaResponse>): AnalysisResponse {
  return {
    company_id: row.company_id,
    group_id: row.group_id,
    folder_id: row.folder_id,
    folder_time_created: epochSeconds(row.folder_time_created),
    analysis_id: row.analysis_id,
    state: row.state,
    resolution_operator: row.resolution_operator,
    resolution_comment: row.resolution_comment,
    results_media: row.results_media.map((entry) => withOzSourceKey(entry, media)),
    results_data: row.results_data,
    meta_data: row.meta_data,
    params: row.params,
    time_created: epochSeconds(row.time_created),
    time_updated: epochSeconds(row.time_updated),
    error_code: row.error_code,
    error_message: row.error_message,
    // A source media is always in its folder (ingest checks it); a missing one is left out
    // rather than answered as null, which no client expects inside `source_media`.
    source_media: row.source_media_ids.flatMap((id) => media.get(id) ?? []),
    type: row.type,
    analyse_id: row.analysis_id,
    resolution_status: row.resolution_status,
    resolution: row.resolution_status,
  };
}

/**
 * Oz integrations match a per-media result to its input by `source_video_id` (a video) or
 * `source_shots_set_id` (a shots set) (reference/oz-api.md §2, §11): each entry gets the one its
 * media's type calls for, beside `source_media_id`, which names every kind of media.
 */
function withOzSourceKey(entry: AnalysisRow['results_media'][number], media: ReadonlyMap<string, MediaResponse>): AnalysisRow['results_media'][number] {
  const id = entry['source_media_id'];
  const type = typeof id === 'string' ? media.get(id)?.media_type : undefined;
  if (type === 'VIDEO_FOLDER') return { ...entry, source_video_id: id as string };
  if (type === 'SHOTS_SET_FOLDER') return { ...entry, source_shots_set_id: id as string };
  return entry;
}
