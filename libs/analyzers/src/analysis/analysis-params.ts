import type { JsonObject } from '@forensics/domain';
import { AnalysisRequestError, FailureCode } from './failure-codes';

/** A score param: absent gives the default; anything but a number in 0..1 is refused. */
export function scoreParam(params: JsonObject, name: string, fallback: number): number {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new AnalysisRequestError(FailureCode.INVALID_REQUEST, `params.${name} must be a number from 0 to 1`);
  }
  return value;
}

/** A switch param: absent gives the default; anything but a boolean is refused. */
export function flagParam(params: JsonObject, name: string, fallback: boolean): boolean {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new AnalysisRequestError(FailureCode.INVALID_REQUEST, `params.${name} must be true or false`);
  return value;
}
