import type { DomainEvent } from './event';

/** An analysis could not be carried out (a system error, such as media that cannot be decoded). */
export type AnalysisFailed = DomainEvent<
  'AnalysisFailed',
  {
    analysis_id: string;
    group_id: string;
    error_code: number;
    error_message: string;
    attempts: number;
  }
>;
