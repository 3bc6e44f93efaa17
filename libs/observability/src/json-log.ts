/** One log event: `level` and `message`, then any fields (`correlation_id`, `folder_id`, ...). */
export type LogEntry = Readonly<Record<string, unknown>>;

/** Writes one log event; services take one so that tests can read or silence their lines. */
export type Log = (entry: LogEntry) => void;

/** Where finished lines go; tests pass their own to read them. */
export type LogSink = (line: string) => void;

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(line);
};

/** A log that writes each event as one JSON line: `{"time","level","service","message",...fields}`. */
export function jsonLog(service: string, sink: LogSink = stdoutSink): Log {
  return ({ level = 'info', message = '', ...fields }) => sink(`${JSON.stringify({ time: new Date().toISOString(), level, service, message, ...fields })}\n`);
}
