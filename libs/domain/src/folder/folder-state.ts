import type { JsonObject } from '../events/event';
import type { AnalysisType } from '../events/analysis-group-submitted.event';
import type { MediaUploaded } from '../events/media-uploaded.event';
import type { AnalysisResolution, AnalysisState, OperatorResolution } from '../statuses/status-values';

export type MediaRecord = MediaUploaded['data'];

export type OperatorDecision = Readonly<{ user_id: string; resolution: OperatorResolution; comment: string }>;

/** What the folder stream knows of one analysis: enough to decide and to derive its statuses. */
export type AnalysisRecord = Readonly<{
  analysis_id: string;
  group_id: string;
  type: AnalysisType;
  source_media_ids: readonly string[];
  state: AnalysisState;
  /** The machine's verdict once FINISHED; null while PROCESSING or when FAILED. */
  resolution: AnalysisResolution | null;
  operator: OperatorDecision | null;
  /** The client's free-form metadata, as the last MetaDataChanged (or the submission) left it. */
  meta_data: JsonObject;
}>;

export type GroupRecord = Readonly<{
  group_id: string;
  analysis_ids: readonly string[];
  resolution_endpoint: string | null;
}>;

export type ExistingFolder = Readonly<{
  status: 'existing';
  folder_id: string;
  company_id: string;
  user_id: string;
  meta_data: JsonObject;
  resolution_endpoint: string | null;
  media: readonly MediaRecord[];
  groups: readonly GroupRecord[];
  analyses: readonly AnalysisRecord[];
  /** Group ids in the order their finishing events appear in the stream; the last one decides. */
  finished_group_ids: readonly string[];
}>;

/** The state of one folder stream, folded from its events. Plain data, safe to serialise. */
export type FolderState = Readonly<{ status: 'absent' }> | ExistingFolder;

/** The state before the stream's first event. */
export const initialFolderState = (): FolderState => ({ status: 'absent' });
