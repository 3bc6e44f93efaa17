import { type FolderState, initialFolderState } from '@forensics/domain';
import type { AnalysisGroupRow } from '../rows/analysis-group.row';
import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { MediaRow } from '../rows/media.row';

/**
 * One folder folded up to a version: its rows, and the domain state folded that far, so a batch
 * goes on folding without reading the stream again. The tables keep the rows and the version; the
 * state lives in memory only, and is folded again from the event store when it is not there.
 */
export type FolderProjection = Readonly<{
  folder_id: string;
  /** The last stream version applied; 0 before the first event. */
  version: number;
  state: FolderState;
  /** Null until FolderCreated (always version 1) has been applied. */
  folder: FolderRow | null;
  media: readonly MediaRow[];
  analyses: readonly AnalysisRow[];
  groups: readonly AnalysisGroupRow[];
}>;

/** A folder of which no event has been applied yet. */
export const emptyProjection = (folderId: string): FolderProjection => ({
  folder_id: folderId,
  version: 0,
  state: initialFolderState(),
  folder: null,
  media: [],
  analyses: [],
  groups: [],
});
