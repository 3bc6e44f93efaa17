import type {
  AnalysisResolutionStatus,
  AnalysisState,
  AnalysisType,
  FolderResolutionStatus,
  JsonObject,
  MediaType,
  SystemResolution,
} from '@forensics/domain';

// The JSON the API answers with, field for field as the seed's single-request response example
// (reference/seeds/single-request.md), in its key order. Times are epoch seconds.

export type MediaResponse = Readonly<{
  company_id: string;
  folder_id: string;
  folder_time_created: number;
  original_name: string;
  original_url: string | null;
  media_id: string;
  media_type: MediaType;
  tags: readonly string[];
  info: JsonObject;
  time_created: number;
  time_updated: number;
  meta_data: JsonObject;
  thumb_url: string | null;
  image_id: string;
}>;

export type AnalysisResponse = Readonly<{
  company_id: string;
  group_id: string;
  folder_id: string;
  folder_time_created: number;
  analysis_id: string;
  state: AnalysisState;
  resolution_operator: string | null;
  /** Beyond the seed: the operator's comment (DESIGN.md §3). */
  resolution_comment: string | null;
  results_media: readonly JsonObject[];
  results_data: JsonObject | null;
  meta_data: JsonObject;
  /** Beyond the seed: the parameters the analysis ran with. */
  params: JsonObject;
  time_created: number;
  time_updated: number;
  error_code: number | null;
  error_message: string | null;
  source_media: readonly MediaResponse[];
  type: AnalysisType;
  analyse_id: string;
  resolution_status: AnalysisResolutionStatus;
  resolution: AnalysisResolutionStatus;
}>;

export type FolderResponse = Readonly<{
  company_id: string;
  time_created: number;
  folder_id: string;
  user_id: string;
  resolution_endpoint: string | null;
  resolution_status: FolderResolutionStatus;
  resolution_comment: string;
  system_resolution: SystemResolution;
  meta_data: JsonObject;
  media: readonly MediaResponse[];
  time_updated: number;
  /** Present only when the caller asked `with_analyses`. */
  analyses?: readonly AnalysisResponse[];
}>;
