// Given a running ingest, when a request is repeated or two commands race on one folder, then the
// folder stream holds each change once, at versions 1..n without a gap.
import { randomInt } from 'node:crypto';
import { ConcurrencyError, PostgresEventStore } from '@forensics/event-store';
import { type IngestHarness, startIngest } from '../test/ingest-harness';
import { actors, createFolder, kycMedia, photo, request } from '../test/payloads';
import { INGEST_PATTERNS as P } from '@forensics/contracts';

describe('ingest under repeats and races', () => {
  let ingest: IngestHarness;

  beforeAll(async () => {
    ingest = await startIngest('it_ingest_races');
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('the same idempotency key sent twice appends once, and the repeat answers duplicate with the same event ids', async () => {
    const create = { ...createFolder(kycMedia()), idempotency_key: 'req-7f3a9c' };
    const before = await ingest.countEvents();

    const first = await ingest.send(P.createFolder, create);
    const second = await ingest.send(P.createFolder, create);

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(await ingest.countEvents()).toBe(before + 4);
  });

  it('a repeated key answers for its first folder, even when the retry carries a new folder id', async () => {
    const first = await ingest.send(P.createFolder, { ...createFolder(), idempotency_key: 'req-retry-after-timeout' });

    const retry = await ingest.send(P.createFolder, { ...createFolder(), idempotency_key: 'req-retry-after-timeout' });

    expect(retry).toEqual({ ...first, duplicate: true });
  });

  it('the same key from another company is another request: it neither collides nor reveals the first', async () => {
    const fromA = await ingest.send(P.createFolder, { ...createFolder(), idempotency_key: 'order-1' });

    const fromB = await ingest.send(P.createFolder, { ...createFolder(kycMedia(), {}, actors.clientB), idempotency_key: 'order-1' });

    expect(fromB.duplicate).toBe(false);
    expect(fromB.folder_id).not.toBe(fromA.folder_id);
    expect(fromB.events.map((e) => e.event_id)).not.toContain(fromA.events[0]?.event_id);
  });

  it('a key and sender ids at their limits are stored and recognised, even in characters JSON escapes six-fold', async () => {
    // U+0001..U+001F but \b \t \n \f \r: each becomes "\u00XX" in the scoped key, about 3 kB in all,
    // which PostgreSQL compresses into a btree entry.
    const escaped = [...Array(32).keys()].filter((code) => code > 0 && ![8, 9, 10, 12, 13].includes(code));
    const text = (length: number) => Array.from({ length }, () => String.fromCharCode(escaped[randomInt(escaped.length)] as number)).join('');
    const sender = { user_id: text(128), company_id: text(128), role: 'CLIENT' } as const;
    const create = { ...createFolder(kycMedia(), { folder_id: text(128) }, sender), idempotency_key: text(255) };

    const first = await ingest.send(P.createFolder, create);
    const repeat = await ingest.send(P.createFolder, create);

    expect(first).toMatchObject({ folder_id: create.data.folder_id, duplicate: false });
    expect(repeat).toEqual({ ...first, duplicate: true });
  });

  it('two concurrent add_media on one folder both apply, in some order, with versions 1..n and no gap', async () => {
    const create = createFolder([photo(['photo_id_front'])]);
    await ingest.send(P.createFolder, create);
    const folder_id = create.data.folder_id;
    const added: string[] = [];
    const conflicts = countConflicts();

    for (let round = 0; round < 4; round++) {
      const left = photo(['photo_selfie']);
      const right = photo(['photo_selfie']);
      const replies = await Promise.all([
        ingest.send(P.addMedia, request(P.addMedia, { folder_id, media: [left] })),
        ingest.send(P.addMedia, request(P.addMedia, { folder_id, media: [right] })),
      ]);
      expect(replies.map((r) => r.version).sort(byNumber)).toEqual([2 * round + 3, 2 * round + 4]);
      added.push(left.media_id, right.media_id);
    }

    const stream = await ingest.readStream(folder_id);
    expect(stream.map((e) => e.stream_version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const uploaded = stream.slice(2).map((e) => (e.data as { media_id: string }).media_id);
    expect([...uploaded].sort()).toEqual([...added].sort());
    // The race really happened: a command lost it, re-read the stream and appended after the winner.
    expect(conflicts.count()).toBeGreaterThan(0);
  });
});

const byNumber = (x: number, y: number) => x - y;

/** Counts the appends that lost a race on the stream version (and were then retried). */
function countConflicts() {
  let conflicts = 0;
  const append = PostgresEventStore.prototype.append;
  jest.spyOn(PostgresEventStore.prototype, 'append').mockImplementation(async function (this: PostgresEventStore, ...args) {
    try {
      return await append.apply(this, args);
    } catch (error) {
      if (error instanceof ConcurrencyError) conflicts++;
      throw error;
    }
  });
  return { count: () => conflicts };
}
