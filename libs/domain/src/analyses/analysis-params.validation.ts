import { invalidValue } from '../errors/domain-error';
import type { JsonObject } from '../events/event';
import { optionalMetaData } from '../validation/guards';

/**
 * Known parameters are checked; unknown ones pass through untouched, because Oz integrations send
 * parameters of their own (reference/oz-api.md §3 lists several seen only in integrator code).
 * Every threshold is a probability-like score in 0..1.
 */
export function validateAnalysisParams(raw: unknown, field: string): JsonObject {
  const params = optionalMetaData(raw, field);
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith('threshold') && !(typeof value === 'number' && value >= 0 && value <= 1)) {
      throw invalidValue(`Parameter "${key}" must be a number from 0 to 1`, { field: `${field}.${key}`, value });
    }
    if (key === 'extract_best_shot' && typeof value !== 'boolean') {
      throw invalidValue('Parameter "extract_best_shot" must be true or false', { field: `${field}.${key}`, value });
    }
  }
  return params;
}
