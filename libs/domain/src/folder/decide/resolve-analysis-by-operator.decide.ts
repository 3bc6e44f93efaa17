import { canDecideAsOperator } from '../../access/folder-visibility';
import type { ResolveAnalysisByOperator } from '../../commands/resolve-analysis-by-operator.command';
import { forbidden, invalidValue, notExist } from '../../errors/domain-error';
import type { FolderEvent } from '../../events/folder-event';
import { OPERATOR_RESOLUTIONS, type OperatorResolution } from '../../statuses/status-values';
import { requireId } from '../../validation/guards';
import type { FolderState } from '../folder-state';
import { eventMetadata } from './event-metadata';
import { visibleFolder } from './visible-folder';

/** An operator turns an OPERATOR_REQUIRED analysis into SUCCESS or DECLINED, once. */
export function decideResolveAnalysisByOperator(
  { data, metadata }: ResolveAnalysisByOperator,
  state: FolderState,
): FolderEvent[] {
  const folder = visibleFolder(state, metadata.actor, data.folder_id);
  const analysisId = requireId(data.analysis_id, 'analysis_id');
  const analysis = folder.analyses.find((a) => a.analysis_id === analysisId);
  if (!analysis) throw notExist(`Analysis ${analysisId} does not exist`, { analysis_id: analysisId });
  if (!canDecideAsOperator(metadata.actor)) throw forbidden('Only an operator may decide an analysis');
  if (!OPERATOR_RESOLUTIONS.includes(data.resolution as OperatorResolution)) {
    throw invalidValue(`Resolution must be one of ${OPERATOR_RESOLUTIONS.join(', ')}`, { value: data.resolution });
  }
  if (analysis.resolution !== 'OPERATOR_REQUIRED' || analysis.operator !== null) {
    throw invalidValue('This analysis does not wait for an operator decision', { analysis_id: analysisId });
  }
  if (data.comment !== undefined && typeof data.comment !== 'string') throw invalidValue('Field "comment" must be a string');
  return [
    {
      type: 'AnalysisResolvedByOperator',
      data: {
        analysis_id: analysisId,
        operator_user_id: metadata.actor.user_id,
        resolution: data.resolution as OperatorResolution,
        comment: data.comment ?? '',
      },
      metadata: eventMetadata(metadata, folder.company_id),
    },
  ];
}
