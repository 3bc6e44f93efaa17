/** Where command time comes from; the domain takes it from the command, never from a clock. */
export type Clock = Readonly<{ now: () => Date }>;

/** The injection token of the Clock. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
