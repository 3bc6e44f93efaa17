import { parseBiometrySettings, storedBiometrySettings } from './biometry-settings';

describe("a company's biometry settings", () => {
  it('given review and a band, then they are kept as given', () => {
    expect(parseBiometrySettings({ operator_review: true, threshold_match: 0.9, grey_band_low: 0.3 })).toEqual({ operator_review: true, threshold_match: 0.9, grey_band_low: 0.3 });
  });

  it('given an empty object, then review is off and the analyzers keep their defaults', () => {
    expect(parseBiometrySettings({})).toEqual({ operator_review: false });
  });

  it.each([
    ['a threshold above 1', { threshold_match: 1.2 }, 4],
    ['a band whose low end is above the threshold', { threshold_match: 0.6, grey_band_low: 0.7 }, 4],
    ['a key we do not know', { review: true }, 4],
    ['review that is not a boolean', { operator_review: 'yes' }, 5],
    ['a threshold that is not a number', { threshold_match: '0.8' }, 5],
    ['something that is not an object', [true], 3],
  ])('given %s, then it is refused with code %p', (_what, raw, code) => {
    expect(() => parseBiometrySettings(raw)).toThrow(expect.objectContaining({ code }));
  });

  it('given a company stored before the settings existed ({}), then review is off', () => {
    expect(storedBiometrySettings({})).toEqual({ operator_review: false });
  });
});
