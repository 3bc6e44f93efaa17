// Live lag: new folders' commands appended and published at a steady pace in small batches (the
// appends due every 10 ms), and for each message the time from handing it to the producer until
// the projection's `folder_updated` notification says its folder reached that version.
import type { MessageProducer } from '@forensics/messaging';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { appendInBulk, relayMessages } from './event-feed';
import type { PlannedAppend } from './kyc-traffic';

const TICK_MS = 10;

export type LiveLoad = Readonly<{
  eventStore: DataSource;
  producer: MessageProducer;
  topic: string;
  databaseUrl: string;
  /** The projection's `folder_updated` channel. */
  channel: string;
  appends: readonly PlannedAppend[];
  /** Lags of messages sent before this are not counted. */
  warmupMs: number;
  onProgress: (window: { elapsedS: number; sentPerS: number; lags: readonly number[] }) => void;
}>;

export type LiveResult = Readonly<{
  /** Lags in ms of the messages sent after the warm-up, sorted. */
  lags: number[];
  eventsInWindow: number;
  windowS: number;
  sendsInWindow: number;
  /** Messages never confirmed by a notification within 30 s of the end. */
  unconfirmed: number;
}>;

type Pending = { version: number; sentAt: number; counted: boolean };

export async function runLiveLoad(load: LiveLoad): Promise<LiveResult> {
  const pending = new Map<string, Pending[]>();
  const lags: number[] = [];
  const listener = new Client({ connectionString: load.databaseUrl, application_name: 'bench-listener' });
  await listener.connect();
  listener.on('notification', ({ payload }) => {
    const seenAt = performance.now();
    const { folder_id, version } = JSON.parse(payload ?? '{}') as { folder_id: string; version: number };
    const waiting = pending.get(folder_id);
    if (!waiting) return;
    const still = waiting.filter((p) => {
      if (p.version > version) return true;
      if (p.counted) lags.push(seenAt - p.sentAt);
      return false;
    });
    if (still.length > 0) pending.set(folder_id, still);
    else pending.delete(folder_id);
  });
  await listener.query(`LISTEN "${load.channel}"`);

  const started = performance.now();
  let next = 0;
  let eventsInWindow = 0;
  let sendsInWindow = 0;
  let windowStarted = Number.NaN;
  let lastProgress = started;
  let tickAt = started;
  while (next < load.appends.length) {
    const elapsed = performance.now() - started;
    const due: PlannedAppend[] = [];
    while (next < load.appends.length && (load.appends[next]?.atMs ?? Infinity) <= elapsed) due.push(load.appends[next++] as PlannedAppend);
    if (due.length > 0) {
      const counted = elapsed >= load.warmupMs;
      if (counted && Number.isNaN(windowStarted)) windowStarted = performance.now();
      const stored = await appendInBulk(load.eventStore, due.flatMap((a) => a.events));
      const sentAt = performance.now();
      for (const event of stored) {
        const waiting = pending.get(event.stream_id) ?? [];
        waiting.push({ version: event.stream_version, sentAt, counted });
        pending.set(event.stream_id, waiting);
      }
      await load.producer.send(load.topic, relayMessages(stored));
      if (counted) {
        eventsInWindow += stored.length;
        sendsInWindow += 1;
      }
    }
    if (performance.now() - lastProgress >= 2000 && !Number.isNaN(windowStarted)) {
      lastProgress = performance.now();
      const elapsedS = (lastProgress - windowStarted) / 1000;
      load.onProgress({ elapsedS, sentPerS: eventsInWindow / elapsedS, lags });
    }
    tickAt += TICK_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, tickAt - performance.now())));
  }
  const windowS = (performance.now() - windowStarted) / 1000;
  const deadline = performance.now() + 30_000;
  while (pending.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const unconfirmed = [...pending.values()].reduce((sum, p) => sum + p.length, 0);
  await listener.end();
  return { lags: [...lags].sort((a, b) => a - b), eventsInWindow, windowS, sendsInWindow, unconfirmed };
}
