// Given a batch of events, when its log line names their requests, then each id appears once.
import { distinctIds } from './distinct-ids';

describe('distinctIds', () => {
  it('keeps each id once, in first-seen order, and skips missing or empty ones', () => {
    const events = [{ id: 'b' }, { id: 'a' }, { id: 'b' }, { id: '' }, { id: null }, {}];

    expect(distinctIds(events, (e: { id?: string | null }) => e.id)).toEqual(['b', 'a']);
  });
});
