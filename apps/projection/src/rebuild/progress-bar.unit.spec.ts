import { progressPrinter, renderProgressBar } from './progress-bar';
import { progressMeter } from './rebuild-progress';

describe('rebuild progress', () => {
  it('given 3,000 of 10,000 events folded in 2 s, then the bar shows 30 %, the rate and the time left', () => {
    let now = 0;
    const meter = progressMeter(10_000, () => now);
    meter.advance(3_000);
    now = 2_000;
    const progress = meter.report('replay');
    expect(progress).toEqual({ phase: 'replay', done: 3_000, total: 10_000, eventsPerSecond: 1_500, etaSeconds: 7_000 / 1_500 });
    expect(renderProgressBar(progress)).toBe(`replay [${'#'.repeat(9)}${'-'.repeat(21)}]  30%  3,000/10,000 events  1,500 ev/s  ETA 00:05`);
  });

  it('given events that arrived after the count, then the total grows with them and the bar never passes 100 %', () => {
    const meter = progressMeter(10, () => 1_000);
    meter.advance(12);
    const progress = meter.report('switch');
    expect(progress).toMatchObject({ done: 12, total: 12, etaSeconds: null });
    expect(renderProgressBar(progress)).toContain(`[${'#'.repeat(30)}] 100%  12/12 events`);
  });

  it('given a log that is not a terminal, when pages come fast, then a line is written every 5 s and at each new phase', () => {
    const lines: string[] = [];
    let now = 0;
    const show = progressPrinter({ isTTY: false, write: (line: string) => lines.push(line) > 0 }, () => now);
    const at = (ms: number, phase: 'replay' | 'switch', done: number) => {
      now = ms;
      show({ phase, done, total: 100, eventsPerSecond: 1, etaSeconds: 1 });
    };
    at(0, 'replay', 1);
    at(1_000, 'replay', 2);
    at(5_000, 'replay', 3);
    at(5_001, 'switch', 4);
    expect(lines.map((line) => line.match(/\d+\/100 events/)?.[0])).toEqual(['1/100 events', '3/100 events', '4/100 events']);
  });
});
