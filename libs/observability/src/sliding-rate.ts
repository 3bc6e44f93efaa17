/**
 * A rate over a sliding window from samples of a growing total taken once a second: the change
 * between the oldest and newest sample, per `perSeconds` (1 for per second, 60 for per minute).
 * Until the window is full, the rate is over the samples there are.
 */
export class SlidingRate {
  private readonly samples: number[] = [];

  constructor(
    private readonly windowSeconds: number,
    private readonly perSeconds = 1,
  ) {}

  /** Adds this second's total and answers the rate. */
  add(total: number): number {
    this.samples.push(total);
    if (this.samples.length > this.windowSeconds + 1) this.samples.shift();
    const seconds = this.samples.length - 1;
    if (seconds === 0) return 0;
    return ((total - (this.samples[0] as number)) / seconds) * this.perSeconds;
  }
}
