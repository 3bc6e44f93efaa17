import { type FolderState, initialFolderState } from '@forensics/domain';
import type { AnalysisGroupRow } from '../rows/analysis-group.row';
import type { AnalysisRow } from '../rows/analysis.row';
import type { FolderRow } from '../rows/folder.row';
import type { MediaRow } from '../rows/media.row';

/**
 * Everything the read model holds of one folder: its rows, the stream version they reflect, and
 * the domain state folded that far, so a batch goes on folding without reading the stream again.
 * Plain data: it survives a JSON round trip, which is how `state` is stored.
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
