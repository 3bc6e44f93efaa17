import type { AnalysisResolution } from '@forensics/domain';

/** QUALITY's verdict: the worst media decides; at or above the threshold is an attack. Never OPERATOR_REQUIRED. */
export function qualityVerdict(confidenceSpoofing: readonly number[], thresholdSpoofing: number): AnalysisResolution {
  const worst = Math.max(...confidenceSpoofing);
  return worst >= thresholdSpoofing ? 'DECLINED' : 'SUCCESS';
}
