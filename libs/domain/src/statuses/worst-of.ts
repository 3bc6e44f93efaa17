
/**
 * The seed's order, worst first: INITIAL > PROCESSING > FAILED > DECLINED > OPERATOR_REQUIRED > SUCCESS.
 * FINISHED is a stage, never a verdict, so it has no place in this order.
 */
const WORST_FIRST = ['INITIAL', 'PROCESSING', 'FAILED', 'DECLINED', 'OPERATOR_REQUIRED', 'SUCCESS'] as const;
type Rankable = (typeof WORST_FIRST)[number];

const rank = (status: Rankable): number => WORST_FIRST.indexOf(status);

/** The worst of the given statuses; INITIAL for none (nothing has happened yet). */
export function worstOf<S extends Rankable>(statuses: readonly S[]): S | 'INITIAL' {
  let worst: S | 'INITIAL' | undefined;
  for (const status of statuses) {
    if (worst === undefined || rank(status) < rank(worst)) worst = status;
  }
  return worst ?? 'INITIAL';
}

