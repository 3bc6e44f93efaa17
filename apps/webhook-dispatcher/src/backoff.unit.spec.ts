import { backoffDelayMs } from './backoff';

describe('retry backoff (exponential, full jitter)', () => {
  const policy = { baseMs: 1_000, capMs: 300_000 };

  it('given the largest draw, then the ceiling doubles from the base with each failed attempt', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, top))).toEqual([999, 1_999, 3_999, 7_999]);
  });

  it('given many failed attempts, then the wait never exceeds the cap', () => {
    expect(backoffDelayMs(30, policy, () => 0.999_999)).toBeLessThan(300_000);
    expect(backoffDelayMs(30, policy, () => 0.999_999)).toBeGreaterThan(299_000);
  });

  it('given the smallest draw, then the retry may come at once (full jitter)', () => {
    expect(backoffDelayMs(5, policy, () => 0)).toBe(0);
  });
});
