import type { AnalysisFailed, AnalysisFinished, AnalysisGroupSubmitted, FolderCreated, MediaUploaded, MetaDataChanged } from '@forensics/domain';
import type { FolderEnvelope } from '../envelope/folder-envelope';
import type { AnalysisGroupRow } from '../rows/analysis-group.row';
import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { MediaRow } from '../rows/media.row';
import type { FolderProjection } from './folder-projection';
import { type RowChange, touched } from './row-change';

// The data an event brings, written into rows. Statuses are not set here: `applyStatuses` takes
// every one of them from `folderStatus()` afterwards, and placeholders below are overwritten.

/** Writes the data of one event that `evolve` accepted; `folder` exists for every event after FolderCreated. */
export function applyEventData(projection: FolderProjection, envelope: FolderEnvelope, change: RowChange): FolderProjection {
  const { folder } = projection;
  if (envelope.type === 'FolderCreated') return { ...projection, folder: createdFolder(envelope.data, change) };
  // Unreachable: evolve accepts nothing but FolderCreated on a folder that does not exist.
  if (!folder) return projection;
  switch (envelope.type) {
    case 'MediaUploaded':
      return { ...projection, media: [...projection.media, uploadedMedia(envelope.data, folder, projection.media.length, change)] };
    case 'AnalysisGroupSubmitted':
      return submittedGroup(projection, envelope.data, folder, change);
    case 'AnalysisFinished':
      return updateAnalysis(projection, envelope.data.analysis_id, (row) => finishedRow(row, envelope.data, change));
    case 'AnalysisFailed':
      return updateAnalysis(projection, envelope.data.analysis_id, (row) => failedRow(row, envelope.data, change));
    case 'AnalysisResolvedByOperator':
      // The decision is a status (resolution_status, resolution_operator, resolution_comment),
      // and statuses come from folderStatus().
      return projection;
    case 'MetaDataChanged':
      return changedMetaData(projection, envelope.data, change);
    default: {
      const unhandled: never = envelope;
      return unhandled;
    }
  }
}

function createdFolder(data: FolderCreated['data'], change: RowChange): FolderRow {
  return {
    folder_id: data.folder_id,
    company_id: data.company_id,
    user_id: data.user_id,
    meta_data: data.meta_data,
    resolution_endpoint: data.resolution_endpoint,
    resolution_status: 'INITIAL',
    system_resolution: 'INITIAL',
    resolution_comment: '[]',
    deciding_group_id: null,
    time_created: change.at,
    time_updated: change.at,
  };
}

function uploadedMedia(data: MediaUploaded['data'], folder: FolderRow, position: number, change: RowChange): MediaRow {
  return {
    folder_id: folder.folder_id,
    media_id: data.media_id,
    company_id: folder.company_id,
    position,
    media_type: data.media_type,
    original_name: data.original_name,
    tags: data.tags,
    info: {},
    meta_data: data.meta_data,
    blob_sha256: data.blob.sha256,
    blob_size: data.blob.size,
    blob_mime: data.blob.mime,
    original_url: null,
    thumb_url: null,
    image_id: data.media_id,
    folder_time_created: folder.time_created,
    time_created: change.at,
    ...touched(change),
  };
}

function submittedGroup(
  projection: FolderProjection,
  data: AnalysisGroupSubmitted['data'],
  folder: FolderRow,
  change: RowChange,
): FolderProjection {
  const { folder_id, company_id } = folder;
  const { group_id } = data;
  const group: AnalysisGroupRow = {
    folder_id,
    group_id,
    company_id,
    position: projection.groups.length,
    analysis_ids: data.analyses.map((a) => a.analysis_id),
    resolution_endpoint: data.resolution_endpoint,
    finished: false,
    result: 'PROCESSING',
    time_created: change.at,
    ...touched(change),
  };
  // Written out in full rather than spread from a shared part: V8 builds an object literal that
  // starts with a spread and goes on with many keys on a slow path, and this runs per analysis.
  const analyses = data.analyses.map(
    (a, index): AnalysisRow => ({
      folder_id,
      analysis_id: a.analysis_id,
      group_id,
      company_id,
      position: projection.analyses.length + index,
      type: a.type,
      state: 'PROCESSING',
      resolution_status: 'PROCESSING',
      resolution_operator: null,
      resolution_comment: null,
      source_media_ids: a.source_media_ids,
      params: a.params,
      meta_data: a.meta_data,
      results_data: null,
      results_media: [],
      error_code: null,
      error_message: null,
      model_versions: null,
      duration_ms: null,
      folder_time_created: folder.time_created,
      time_created: change.at,
      ...touched(change),
    }),
  );
  return { ...projection, groups: [...projection.groups, group], analyses: [...projection.analyses, ...analyses] };
}

const updateAnalysis = (projection: FolderProjection, analysisId: string, update: (row: AnalysisRow) => AnalysisRow): FolderProjection => ({
  ...projection,
  analyses: projection.analyses.map((row) => (row.analysis_id === analysisId ? update(row) : row)),
});

function finishedRow(row: AnalysisRow, data: AnalysisFinished['data'], change: RowChange): AnalysisRow {
  const { results_data, results_media, model_versions, duration_ms } = data;
  return { ...row, results_data, results_media, model_versions, duration_ms, ...touched(change) };
}

const failedRow = (row: AnalysisRow, data: AnalysisFailed['data'], change: RowChange): AnalysisRow => ({
  ...row,
  error_code: data.error_code,
  error_message: data.error_message,
  ...touched(change),
});

/**
 * The whole new object on the row it belongs to. The folder row is written with every event of
 * its stream; a media or analysis row is touched so that the batch writes it.
 */
function changedMetaData(projection: FolderProjection, data: MetaDataChanged['data'], change: RowChange): FolderProjection {
  const { target, target_id, meta_data } = data;
  switch (target) {
    case 'FOLDER':
      return projection.folder ? { ...projection, folder: { ...projection.folder, meta_data } } : projection;
    case 'MEDIA':
      return { ...projection, media: projection.media.map((row) => (row.media_id === target_id ? { ...row, meta_data, ...touched(change) } : row)) };
    case 'ANALYSIS':
      return updateAnalysis(projection, target_id, (row) => ({ ...row, meta_data, ...touched(change) }));
    default: {
      const unhandled: never = target;
      return unhandled;
    }
  }
}
