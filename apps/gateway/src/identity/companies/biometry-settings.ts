import { invalidValue } from '../../errors/oz-http-error';
import { InputObject } from '../input/input-object';

/**
 * A company's biometry settings (DESIGN.md §3, decision 0015). OPERATOR_REQUIRED appears only
 * when the company turns operator review on; the thresholds are where its BIOMETRY analyses start
 * from, and a request may still set its own.
 */
export type BiometrySettings = Readonly<{ operator_review: boolean; threshold_match?: number; grey_band_low?: number }>;

export const DEFAULT_BIOMETRY_SETTINGS: BiometrySettings = { operator_review: false };

const KNOWN = new Set(['operator_review', 'threshold_match', 'grey_band_low']);

/** The settings a request asks for, checked: known keys only, thresholds in 0..1, the band's low end not above the threshold. */
export function parseBiometrySettings(raw: unknown, path = 'biometry_settings'): BiometrySettings {
  const input = InputObject.of(raw, path);
  const unknown = input.keys().filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) throw invalidValue(`${path} takes only ${[...KNOWN].join(', ')}`, { field: `${path}.${unknown[0]}` });
  const score = (key: string) => {
    const value = input.number(key);
    if (value !== undefined && !(value >= 0 && value <= 1)) throw invalidValue(`${path}.${key} must be a number from 0 to 1`, { field: `${path}.${key}`, value });
    return value;
  };
  const threshold_match = score('threshold_match');
  const grey_band_low = score('grey_band_low');
  if (threshold_match !== undefined && grey_band_low !== undefined && grey_band_low > threshold_match) {
    throw invalidValue(`${path}.grey_band_low must not exceed ${path}.threshold_match`, { field: `${path}.grey_band_low` });
  }
  return {
    operator_review: input.boolean('operator_review') ?? false,
    ...(threshold_match !== undefined ? { threshold_match } : {}),
    ...(grey_band_low !== undefined ? { grey_band_low } : {}),
  };
}

/** Stored settings, read back (a row written before the column existed holds `{}`). */
export const storedBiometrySettings = (stored: Record<string, unknown> | null | undefined): BiometrySettings => ({
  ...DEFAULT_BIOMETRY_SETTINGS,
  ...(stored ?? {}),
});
