// Given a total sampled about once a second, when the rate is asked, then it is the change over the window.
import { SlidingRate } from './sliding-rate';

describe('SlidingRate', () => {
  const at = (seconds: number) => 1_000_000 + seconds * 1000;

  it('counts from the starting total: 10 more in the first second is 10 a second', () => {
    const rate = new SlidingRate(10, 1, { atMs: at(0), total: 0 });

    expect(rate.add(10, at(1))).toBe(10);
    expect(rate.add(30, at(2))).toBe(15);
  });

  it('given a first sample taken late (the event loop was busy), then what happened before it still counts', () => {
    const rate = new SlidingRate(60, 60, { atMs: at(0), total: 0 });

    // The first tick comes 20 s late, when 4 analyses are already done: 4 in 20 s is 12 a minute.
    expect(rate.add(4, at(20))).toBe(12);
  });

  it('forgets what is older than the window', () => {
    const rate = new SlidingRate(2, 1, { atMs: at(0), total: 0 });
    [100, 100, 100].forEach((total, i) => rate.add(total, at(i + 1)));

    // The window now starts after the burst of the first second.
    expect(rate.add(100, at(4))).toBe(0);
  });

  it('scales to another unit: 3 analyses in 30 s are 6 a minute', () => {
    const rate = new SlidingRate(60, 60, { atMs: at(0), total: 0 });
    let last = 0;
    for (let second = 1; second <= 30; second += 1) last = rate.add(second === 30 ? 3 : 0, at(second));

    expect(last).toBe(6);
  });
});
