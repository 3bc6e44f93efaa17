import { type AnalysisStatus, type FolderStatus, type GroupStatus, folderStatus } from '@forensics/domain';
import type { AnalysisGroupRow } from '../rows/analysis-group.row';
import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { FolderProjection } from './folder-projection';
import { type RowChange, touched } from './row-change';

/**
 * Copies every status from `folderStatus(state)` onto the rows; the read model never derives a
 * status itself. A row whose statuses did not change keeps its object and its `time_updated`, so
 * that a batch writes only the rows an event really changed. The folder row changes with every
 * event of its stream.
 */
export function applyStatuses(projection: FolderProjection, change: RowChange): FolderProjection {
  const status = folderStatus(projection.state);
  return {
    ...projection,
    folder: projection.folder && folderWithStatus(projection.folder, status, change),
    analyses: keepUnchanged(projection.analyses, (row, i) => {
      const analysis = matching(status.analyses, i, (a) => a.analysis_id === row.analysis_id);
      return analysisWithStatus(row, analysis, change);
    }),
    groups: keepUnchanged(projection.groups, (row, i) => {
      const group = matching(status.groups, i, (g) => g.group_id === row.group_id);
      return groupWithStatus(row, group, change);
    }),
  };
}

// The fold runs once per event at tens of thousands of events a second, so it avoids garbage:
// an unchanged list stays the same array, and statuses are looked up by position first
// (rows and statuses both follow the order of the folder state) before searching.
const matching = <T>(statuses: readonly T[], index: number, isIt: (status: T) => boolean): T | undefined => {
  const atIndex = statuses[index];
  return atIndex !== undefined && isIt(atIndex) ? atIndex : statuses.find(isIt);
};

function keepUnchanged<Row>(rows: readonly Row[], update: (row: Row, index: number) => Row): readonly Row[] {
  let changed: Row[] | null = null;
  rows.forEach((row, index) => {
    const next = update(row, index);
    if (next !== row) (changed ??= [...rows])[index] = next;
  });
  return changed ?? rows;
}

function folderWithStatus(row: FolderRow, status: FolderStatus, change: RowChange): FolderRow {
  return {
    ...row,
    resolution_status: status.resolution_status,
    system_resolution: status.system_resolution,
    resolution_comment: operatorComments(status.analyses),
    deciding_group_id: status.deciding_group_id,
    time_updated: change.at,
  };
}

/** Oz shows a folder `resolution_comment` of `"[]"`: a JSON list in a string, here the operators' comments. */
const operatorComments = (analyses: readonly AnalysisStatus[]): string =>
  JSON.stringify(analyses.flatMap((a) => (a.resolution_comment ? [a.resolution_comment] : [])));

function analysisWithStatus(row: AnalysisRow, status: AnalysisStatus | undefined, change: RowChange): AnalysisRow {
  if (
    !status ||
    (row.state === status.state &&
      row.resolution_status === status.resolution_status &&
      row.resolution_operator === status.resolution_operator &&
      row.resolution_comment === status.resolution_comment)
  ) {
    return row;
  }
  const { state, resolution_status, resolution_operator, resolution_comment } = status;
  return { ...row, state, resolution_status, resolution_operator, resolution_comment, ...touched(change) };
}

function groupWithStatus(row: AnalysisGroupRow, status: GroupStatus | undefined, change: RowChange): AnalysisGroupRow {
  if (!status || (row.finished === status.finished && row.result === status.result)) return row;
  return { ...row, finished: status.finished, result: status.result, ...touched(change) };
}
