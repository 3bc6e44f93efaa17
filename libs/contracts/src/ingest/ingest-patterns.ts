import type { FolderCommand } from '@forensics/domain';

/** The TCP message patterns ingest answers; the gateway and the workers send to these names. */
export const INGEST_PATTERNS = {
  createFolder: 'folders.create',
  addMedia: 'folders.add_media',
  submitAnalysisGroup: 'folders.submit_analysis_group',
  recordAnalysisResult: 'analyses.record_result',
  resolveAnalysisByOperator: 'analyses.resolve_by_operator',
  changeMetaData: 'folders.change_meta_data',
} as const;

export type IngestPattern = (typeof INGEST_PATTERNS)[keyof typeof INGEST_PATTERNS];

/** The domain command each pattern carries: the caller names the pattern, ingest sets the type. */
export const COMMAND_TYPE_OF = {
  'folders.create': 'CreateFolder',
  'folders.add_media': 'AddMedia',
  'folders.submit_analysis_group': 'SubmitAnalysisGroup',
  'analyses.record_result': 'RecordAnalysisResult',
  'analyses.resolve_by_operator': 'ResolveAnalysisByOperator',
  'folders.change_meta_data': 'ChangeMetaData',
} as const satisfies Record<IngestPattern, FolderCommand['type']>;

/** The command data a pattern expects, as the domain defines it. */
export type CommandDataOf<P extends IngestPattern> = Extract<FolderCommand, { type: (typeof COMMAND_TYPE_OF)[P] }>['data'];
