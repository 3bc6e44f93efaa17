/** The event that changes rows: its stream version and its business time. */
export type RowChange = Readonly<{ version: number; at: string }>;

/** What every row an event changes records about that event. */
export const touched = (change: RowChange) => ({ time_updated: change.at, changed_version: change.version });
