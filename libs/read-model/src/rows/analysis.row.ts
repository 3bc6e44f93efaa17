import type { AnalysisResolutionStatus, AnalysisState, AnalysisType, JsonObject } from '@forensics/domain';
import type { Timestamp } from './timestamp';

/**
 * One row of `analyses`. `analyse_id` and `resolution` are not stored: the API copies them from
 * `analysis_id` and `resolution_status`, so they can never disagree.
 */
export type AnalysisRow = Readonly<{
  folder_id: string;
  analysis_id: string;
  group_id: string;
  company_id: string;
  /** Submission order within the folder, from 0: the order of `analyses[]`. */
  position: number;
  type: AnalysisType;
  state: AnalysisState;
  resolution_status: AnalysisResolutionStatus;
  resolution_operator: string | null;
  resolution_comment: string | null;
  /** Ids only; the API embeds the media rows themselves as `source_media`. */
  source_media_ids: readonly string[];
  params: JsonObject;
  meta_data: JsonObject;
  results_data: JsonObject | null;
  results_media: readonly JsonObject[];
  error_code: number | null;
  error_message: string | null;
  model_versions: Readonly<Record<string, string>> | null;
  duration_ms: number | null;
  folder_time_created: Timestamp;
  time_created: Timestamp;
  time_updated: Timestamp;
  /** The folder version whose event last changed this row. */
  changed_version: number;
}>;
