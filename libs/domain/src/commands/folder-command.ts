import type { AddMedia } from './add-media.command';
import type { ChangeMetaData } from './change-meta-data.command';
import type { CreateFolder } from './create-folder.command';
import type { RecordAnalysisResult } from './record-analysis-result.command';
import type { ResolveAnalysisByOperator } from './resolve-analysis-by-operator.command';
import type { SubmitAnalysisGroup } from './submit-analysis-group.command';

/** Every command on a folder stream. */
export type FolderCommand =
  | CreateFolder
  | AddMedia
  | SubmitAnalysisGroup
  | RecordAnalysisResult
  | ResolveAnalysisByOperator
  | ChangeMetaData;
