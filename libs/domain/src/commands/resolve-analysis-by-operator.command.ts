import type { Command } from './command';

/** An operator settles an OPERATOR_REQUIRED analysis as SUCCESS or DECLINED. */
export type ResolveAnalysisByOperator = Command<
  'ResolveAnalysisByOperator',
  { folder_id: string; analysis_id: string; resolution: string; comment?: string }
>;
