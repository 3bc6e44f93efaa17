import type { KnownEvent } from '@forensics/event-store';
import { decodeEnvelope, type FolderEnvelope, toFolderEvent } from '@forensics/read-model';

/** An event as the worker saw it on the topic: enough to fold the folder and to append after it. */
export type ConsumedEvent = KnownEvent & Readonly<{ event_id: string; stream_version: number }>;

/**
 * A message of the folder-events topic as the worker takes it: its checked envelope, and the event
 * with its data exactly as the store holds it (the relay sends the stored data unchanged) and the
 * metadata the envelope carries (what `evolve` is given; it reads none of it).
 */
export function consumedEvent(raw: string): Readonly<{ ok: true; envelope: FolderEnvelope; event: ConsumedEvent }> | Readonly<{ ok: false; reason: string }> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = decodeEnvelope(value);
  if (!parsed.ok) return parsed;
  const { envelope } = parsed;
  const { metadata } = toFolderEvent(envelope);
  return { ok: true, envelope, event: { event_id: envelope.event_id, stream_version: envelope.stream_version, type: envelope.type, data: (value as { data: object }).data, metadata } };
}

export type ConsumedHistoriesLimits = Readonly<{
  /** Folders kept at most; the least recently seen go first. */
  maxFolders: number;
  /**
   * The events' size kept at most, over all folders, counted as their message values' length
   * (the parsed events take a few times that on the heap).
   */
  maxBytes: number;
}>;

type History = { events: ConsumedEvent[]; bytes: number };

/**
 * The streams of the folders whose events this worker consumed from their first version on, in
 * the order the topic delivered them (a folder's events come in version order on its partition).
 * A submitted group whose folder is here whole, through the group's own event, needs no read of the
 * event store before its analyses start: the history is the stream as far as the topic brought it,
 * event for event. Anything else (a folder first seen after its first version, a gap, a redelivery that
 * disagrees, a folder evicted) is forgotten, and the worker reads the store as before.
 *
 * What the topic has not delivered yet (an outcome another worker recorded before a rebalance)
 * is not here; the append then fails on its version, and the retry reads the stream.
 */
export class ConsumedHistories {
  private readonly histories = new Map<string, History>();
  private bytes = 0;

  constructor(private readonly limits: ConsumedHistoriesLimits) {}

  /**
   * Adds an event in delivery order; `size` is what it weighs (its message value's length).
   * Answers whether the folder's history now ends with it, seen for the first time: false for an
   * event seen before (a redelivery), and for one that could not be added.
   */
  see(streamId: string, event: ConsumedEvent, size: number): boolean {
    const history = this.histories.get(streamId);
    if (event.stream_version === 1) {
      // A redelivery from the start repeats what is held: nothing to add.
      if (history?.events[0]?.event_id === event.event_id) {
        this.touch(streamId, history);
        return false;
      }
      this.forget(streamId);
      if (size > this.limits.maxBytes) return false;
      this.keep(streamId, { events: [event], bytes: size });
      return true;
    }
    if (!history) return false;
    const held = history.events.length;
    if (event.stream_version === held + 1) {
      history.events.push(event);
      history.bytes += size;
      this.bytes += size;
      // A folder bigger than the whole limit goes alone, rather than push out every other.
      if (history.bytes > this.limits.maxBytes) {
        this.forget(streamId);
        return false;
      }
      this.touch(streamId, history);
      this.evict();
      return true;
    }
    // Seen before (a redelivery): the same event keeps the history; another one means it is not to be trusted.
    if (event.stream_version > held || history.events[event.stream_version - 1]?.event_id !== event.event_id) this.forget(streamId);
    return false;
  }

  /** Every event of the folder seen so far, from version 1, if they reach at least `version`; else null. */
  through(streamId: string, version: number): readonly ConsumedEvent[] | null {
    const history = this.histories.get(streamId);
    if (!history || history.events.length < version) return null;
    return [...history.events];
  }

  get size(): number {
    return this.histories.size;
  }

  private keep(streamId: string, history: History): void {
    this.histories.set(streamId, history);
    this.bytes += history.bytes;
    this.evict();
  }

  /** Most recently seen last: a Map iterates in insertion order. */
  private touch(streamId: string, history: History): void {
    this.histories.delete(streamId);
    this.histories.set(streamId, history);
  }

  private forget(streamId: string): void {
    const history = this.histories.get(streamId);
    if (!history) return;
    this.histories.delete(streamId);
    this.bytes -= history.bytes;
  }

  private evict(): void {
    for (const [streamId] of this.histories) {
      if (this.histories.size <= this.limits.maxFolders && this.bytes <= this.limits.maxBytes) return;
      this.forget(streamId);
    }
  }
}
