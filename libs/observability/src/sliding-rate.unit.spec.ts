// Given a total sampled once a second, when the rate is asked, then it is the change over the window.
import { SlidingRate } from './sliding-rate';

describe('SlidingRate', () => {
  it('answers 0 for the first sample, then the change per second over the samples there are', () => {
    const rate = new SlidingRate(10);

    expect(rate.add(100)).toBe(0);
    expect(rate.add(110)).toBe(10);
    expect(rate.add(130)).toBe(15);
  });

  it('forgets what is older than the window', () => {
    const rate = new SlidingRate(2);
    [0, 100, 100].forEach((total) => rate.add(total));

    // The window now holds 100, 100, 100: the burst of the first second has left it.
    expect(rate.add(100)).toBe(0);
  });

  it('scales to another unit: 3 analyses in 30 s are 6 a minute', () => {
    const rate = new SlidingRate(60, 60);
    let last = 0;
    for (let second = 0; second <= 30; second += 1) last = rate.add(second === 30 ? 3 : 0);

    expect(last).toBe(6);
  });
});
