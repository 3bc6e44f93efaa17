import { type Actor, type AnalysisType, ANALYSIS_TYPES } from '@forensics/domain';
import { forbidden } from '../errors/oz-http-error';

/**
 * Who sends a request, as the token check found them: the actor that commands carry (and events
 * record), and the analysis types the user's `can_start_analyse_*` flags allow (reference/oz-api.md
 * §9), which only the gateway needs.
 */
export type Caller = Readonly<{ actor: Actor; mayStartAnalyses: ReadonlySet<AnalysisType> }>;

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
