import type { AnalysisFailed } from './analysis-failed.event';
import type { AnalysisFinished } from './analysis-finished.event';
import type { AnalysisGroupSubmitted } from './analysis-group-submitted.event';
import type { AnalysisResolvedByOperator } from './analysis-resolved-by-operator.event';
import type { FolderCreated } from './folder-created.event';
import type { MediaUploaded } from './media-uploaded.event';
import type { MetaDataChanged } from './meta-data-changed.event';

/** Every event of a folder stream, schema version 1 (DESIGN.md §2). */
export type FolderEvent =
  | FolderCreated
  | MediaUploaded
  | AnalysisGroupSubmitted
  | AnalysisFinished
  | AnalysisFailed
  | AnalysisResolvedByOperator
  | MetaDataChanged;

export type FolderEventType = FolderEvent['type'];

export const FOLDER_EVENT_TYPES: readonly FolderEventType[] = [
  'FolderCreated',
  'MediaUploaded',
  'AnalysisGroupSubmitted',
  'AnalysisFinished',
  'AnalysisFailed',
  'AnalysisResolvedByOperator',
  'MetaDataChanged',
];

/** The schema version every event type is written with today. */
export const CURRENT_SCHEMA_VERSION = 1;
