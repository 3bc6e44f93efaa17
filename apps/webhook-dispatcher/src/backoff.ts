export type BackoffPolicy = Readonly<{ baseMs: number; capMs: number }>;

/**
 * The wait before the next attempt after `attempts` failed ones: exponential with full jitter
 * (a uniform draw in [0, min(cap, base * 2^(attempts-1))]), so receivers that come back are not
 * hit by every dispatcher at once.
 */
export function backoffDelayMs(attempts: number, { baseMs, capMs }: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.floor(random() * ceiling);
}
