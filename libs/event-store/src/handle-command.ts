import { ConcurrencyError } from './errors';
import type { PostgresEventStore } from './postgres-event-store';
import type { NewEvent, StoredEvent } from './stored-event';

/** An event as a decider sees it: a plain object with a type, data and metadata. */
export type DeciderEvent = Readonly<{ type: string; data: object; metadata: Readonly<Record<string, unknown>> }>;

/** The three pure functions of an aggregate (CONVENTIONS.md). */
export type Decider<Command, Event extends DeciderEvent, State> = Readonly<{
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}>;

/** An event of a stream as a caller holds it: what folding it takes. */
export type KnownEvent = Pick<StoredEvent, 'type' | 'data' | 'metadata'>;

export type HandleOptions = Readonly<{
  /** The same key (a request id) never appends twice. */
  idempotencyKey?: string;
  newEventId: () => string;
  schemaVersion: number;
  maxAttempts?: number;
  /**
   * The command opens a stream (create folder): the first attempt decides on the initial state
   * without reading. If the stream exists after all, the append fails and the retry reads it.
   */
  expectNewStream?: boolean;
  /**
   * The stream as the caller knows it (a worker: as it read it, or consumed it, when its job
   * started), every event from version 1 in order: the first attempt decides on it without reading, and leaves a repeated key to the append, which appends
   * nothing then and answers with the key's first result. A stream that moved since fails the
   * append, and the retry reads it; a refusal is decided again on a fresh read before it stands.
   */
  knownHistory?: readonly KnownEvent[];
}>;

export type HandleResult<State> = Readonly<{
  events: readonly StoredEvent[];
  version: number;
  duplicate: boolean;
  state: State | null;
}>;

/**
 * The one place where a command meets I/O: read the stream, fold it, decide, append at the
 * version that was read, and on a concurrent append start over with the fresh stream.
 */
export async function handleCommand<Command, Event extends DeciderEvent, State>(
  store: PostgresEventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  { idempotencyKey, newEventId, schemaVersion, maxAttempts = 5, expectNewStream = false, knownHistory }: HandleOptions,
): Promise<HandleResult<State>> {
  const readHistory = (attempt: number) => (expectNewStream && attempt === 1 ? Promise.resolve([]) : store.readStream(streamId));
  let firstHistory: readonly KnownEvent[];
  if (knownHistory) firstHistory = knownHistory;
  else {
    // The key's earlier result and the stream are read at once: one round trip, not two, for a new command.
    const [previous, history] = await Promise.all([idempotencyKey === undefined ? null : store.findByIdempotencyKey(idempotencyKey), readHistory(1)]);
    if (previous) return { events: previous.events, version: previous.lastVersion, duplicate: true, state: null };
    firstHistory = history;
  }
  for (let attempt = 1; ; attempt++) {
    const history = attempt === 1 ? firstHistory : await readHistory(attempt);
    const state = history.map(toDeciderEvent<Event>).reduce(decider.evolve, decider.initialState());
    let decided: Event[];
    try {
      decided = decider.decide(command, state);
    } catch (refusal) {
      // A refusal decided on a history the caller handed over is decided again on the stream as it is.
      if (attempt === 1 && knownHistory) continue;
      // The same request may have been applied since the key was checked (a concurrent retry):
      // its refusal now ("folder already exists") must read as the duplicate it is.
      const previous = idempotencyKey === undefined ? null : await store.findByIdempotencyKey(idempotencyKey);
      if (previous) return { events: previous.events, version: previous.lastVersion, duplicate: true, state: null };
      throw refusal;
    }
    const toAppend: NewEvent[] = decided.map((e) => ({ event_id: newEventId(), type: e.type, schema_version: schemaVersion, data: e.data, metadata: e.metadata }));
    try {
      const appended = await store.append(streamId, history.length, toAppend, idempotencyKey === undefined ? {} : { idempotencyKey });
      return {
        events: appended.events,
        version: appended.lastVersion,
        duplicate: appended.duplicate,
        state: appended.duplicate ? null : decided.reduce(decider.evolve, state),
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}

const toDeciderEvent = <Event extends DeciderEvent>(stored: KnownEvent): Event =>
  ({ type: stored.type, data: stored.data, metadata: stored.metadata }) as unknown as Event;
