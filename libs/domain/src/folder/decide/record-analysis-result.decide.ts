import type { FailedOutcome, FinishedOutcome, RecordAnalysisResult } from '../../commands/record-analysis-result.command';
import { forbidden, invalidStructure, invalidValue, notExist } from '../../errors/domain-error';
import type { FolderEvent } from '../../events/folder-event';
import { ANALYSIS_RESOLUTIONS, type AnalysisResolution } from '../../statuses/status-values';
import { isPlainObject, requireArray, requireId, requireNonNegativeInteger, requireObject } from '../../validation/guards';
import type { AnalysisRecord, FolderState } from '../folder-state';
import { eventMetadata } from './event-metadata';
import { visibleFolder } from './visible-folder';

/**
 * AnalysisFinished or AnalysisFailed. A result for an analysis that already has one records
 * nothing, so a worker that runs a redelivered group again cannot record a second result.
 */
export function decideRecordAnalysisResult({ data, metadata }: RecordAnalysisResult, state: FolderState): FolderEvent[] {
  if (metadata.actor.role !== 'SYSTEM') throw forbidden('Only the analysis workers record analysis results');
  const folder = visibleFolder(state, metadata.actor, data.folder_id);
  const analysisId = requireId(data.analysis_id, 'analysis_id');
  const analysis = folder.analyses.find((a) => a.analysis_id === analysisId);
  if (!analysis) throw notExist(`Analysis ${analysisId} does not exist`, { analysis_id: analysisId });
  if (analysis.state !== 'PROCESSING') return [];
  const outcome = requireObject(data.outcome, 'outcome');
  const meta = eventMetadata(metadata, folder.company_id);
  const ids = { analysis_id: analysis.analysis_id, group_id: analysis.group_id };
  if (outcome['status'] === 'FINISHED') {
    return [{ type: 'AnalysisFinished', data: { ...ids, ...finished(outcome as FinishedOutcome, analysis) }, metadata: meta }];
  }
  if (outcome['status'] === 'FAILED') {
    return [{ type: 'AnalysisFailed', data: { ...ids, ...failed(outcome as FailedOutcome) }, metadata: meta }];
  }
  throw invalidStructure('Field "outcome.status" must be FINISHED or FAILED', { value: outcome['status'] });
}

function finished(outcome: FinishedOutcome, analysis: AnalysisRecord) {
  const resolution = outcome.resolution as unknown;
  if (!ANALYSIS_RESOLUTIONS.includes(resolution as AnalysisResolution)) {
    throw invalidValue(`Resolution must be one of ${ANALYSIS_RESOLUTIONS.join(', ')}`, { value: resolution });
  }
  // Liveness is never left to an operator (reference/seeds/statuses-in-api.md).
  if (analysis.type === 'QUALITY' && resolution === 'OPERATOR_REQUIRED') {
    throw invalidValue('A QUALITY analysis never ends OPERATOR_REQUIRED', { analysis_id: analysis.analysis_id });
  }
  if (outcome.results_data !== null && !isPlainObject(outcome.results_data)) {
    throw invalidValue('Field "results_data" must be an object or null');
  }
  return {
    resolution: outcome.resolution,
    results_data: outcome.results_data,
    results_media: requireArray(outcome.results_media, 'results_media').filter(isPlainObject),
    model_versions: requireObject(outcome.model_versions, 'model_versions') as Record<string, string>,
    duration_ms: requireNonNegativeInteger(outcome.duration_ms, 'duration_ms'),
  };
}

function failed(outcome: FailedOutcome) {
  if (typeof outcome.error_message !== 'string') throw invalidValue('Field "error_message" must be a string');
  return {
    error_code: requireNonNegativeInteger(outcome.error_code, 'error_code'),
    error_message: outcome.error_message,
    attempts: requireNonNegativeInteger(outcome.attempts, 'attempts'),
  };
}
