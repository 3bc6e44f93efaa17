import { type Actor, type AnalysisType, ANALYSIS_TYPES } from '@forensics/domain';
import { forbidden, invalidValue } from '../errors/oz-http-error';
import type { BiometrySettings } from './companies/biometry-settings';

/**
 * Who sends a request, as the token check found them: the actor that commands carry (and events
 * record), and the analysis types the user's `can_start_analyse_*` flags allow (reference/oz-api.md
 * §9), which only the gateway needs.
 */
export type Caller = Readonly<{
  actor: Actor;
  /** The session of the token the request came with. */
  sessionId: string;
  mayStartAnalyses: ReadonlySet<AnalysisType>;
  /** The biometry settings of the caller's company; null for a user without a company. */
  companyBiometry: BiometrySettings | null;
}>;

/**
 * Refuses, with AUTH FORBIDDEN (403, code 9), analyses of a type the caller's user may not start.
 * A type that is not one of ours is left to the command's validation (400, code 4).
 */
export function assertMayStartAnalyses(caller: Caller, requested: readonly Readonly<{ type: string }>[]): void {
  for (const { type } of requested) {
    const known = ANALYSIS_TYPES.find((t) => t === type.toUpperCase());
    if (known && !caller.mayStartAnalyses.has(known)) {
      throw forbidden(`This user may not start ${known} analyses (can_start_analyse_${known.toLowerCase()} is off)`);
    }
  }
}

type Requested = Readonly<{ type: string; params: Readonly<Record<string, unknown>> }>;

/** The analysis types whose verdict may fall into a grey band (DESIGN.md §4). */
const GREY_BAND_TYPES = new Set(['BIOMETRY', 'COLLECTION']);

/**
 * The analyses with the biometry settings of the folder's company applied (DESIGN.md §3,
 * decision 0015):
 * `operator_review` is the company's alone, and its thresholds apply unless the request sets its
 * own `threshold_match` or `grey_band_low`; a company's `threshold_match` is a floor a request may
 * only raise. The group's event records
 * the params that result, so the history says under which settings each verdict was given.
 * A request that sets `operator_review` itself is refused (400, code 4).
 */
export function withCompanyBiometrySettings<A extends Requested>(settings: BiometrySettings | null, requested: readonly A[]): A[] {
  return requested.map((analysis) => {
    if (!GREY_BAND_TYPES.has(analysis.type.toUpperCase())) return analysis;
    if (analysis.params['operator_review'] !== undefined) {
      throw invalidValue('operator_review is a setting of the company (PATCH /api/companies/{id}/ with biometry_settings), not of a request', { field: 'params.operator_review' });
    }
    const { operator_review, ...thresholds } = settings ?? { operator_review: false };
    // A company's match threshold is a floor: a request may ask for a stricter check, never a
    // more lenient one (a threshold of 0 would pass anyone, and skip the company's review).
    const asked = analysis.params['threshold_match'];
    if (thresholds.threshold_match !== undefined && typeof asked === 'number' && asked < thresholds.threshold_match) {
      throw invalidValue(`threshold_match may not be below the company's ${thresholds.threshold_match}`, { field: 'params.threshold_match', minimum: thresholds.threshold_match });
    }
    // The band is a pair: a request that sets either end takes none of the company's.
    const ownThresholds = analysis.params['threshold_match'] !== undefined || analysis.params['grey_band_low'] !== undefined;
    return { ...analysis, params: { ...(ownThresholds ? {} : thresholds), ...analysis.params, operator_review } };
  });
}
