import type { JsonObject } from '../events/event';
import type { Command } from './command';

/** One analysis as a client asks for it: the type in any case, media chosen by rule when omitted. */
export type AnalysisRequest = Readonly<{
  analysis_id: string;
  type: string;
  source_media_ids?: readonly string[] | null;
  params?: JsonObject;
  meta_data?: JsonObject;
}>;

export type AnalysisGroupRequest = Readonly<{
  group_id: string;
  analyses: readonly AnalysisRequest[];
  resolution_endpoint?: string | null;
}>;

/** Run a group of analyses on a folder's media. */
export type SubmitAnalysisGroup = Command<'SubmitAnalysisGroup', AnalysisGroupRequest & { folder_id: string }>;
