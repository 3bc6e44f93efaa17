import { invalidValue } from '../errors/domain-error';
import { ANALYSIS_TYPES, type AnalysisType } from '../events/analysis-group-submitted.event';

/** Clients send the type in lower case (`quality`); responses and events use upper case. */
export function parseAnalysisType(raw: unknown, field: string): AnalysisType {
  const type = typeof raw === 'string' ? raw.toUpperCase() : raw;
  if (!ANALYSIS_TYPES.includes(type as AnalysisType)) {
    throw invalidValue(`Unknown analysis type ${JSON.stringify(raw)}; expected one of ${ANALYSIS_TYPES.join(', ')}`, {
      field,
      value: raw,
    });
  }
  return type as AnalysisType;
}
