import type { OperatorResolution } from '../statuses/status-values';
import type { DomainEvent } from './event';

/** A human operator settled an OPERATOR_REQUIRED analysis. */
export type AnalysisResolvedByOperator = DomainEvent<
  'AnalysisResolvedByOperator',
  {
    analysis_id: string;
    operator_user_id: string;
    resolution: OperatorResolution;
    comment: string;
  }
>;
