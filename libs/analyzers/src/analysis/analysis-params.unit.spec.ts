import { flagParam, scoreParam } from './analysis-params';
import { AnalysisRequestError } from './failure-codes';

describe('analysis params', () => {
  it('given no value, then the default applies', () => {
    expect(scoreParam({}, 'threshold_spoofing', 0.5)).toBe(0.5);
    expect(flagParam({ extract_best_shot: null }, 'extract_best_shot', true)).toBe(true);
  });

  it('given a value in range, then it is used', () => {
    expect(scoreParam({ threshold_spoofing: 0.3 }, 'threshold_spoofing', 0.5)).toBe(0.3);
    expect(flagParam({ extract_best_shot: false }, 'extract_best_shot', true)).toBe(false);
  });

  it.each([1.5, -0.1, '0.5', Number.NaN])('given the score %p, then the request is refused with code 4', (value) => {
    expect(() => scoreParam({ threshold_spoofing: value }, 'threshold_spoofing', 0.5)).toThrow(expect.objectContaining({ code: 4 }) as AnalysisRequestError);
  });

  it('given a switch that is not a boolean, then the request is refused', () => {
    expect(() => flagParam({ operator_review: 'yes' }, 'operator_review', false)).toThrow(AnalysisRequestError);
  });
});
