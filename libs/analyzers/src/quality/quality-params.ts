import type { JsonObject } from '@forensics/domain';
import { flagParam, scoreParam } from '../analysis/analysis-params';

/** Calibrated default (docs/decisions/0008-analyzers.md): Oz's 0.5, kept on this model's scale. */
export const DEFAULT_THRESHOLD_SPOOFING = 0.5;

export type QualityParams = Readonly<{ thresholdSpoofing: number; extractBestShot: boolean }>;

/** QUALITY's params: `threshold_spoofing` (0..1) and `extract_best_shot` (default true). */
export function qualityParams(params: JsonObject): QualityParams {
  return {
    thresholdSpoofing: scoreParam(params, 'threshold_spoofing', DEFAULT_THRESHOLD_SPOOFING),
    extractBestShot: flagParam(params, 'extract_best_shot', true),
  };
}
