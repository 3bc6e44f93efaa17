/**
 * What a rebuild reports as it goes. `replay` folds the store page by page (and, past the count
 * taken at the start, what arrived since); `switch` is reported once the switch lock is held and
 * once the tables are switched; `verify` before comparing the new tables with the old.
 */
export type RebuildPhase = 'replay' | 'switch' | 'verify';

export type RebuildProgress = Readonly<{
  phase: RebuildPhase;
  /** Events folded so far. */
  done: number;
  /** Events in the store as last counted; raised to `done` when more arrived since. */
  total: number;
  eventsPerSecond: number;
  /** Null until the rate is known. */
  etaSeconds: number | null;
}>;

/** Counts folded events against a total and derives the rate and the time left from the start. */
export function progressMeter(total: number, now: () => number = Date.now) {
  const startedAt = now();
  let done = 0;
  let known = total;
  return {
    get done() {
      return done;
    },
    advance(events: number): void {
      done += events;
      known = Math.max(known, done);
    },
    report(phase: RebuildPhase): RebuildProgress {
      const seconds = (now() - startedAt) / 1000;
      const eventsPerSecond = seconds > 0 ? done / seconds : 0;
      return { phase, done, total: known, eventsPerSecond, etaSeconds: eventsPerSecond > 0 ? (known - done) / eventsPerSecond : null };
    },
  };
}
