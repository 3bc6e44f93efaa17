import type { AnalysisResolution } from '../statuses/status-values';
import type { DomainEvent, JsonObject } from './event';

/** An analysis ran to its end and reached a verdict, with the scores behind it. */
export type AnalysisFinished = DomainEvent<
  'AnalysisFinished',
  {
    analysis_id: string;
    group_id: string;
    resolution: AnalysisResolution;
    results_data: JsonObject | null;
    results_media: readonly JsonObject[];
    model_versions: Readonly<Record<string, string>>;
    duration_ms: number;
  }
>;
