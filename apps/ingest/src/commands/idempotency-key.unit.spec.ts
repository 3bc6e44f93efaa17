// Given the sender and the key of a request, when ingest scopes the key, then two different
// senders or keys never give the same stored key, whatever characters their ids hold.
import type { Actor } from '@forensics/domain';
import { scopedIdempotencyKey } from './idempotency-key';

const client = (company_id: string, user_id: string): Actor => ({ company_id, user_id, role: 'CLIENT' });

describe('scopedIdempotencyKey', () => {
  it('tells a slash inside the company id from the one between company and user', () => {
    expect(scopedIdempotencyKey(client('a/b', 'c'), 'k')).not.toBe(scopedIdempotencyKey(client('a', 'b/c'), 'k'));
  });

  it('tells a slash inside the user id from the one between user and key', () => {
    expect(scopedIdempotencyKey(client('a', 'b/c'), 'd')).not.toBe(scopedIdempotencyKey(client('a', 'b'), 'c/d'));
  });

  it('tells a sender without a company from a company whose id is a dash', () => {
    const operator: Actor = { company_id: null, user_id: 'u', role: 'OPERATOR' };

    expect(scopedIdempotencyKey(operator, 'k')).not.toBe(scopedIdempotencyKey({ ...operator, company_id: '-' }, 'k'));
  });

  it('tells quotes and commas inside a part from the ones of the encoding', () => {
    expect(scopedIdempotencyKey(client('a","b', 'c'), 'k')).not.toBe(scopedIdempotencyKey(client('a', 'b","c'), 'k'));
  });

  it('gives the same key for the same sender and key, so a retry is recognised', () => {
    expect(scopedIdempotencyKey(client('a/b', 'c'), 'k')).toBe(scopedIdempotencyKey(client('a/b', 'c'), 'k'));
  });
});
