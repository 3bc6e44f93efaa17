// The folder histories a worker keeps from what it consumed: whole from version 1 or not at all,
// so that a submitted group is started on its folder's exact stream without reading the store.
import { toEnvelope } from '@forensics/event-store';
import { type ConsumedEvent, ConsumedHistories, consumedEvent } from './consumed-histories';

const event = (stream: string, version: number, id = `${stream}-v${version}`): ConsumedEvent => ({
  event_id: id,
  stream_version: version,
  type: version === 1 ? 'FolderCreated' : 'MediaUploaded',
  data: { n: version },
  metadata: {},
});
const versions = (events: readonly ConsumedEvent[] | null) => events?.map((e) => e.stream_version) ?? null;
const roomy = () => new ConsumedHistories({ maxFolders: 10, maxBytes: 1_000_000 });

describe('ConsumedHistories', () => {
  it('given a folder consumed from version 1 without a gap, then it is whole through each version seen', () => {
    const histories = roomy();
    expect([1, 2, 3].map((v) => histories.see('f', event('f', v), 10))).toEqual([true, true, true]);
    expect(versions(histories.through('f', 3))).toEqual([1, 2, 3]);
    expect(versions(histories.through('f', 2))).toEqual([1, 2, 3]);
    expect(histories.through('f', 4)).toBeNull();
  });

  it('given a folder first consumed after its version 1 (a partition taken over midway), then it is not known', () => {
    const histories = roomy();
    expect(histories.see('f', event('f', 4), 10)).toBe(false);
    expect(histories.see('f', event('f', 5), 10)).toBe(false);
    expect(histories.through('f', 5)).toBeNull();
  });

  it('given a gap, then the folder is forgotten, and stays so until its version 1 comes again', () => {
    const histories = roomy();
    histories.see('f', event('f', 1), 10);
    histories.see('f', event('f', 2), 10);
    expect(histories.see('f', event('f', 4), 10)).toBe(false);
    expect(histories.through('f', 2)).toBeNull();
    expect(histories.see('f', event('f', 5), 10)).toBe(false);
    expect(histories.through('f', 5)).toBeNull();
    // Delivered again from the start (a replay), the folder is whole once more.
    expect([1, 2, 3, 4, 5].map((v) => histories.see('f', event('f', v), 10))).toEqual([true, true, true, true, true]);
    expect(versions(histories.through('f', 5))).toEqual([1, 2, 3, 4, 5]);
  });

  it('given events delivered again, then the history stands and the repeats are not first sights', () => {
    const histories = roomy();
    for (const v of [1, 2, 3]) histories.see('f', event('f', v), 10);
    expect([1, 2, 3].map((v) => histories.see('f', event('f', v), 10))).toEqual([false, false, false]);
    expect(versions(histories.through('f', 3))).toEqual([1, 2, 3]);
  });

  it('given another event at a version already held, then the folder is forgotten', () => {
    const histories = roomy();
    for (const v of [1, 2, 3]) histories.see('f', event('f', v), 10);
    expect(histories.see('f', event('f', 2, 'another'), 10)).toBe(false);
    expect(histories.through('f', 1)).toBeNull();
  });

  it('given another version 1 (a folder started over), then the new history replaces the old one', () => {
    const histories = roomy();
    for (const v of [1, 2]) histories.see('f', event('f', v), 10);
    expect(histories.see('f', event('f', 1, 'new-start'), 10)).toBe(true);
    expect(histories.through('f', 1)?.map((e) => e.event_id)).toEqual(['new-start']);
  });

  it('given more folders than the limit, then the least recently seen goes first', () => {
    const histories = new ConsumedHistories({ maxFolders: 2, maxBytes: 1_000_000 });
    histories.see('a', event('a', 1), 10);
    histories.see('b', event('b', 1), 10);
    histories.see('a', event('a', 2), 10);
    histories.see('c', event('c', 1), 10);
    expect(histories.size).toBe(2);
    expect(histories.through('b', 1)).toBeNull();
    expect(versions(histories.through('a', 2))).toEqual([1, 2]);
    expect(versions(histories.through('c', 1))).toEqual([1]);
  });

  it('given more bytes than the limit, then folders go, oldest first, until the rest fit', () => {
    const histories = new ConsumedHistories({ maxFolders: 100, maxBytes: 100 });
    histories.see('a', event('a', 1), 40);
    histories.see('b', event('b', 1), 40);
    expect(histories.see('b', event('b', 2), 40)).toBe(true);
    expect(histories.through('a', 1)).toBeNull();
    expect(versions(histories.through('b', 2))).toEqual([1, 2]);
    // A folder that outgrows the limit alone is dropped, and the others stay.
    histories.see('c', event('c', 1), 10);
    expect(histories.see('b', event('b', 3), 40)).toBe(false);
    expect(histories.through('b', 1)).toBeNull();
    expect(versions(histories.through('c', 1))).toEqual([1]);
    expect(histories.see('d', event('d', 1), 101)).toBe(false);
    expect(versions(histories.through('c', 1))).toEqual([1]);
  });
});

describe('consumedEvent', () => {
  const stored = {
    event_id: '0b8f6a4e-3f4c-4d8e-9f47-4c8e6c1d2a10',
    stream_id: '5d7f2c1e-8b3a-4e6f-9a2d-1c4b7e8f9a30',
    stream_version: 1,
    global_position: 12,
    type: 'FolderCreated',
    schema_version: 1,
    data: { folder_id: '5d7f2c1e-8b3a-4e6f-9a2d-1c4b7e8f9a30', company_id: 'c1', user_id: 'u1', meta_data: { nested: { kept: [1, 2] } }, resolution_endpoint: null },
    metadata: { occurred_at: '2026-11-22T10:00:00.000Z', user_id: 'u1', company_id: 'c1', correlation_id: 'request-1' },
    recorded_at: new Date('2026-11-22T10:00:00.010Z'),
    transaction_id: '900',
  };

  it('given a message the relay sent, then the event has the stored data as it is, and the metadata the stream holds', () => {
    const consumed = consumedEvent(JSON.stringify(toEnvelope(stored)));
    if (!consumed.ok) throw new Error(consumed.reason);
    expect(consumed.envelope.stream_id).toBe(stored.stream_id);
    expect(consumed.event).toEqual({ event_id: stored.event_id, stream_version: 1, type: 'FolderCreated', data: stored.data, metadata: stored.metadata });
  });

  it('given a message that is not a readable event, then the reason says why', () => {
    expect(consumedEvent('{not json')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(consumedEvent(JSON.stringify({ ...toEnvelope(stored), type: 'Unheard' }))).toMatchObject({ ok: false, reason: expect.stringContaining('unknown event type') });
  });
});
