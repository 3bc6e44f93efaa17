import { worstOf } from '../index';

// The seed's order, worst first. Every pair is checked both ways round, so swapping any two
// neighbours in the implementation fails here.
const WORST_FIRST = ['INITIAL', 'PROCESSING', 'FAILED', 'DECLINED', 'OPERATOR_REQUIRED', 'SUCCESS'] as const;

describe('worstOf: INITIAL > PROCESSING > FAILED > DECLINED > OPERATOR_REQUIRED > SUCCESS', () => {
  WORST_FIRST.forEach((worse, i) =>
    WORST_FIRST.slice(i + 1).forEach((better) => {
      it(`${worse} is worse than ${better}`, () => {
        expect(worstOf([worse, better])).toBe(worse);
        expect(worstOf([better, worse])).toBe(worse);
      });
    }),
  );

  it('of nothing is INITIAL', () => {
    expect(worstOf([])).toBe('INITIAL');
  });
});
