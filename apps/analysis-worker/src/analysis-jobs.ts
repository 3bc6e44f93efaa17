import type { AnalysisGroupSubmitted, AnalysisType, FolderState, JsonObject, MediaRecord } from '@forensics/domain';

/** One analysis to run: what it is, its parameters and the media it takes, in upload order. */
export type AnalysisJob = Readonly<{
  folder_id: string;
  analysis_id: string;
  group_id: string;
  type: AnalysisType;
  params: JsonObject;
  media: readonly MediaRecord[];
}>;

/**
 * The analyses of a submitted group that still wait for their outcome, as the folder's stream
 * says now. A group delivered again (a crash, a rebalance) yields only the analyses with no
 * outcome yet, so a redelivery re-runs nothing that was recorded.
 */
export function pendingJobs(submitted: AnalysisGroupSubmitted['data'], folderId: string, state: FolderState): AnalysisJob[] {
  if (state.status !== 'existing') return [];
  const media = new Map(state.media.map((m) => [m.media_id, m]));
  return submitted.analyses.flatMap((analysis) => {
    const record = state.analyses.find((a) => a.analysis_id === analysis.analysis_id);
    if (!record || record.state !== 'PROCESSING') return [];
    return [
      {
        folder_id: folderId,
        analysis_id: analysis.analysis_id,
        group_id: submitted.group_id,
        type: record.type,
        params: analysis.params,
        // The stream's own assignment (made when the group was submitted) is the one to follow.
        media: record.source_media_ids.flatMap((id) => media.get(id) ?? []),
      },
    ];
  });
}
