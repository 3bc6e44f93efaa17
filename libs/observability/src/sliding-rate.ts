type Sample = Readonly<{ atMs: number; total: number }>;

/**
 * A rate over a sliding window from samples of a growing total: the change between the oldest
 * sample in the window and the newest, over the time between them, per `perSeconds` (1 for per
 * second, 60 for per minute). The samples carry their own time, because a busy process takes
 * them late (a model call holds its event loop), and the first one is the starting total, so
 * what happened before the first late sample still counts.
 */
export class SlidingRate {
  private readonly samples: Sample[];

  constructor(
    private readonly windowSeconds: number,
    private readonly perSeconds = 1,
    start: Sample = { atMs: Date.now(), total: 0 },
  ) {
    this.samples = [start];
  }

  /** Adds the total as it is at `atMs` and answers the rate. */
  add(total: number, atMs: number = Date.now()): number {
    this.samples.push({ atMs, total });
    // Keep one sample at or before the window's start, so the window is always fully covered.
    while (this.samples.length > 2 && (this.samples[1] as Sample).atMs <= atMs - this.windowSeconds * 1000) this.samples.shift();
    const oldest = this.samples[0] as Sample;
    const seconds = (atMs - oldest.atMs) / 1000;
    if (seconds <= 0) return 0;
    return ((total - oldest.total) / Math.min(seconds, this.windowSeconds + 1)) * this.perSeconds;
  }
}
