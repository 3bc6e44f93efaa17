import type { JsonObject } from '../events/event';
import type { AnalysisResolution } from '../statuses/status-values';
import type { Command } from './command';

export type FinishedOutcome = Readonly<{
  status: 'FINISHED';
  resolution: AnalysisResolution;
  results_data: JsonObject | null;
  results_media: readonly JsonObject[];
  model_versions: Readonly<Record<string, string>>;
  duration_ms: number;
}>;

export type FailedOutcome = Readonly<{
  status: 'FAILED';
  error_code: number;
  error_message: string;
  attempts: number;
}>;

/** A worker reports how an analysis ended; reporting the same analysis again records nothing. */
export type RecordAnalysisResult = Command<
  'RecordAnalysisResult',
  { folder_id: string; analysis_id: string; outcome: FinishedOutcome | FailedOutcome }
>;
