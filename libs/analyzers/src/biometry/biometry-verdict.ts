import type { AnalysisResolution } from '@forensics/domain';

export type MatchPolicy = Readonly<{
  /** At or above: the same person. */
  threshold: number;
  /** From here up to the threshold: the grey band, where an operator may decide. */
  greyBandLow: number;
  /** Whether grey-band results go to an operator (OPERATOR_REQUIRED) rather than DECLINED. */
  operatorReview: boolean;
}>;

/** BIOMETRY's verdict from the least similar pair. */
export function biometryVerdict(minConfidence: number, policy: MatchPolicy): AnalysisResolution {
  if (minConfidence >= policy.threshold) return 'SUCCESS';
  const inGreyBand = minConfidence >= policy.greyBandLow;
  return inGreyBand && policy.operatorReview ? 'OPERATOR_REQUIRED' : 'DECLINED';
}
