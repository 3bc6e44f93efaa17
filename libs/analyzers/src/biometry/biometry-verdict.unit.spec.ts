import { biometryParams, DEFAULT_GREY_BAND_LOW, DEFAULT_MATCH_THRESHOLD } from './biometry-params';
import { biometryVerdict } from './biometry-verdict';

const policy = { threshold: 0.7, greyBandLow: 0.6, operatorReview: true };

describe('biometryVerdict (the least similar pair decides)', () => {
  it('given the minimum at or above the threshold, then SUCCESS', () => {
    expect(biometryVerdict(0.7, policy)).toBe('SUCCESS');
  });

  it('given the minimum in the grey band and operator review on, then OPERATOR_REQUIRED', () => {
    expect(biometryVerdict(0.6, policy)).toBe('OPERATOR_REQUIRED');
    expect(biometryVerdict(0.69, policy)).toBe('OPERATOR_REQUIRED');
  });

  it('given the minimum in the grey band and operator review off, then DECLINED', () => {
    expect(biometryVerdict(0.65, { ...policy, operatorReview: false })).toBe('DECLINED');
  });

  it('given the minimum below the grey band, then DECLINED even with operator review on', () => {
    expect(biometryVerdict(0.59, policy)).toBe('DECLINED');
  });
});

describe('biometryParams', () => {
  it('given no params, then the calibrated defaults apply with operator review off', () => {
    expect(biometryParams({})).toEqual({ threshold: DEFAULT_MATCH_THRESHOLD, greyBandLow: DEFAULT_GREY_BAND_LOW, operatorReview: false });
  });

  it('given a threshold below the default grey band, then the band is empty rather than inverted', () => {
    expect(biometryParams({ threshold_match: 0.5 }).greyBandLow).toBe(0.5);
  });

  it('given a grey band above the threshold, then the request is refused', () => {
    expect(() => biometryParams({ threshold_match: 0.5, grey_band_low: 0.8 })).toThrow(/grey_band_low/);
  });
});
