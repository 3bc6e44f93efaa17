import type { JsonObject } from '@forensics/domain';
import { flagParam, scoreParam } from '../analysis/analysis-params';
import { AnalysisRequestError, FailureCode } from '../analysis/failure-codes';
import type { MatchPolicy } from './biometry-verdict';

/** Calibrated defaults on the cosine scale (docs/decisions/0008-analyzers.md). */
export const DEFAULT_MATCH_THRESHOLD = 0.7;
export const DEFAULT_GREY_BAND_LOW = 0.6;

/**
 * BIOMETRY's params: `threshold_match`, `grey_band_low` (both 0..1) and `operator_review` (default
 * false). The gateway has applied the company's biometry settings to them (decision 0015).
 */
export function biometryParams(params: JsonObject): MatchPolicy {
  const threshold = scoreParam(params, 'threshold_match', DEFAULT_MATCH_THRESHOLD);
  const greyBandLow = scoreParam(params, 'grey_band_low', Math.min(DEFAULT_GREY_BAND_LOW, threshold));
  if (greyBandLow > threshold) throw new AnalysisRequestError(FailureCode.INVALID_REQUEST, 'params.grey_band_low must not exceed params.threshold_match');
  return { threshold, greyBandLow, operatorReview: flagParam(params, 'operator_review', false) };
}
