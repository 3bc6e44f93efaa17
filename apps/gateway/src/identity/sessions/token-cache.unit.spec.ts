import type { Caller } from '../caller';
import { forgetScopeOf, TokenCache } from './token-cache';

const caller = (user_id: string, company_id = 'c1'): Caller => ({ actor: { user_id, company_id, role: 'CLIENT' }, sessionId: `s-${user_id}`, mayStartAnalyses: new Set(['QUALITY']), companyBiometry: null });

describe('the token cache', () => {
  let clock: number;
  const cache = (ttlMs = 5_000, maxEntries = 100) => {
    const made = new TokenCache({ ttlMs, maxEntries, now: () => clock });
    made.setListening(true);
    return made;
  };

  beforeEach(() => {
    clock = 1_000;
  });

  it('gives back a caller it kept, until its time is up', () => {
    const tokens = cache();
    tokens.keep('t1', caller('u1'), 60_000, tokens.begin());
    expect(tokens.get('t1')?.actor.user_id).toBe('u1');
    clock += 4_999;
    expect(tokens.get('t1')).not.toBeNull();
    clock += 1;
    expect(tokens.get('t1')).toBeNull();
    expect(tokens.size).toBe(0);
  });

  it("counts the time from the check's start, not from its answer", () => {
    const tokens = cache();
    const begun = tokens.begin();
    clock += 40;
    tokens.keep('t1', caller('u1'), 300, begun);
    clock += 259;
    expect(tokens.get('t1')).not.toBeNull();
    clock += 1;
    expect(tokens.get('t1')).toBeNull();
  });

  it('keeps a caller no longer than its session has left', () => {
    const tokens = cache();
    tokens.keep('t1', caller('u1'), 300, tokens.begin());
    clock += 299;
    expect(tokens.get('t1')).not.toBeNull();
    clock += 1;
    expect(tokens.get('t1')).toBeNull();
  });

  it('keeps nothing for a session with no time left', () => {
    const tokens = cache();
    tokens.keep('t1', caller('u1'), 0, tokens.begin());
    tokens.keep('t2', caller('u2'), -5, tokens.begin());
    expect(tokens.size).toBe(0);
  });

  it("forgets one user's tokens, or one company's users' tokens, and keeps the others", () => {
    const tokens = cache();
    for (const [user, company] of [['u1', 'c1'], ['u2', 'c1'], ['u3', 'c2']] as const) tokens.keep(user, caller(user, company), 60_000, tokens.begin());
    tokens.forget({ userId: 'u1' });
    expect([tokens.get('u1'), tokens.get('u2'), tokens.get('u3')].map((c) => c?.actor.user_id ?? null)).toEqual([null, 'u2', 'u3']);
    tokens.forget({ companyId: 'c1' });
    expect([tokens.get('u2'), tokens.get('u3')].map((c) => c?.actor.user_id ?? null)).toEqual([null, 'u3']);
    tokens.forget('all');
    expect(tokens.size).toBe(0);
  });

  it('keeps no check that was under way while it forgot anything', () => {
    const tokens = cache();
    const begun = tokens.begin();
    tokens.forget({ userId: 'someone-else' });
    tokens.keep('t2', caller('u2'), 60_000, begun);
    expect(tokens.get('t2')).toBeNull();
    tokens.keep('t2', caller('u2'), 60_000, tokens.begin());
    expect(tokens.get('t2')).not.toBeNull();
  });

  it('keeps nothing while the changes cannot be heard, and forgets what it had when they stop', () => {
    const tokens = cache();
    tokens.keep('t1', caller('u1'), 60_000, tokens.begin());
    const begun = tokens.begin();
    tokens.setListening(false);
    expect(tokens.get('t1')).toBeNull();
    tokens.keep('t1', caller('u1'), 60_000, tokens.begin());
    expect(tokens.get('t1')).toBeNull();
    tokens.setListening(true);
    tokens.keep('t1', caller('u1'), 60_000, begun);
    expect(tokens.get('t1')).toBeNull();
  });

  it('starts deaf: nothing is kept before the changes are heard', () => {
    const tokens = new TokenCache({ ttlMs: 5_000, maxEntries: 10, now: () => clock });
    tokens.keep('t1', caller('u1'), 60_000, tokens.begin());
    expect(tokens.get('t1')).toBeNull();
  });

  it('is off with a time of 0', () => {
    const tokens = cache(0);
    tokens.keep('t1', caller('u1'), 60_000, tokens.begin());
    expect(tokens.get('t1')).toBeNull();
  });

  it('holds at most maxEntries tokens, dropping the oldest', () => {
    const tokens = cache(5_000, 2);
    for (const n of [1, 2, 3]) tokens.keep(`t${n}`, caller(`u${n}`), 60_000, tokens.begin());
    expect(tokens.size).toBe(2);
    expect(tokens.get('t1')).toBeNull();
    expect(tokens.get('t3')?.actor.user_id).toBe('u3');
  });

  it("reads the triggers' notifications: a user, a company, else everything", () => {
    expect(forgetScopeOf('user:7f1c')).toEqual({ userId: '7f1c' });
    expect(forgetScopeOf('company:c9')).toEqual({ companyId: 'c9' });
    expect(forgetScopeOf('all')).toBe('all');
    expect(forgetScopeOf('')).toBe('all');
    expect(forgetScopeOf(undefined)).toBe('all');
    expect(forgetScopeOf('user:')).toBe('all');
  });
});
