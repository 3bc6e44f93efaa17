import type { Timestamp } from '../rows/timestamp';

/** Oz answers times as UNIX epoch seconds in a float (`1744017549.366616`). */
export const epochSeconds = (time: Timestamp): number => Date.parse(time) / 1000;
