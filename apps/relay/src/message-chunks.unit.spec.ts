import { messageChunks } from './message-chunks';

const message = (key: string, bytes: number) => ({ key, value: 'x'.repeat(bytes) });

describe('messageChunks', () => {
  it('keeps every message, in order, in chunks no larger than the limit', () => {
    const messages = Array.from({ length: 10 }, (_, n) => message(`k${n}`, 98));
    const chunks = messageChunks(messages, 300);
    expect(chunks.flat()).toEqual(messages);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
  });

  it('sends a message larger than the limit on its own rather than dropping it', () => {
    const chunks = messageChunks([message('a', 10), message('big', 1_000), message('b', 10)], 100);
    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['a'], ['big'], ['b']]);
  });
});
