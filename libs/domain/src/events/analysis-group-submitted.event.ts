import type { DomainEvent, JsonObject } from './event';

export const ANALYSIS_TYPES = ['QUALITY', 'BIOMETRY', 'COLLECTION'] as const;
export type AnalysisType = (typeof ANALYSIS_TYPES)[number];

export type SubmittedAnalysis = Readonly<{
  analysis_id: string;
  type: AnalysisType;
  source_media_ids: readonly string[];
  params: JsonObject;
  meta_data: JsonObject;
}>;

/** The analyses of one request form one group; the folder's verdict is a group's result. */
export type AnalysisGroupSubmitted = DomainEvent<
  'AnalysisGroupSubmitted',
  {
    group_id: string;
    analyses: readonly SubmittedAnalysis[];
    resolution_endpoint: string | null;
  }
>;
