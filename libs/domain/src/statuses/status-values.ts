/** Every value the status fields can take (reference/seeds/statuses-in-api.md). */
export const RESOLUTION_STATUSES = [
  'INITIAL',
  'PROCESSING',
  'FAILED',
  'FINISHED',
  'DECLINED',
  'OPERATOR_REQUIRED',
  'SUCCESS',
] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

/** `analyse.state`: PROCESSING, then FINISHED or FAILED. */
export type AnalysisState = 'PROCESSING' | 'FINISHED' | 'FAILED';

/** What a finished analysis concluded. */
export type AnalysisResolution = 'SUCCESS' | 'DECLINED' | 'OPERATOR_REQUIRED';

/** `analyse.resolution_status`: the resolution once finished, otherwise it mirrors the state. */
export type AnalysisResolutionStatus = 'PROCESSING' | 'FAILED' | AnalysisResolution;

/** `folder.resolution_status`: the processing stage of the folder. */
export type FolderResolutionStatus = 'INITIAL' | 'PROCESSING' | 'FAILED' | 'FINISHED';

/** `folder.system_resolution`: the folder's verdict. */
export type SystemResolution = 'INITIAL' | 'PROCESSING' | 'FAILED' | AnalysisResolution;

/** What an operator may turn an OPERATOR_REQUIRED analysis into. */
export type OperatorResolution = 'SUCCESS' | 'DECLINED';

export const ANALYSIS_RESOLUTIONS: readonly AnalysisResolution[] = ['SUCCESS', 'DECLINED', 'OPERATOR_REQUIRED'];
export const OPERATOR_RESOLUTIONS: readonly OperatorResolution[] = ['SUCCESS', 'DECLINED'];
