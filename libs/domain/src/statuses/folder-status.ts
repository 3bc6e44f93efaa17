import type { AnalysisRecord, FolderState, GroupRecord } from '../folder/folder-state';
import type {
  AnalysisResolutionStatus,
  AnalysisState,
  FolderResolutionStatus,
  SystemResolution,
} from './status-values';
import { worstOf } from './worst-of';

export type AnalysisStatus = Readonly<{
  analysis_id: string;
  group_id: string;
  state: AnalysisState;
  resolution_status: AnalysisResolutionStatus;
  /** The operator who settled an OPERATOR_REQUIRED analysis, else null. */
  resolution_operator: string | null;
  resolution_comment: string | null;
}>;

export type GroupStatus = Readonly<{
  group_id: string;
  finished: boolean;
  /** The worst `resolution_status` among the group's analyses. */
  result: SystemResolution;
}>;

/** Every status of a folder, derived in one place (DESIGN.md §3). Nothing else derives a status. */
export type FolderStatus = Readonly<{
  resolution_status: FolderResolutionStatus;
  system_resolution: SystemResolution;
  /** The group whose result is the verdict, null while none has finished. */
  deciding_group_id: string | null;
  groups: readonly GroupStatus[];
  analyses: readonly AnalysisStatus[];
}>;

/** An analysis mirrors its state until it finishes, then shows its (operator's) resolution. */
export function analysisStatus(analysis: AnalysisRecord): AnalysisStatus {
  return {
    analysis_id: analysis.analysis_id,
    group_id: analysis.group_id,
    state: analysis.state,
    resolution_status: analysisResolutionStatus(analysis),
    resolution_operator: analysis.operator?.user_id ?? null,
    resolution_comment: analysis.operator?.comment ?? null,
  };
}

function analysisResolutionStatus(analysis: AnalysisRecord): AnalysisResolutionStatus {
  if (analysis.state !== 'FINISHED' || analysis.resolution === null) {
    return analysis.state === 'FAILED' ? 'FAILED' : 'PROCESSING';
  }
  return analysis.operator?.resolution ?? analysis.resolution;
}

/** A group is finished when none of its analyses is still PROCESSING; its result is the worst. */
export function groupStatus(group: GroupRecord, analyses: readonly AnalysisStatus[]): GroupStatus {
  const own = analyses.filter((a) => a.group_id === group.group_id);
  return {
    group_id: group.group_id,
    finished: own.every((a) => a.state !== 'PROCESSING'),
    result: worstOf(own.map((a) => a.resolution_status)),
  };
}

/** Derives the statuses of a folder, its groups and its analyses from the folded stream. */
export function folderStatus(state: FolderState): FolderStatus {
  if (state.status === 'absent') {
    return { resolution_status: 'INITIAL', system_resolution: 'INITIAL', deciding_group_id: null, groups: [], analyses: [] };
  }
  const analyses = state.analyses.map(analysisStatus);
  const groups = state.groups.map((g) => groupStatus(g, analyses));
  const base = { groups, analyses };
  if (groups.length === 0) {
    return { ...base, resolution_status: 'INITIAL', system_resolution: 'INITIAL', deciding_group_id: null };
  }
  if (groups.some((g) => !g.finished)) {
    return { ...base, resolution_status: 'PROCESSING', system_resolution: 'PROCESSING', deciding_group_id: null };
  }
  // "Last-finished" is the group whose finishing event comes last in the stream, not the newest
  // submitted: a slow older group that finishes after a newer one decides (DESIGN.md §3).
  const decidingId = state.finished_group_ids[state.finished_group_ids.length - 1];
  const deciding = groups.find((g) => g.group_id === decidingId);
  if (!deciding) {
    // Unreachable while evolve keeps finished_group_ids in step with the groups.
    return { ...base, resolution_status: 'PROCESSING', system_resolution: 'PROCESSING', deciding_group_id: null };
  }
  const hasFailed = analyses.some((a) => a.group_id === deciding.group_id && a.state === 'FAILED');
  return {
    ...base,
    resolution_status: hasFailed ? 'FAILED' : 'FINISHED',
    system_resolution: deciding.result,
    deciding_group_id: deciding.group_id,
  };
}
