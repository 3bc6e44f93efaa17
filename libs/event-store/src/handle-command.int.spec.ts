// The generic command handler against the real store, with a toy decider: a tally whose commands
// append one event each, so every lost or duplicated append would show in the versions.
import { randomUUID } from 'node:crypto';
import { eventStoreFixture } from '../test/event-store-fixture';
import { type Decider, handleCommand, type PostgresEventStore } from './index';

type Added = { type: 'Added'; data: { by: string }; metadata: Record<string, unknown> };
type Tally = { count: number };
const tally: Decider<{ by: string; limit: number }, Added, Tally> = {
  initialState: () => ({ count: 0 }),
  evolve: (state) => ({ count: state.count + 1 }),
  decide: ({ by, limit }, state) => {
    if (state.count >= limit) throw new Error('tally is full');
    return [{ type: 'Added', data: { by }, metadata: {} }];
  },
};

describe('handleCommand', () => {
  let fixture: Awaited<ReturnType<typeof eventStoreFixture>>;
  let store: PostgresEventStore;
  const options = { newEventId: randomUUID, schemaVersion: 1 };

  beforeAll(async () => {
    fixture = await eventStoreFixture('it_handle_command', 12);
    ({ store } = fixture);
  });

  afterAll(() => fixture.close());

  it('applies concurrent commands on one stream one after another: all applied, versions without a gap', async () => {
    const stream = randomUUID();
    const writers = Array.from({ length: 8 }, (_, n) => `writer-${n}`);
    const results = await Promise.all(writers.map((by) => handleCommand(store, tally, stream, { by, limit: 100 }, { ...options, maxAttempts: 20 })));
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const events = await store.readStream(stream);
    expect(events.map((e) => e.stream_version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.map((e) => (e.data as { by: string }).by).sort()).toEqual([...writers].sort());
  });

  it('decides against the fresh stream after a conflict, so a rule that depends on the history holds', async () => {
    const stream = randomUUID();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, n) => handleCommand(store, tally, stream, { by: `w${n}`, limit: 3 }, { ...options, maxAttempts: 20 })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(Array(3).fill('tally is full'));
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('with expectNewStream, skips the first read, and still decides on the real history when the stream exists', async () => {
    const stream = randomUUID();
    const fresh = await handleCommand(store, tally, stream, { by: 'a', limit: 1 }, { ...options, expectNewStream: true });
    expect(fresh.version).toBe(1);
    // The stream exists now: the blind first attempt conflicts, the retry reads and refuses.
    await expect(handleCommand(store, tally, stream, { by: 'b', limit: 1 }, { ...options, expectNewStream: true })).rejects.toThrow('tally is full');
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('answers a repeated idempotency key with the first result, without deciding again', async () => {
    const stream = randomUUID();
    const key = `request-${stream}`;
    const first = await handleCommand(store, tally, stream, { by: 'a', limit: 1 }, { ...options, idempotencyKey: key });
    // The tally is full now, so deciding again would throw: the key short-cuts the decision.
    const again = await handleCommand(store, tally, stream, { by: 'a', limit: 1 }, { ...options, idempotencyKey: key });
    expect(again).toMatchObject({ duplicate: true, version: 1 });
    expect(again.events.map((e) => e.event_id)).toEqual(first.events.map((e) => e.event_id));
  });

  it('with a known history, decides on it without reading; a stale one fails the append and the retry decides on the fresh stream', async () => {
    const stream = randomUUID();
    await handleCommand(store, tally, stream, { by: 'a', limit: 2 }, options);
    const known = await store.readStream(stream);
    const current = await handleCommand(store, tally, stream, { by: 'b', limit: 2 }, { ...options, knownHistory: known });
    expect(current.version).toBe(2);
    // `known` is one event behind now: with it alone the tally would take a third.
    await expect(handleCommand(store, tally, stream, { by: 'c', limit: 2 }, { ...options, knownHistory: known })).rejects.toThrow('tally is full');
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('with a known history, a repeated idempotency key appends nothing and answers the first result, even where deciding again would pass', async () => {
    const stream = randomUUID();
    const key = `request-${stream}`;
    const first = await handleCommand(store, tally, stream, { by: 'a', limit: 5 }, { ...options, idempotencyKey: key });
    // Decided on the history before the first append, the command would pass again.
    const again = await handleCommand(store, tally, stream, { by: 'a', limit: 5 }, { ...options, idempotencyKey: key, knownHistory: [] });
    expect(again).toMatchObject({ duplicate: true, version: 1 });
    expect(again.events.map((e) => e.event_id)).toEqual(first.events.map((e) => e.event_id));
    // And where the stream still stands where the key left it, the key alone stops a second append.
    const third = await handleCommand(store, tally, stream, { by: 'a', limit: 5 }, { ...options, idempotencyKey: key, knownHistory: await store.readStream(stream) });
    expect(third).toMatchObject({ duplicate: true, version: 1 });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('with a known history, a refusal is decided again on the fresh stream before it stands', async () => {
    // Counting on: a command that needs the tally to have reached a count first.
    const countingOn: Decider<{ by: string; needs: number }, Added, Tally> = { ...tally, decide: ({ by, needs }, state) => {
      if (state.count < needs) throw new Error('not there yet');
      return [{ type: 'Added', data: { by }, metadata: {} }];
    } };
    const stream = randomUUID();
    await handleCommand(store, tally, stream, { by: 'a', limit: 5 }, options);
    const known = await store.readStream(stream);
    await handleCommand(store, tally, stream, { by: 'b', limit: 5 }, options);
    // `known` holds one event; the stream holds two, which is what the command needs.
    await expect(handleCommand(store, countingOn, stream, { by: 'c', needs: 2 }, { ...options, knownHistory: known })).resolves.toMatchObject({ version: 3 });
    await expect(handleCommand(store, countingOn, stream, { by: 'd', needs: 9 }, { ...options, knownHistory: known })).rejects.toThrow('not there yet');
  });
});
