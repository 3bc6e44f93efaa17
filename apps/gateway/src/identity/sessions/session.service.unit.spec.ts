import type { DataSource } from 'typeorm';
import { SESSION_TTLS } from './session-ttl';
import { newToken } from './session-token';
import { SessionService } from './session.service';
import type { SessionsRepository, TokenCheck } from './sessions.repository';
import { TokenCache } from './token-cache';

/** The token checks as the database answers them, counted; no database here: the cache's rules alone. */
function fakeSessions(answer: (n: number) => Partial<TokenCheck>) {
  const calls = { check: 0, revokeAllOf: 0 };
  const repository = {
    check: async () => {
      calls.check += 1;
      return { session_id: 's1', user_id: 'u1', company_id: 'c1', user_type: 'CLIENT', usable: true, expired: false, can_start_analyse_quality: true, can_start_analyse_biometry: true, can_start_analyse_collection: true, company_biometry_settings: {}, remaining_ms: 60_000, retiring: false, ...answer(calls.check) } as TokenCheck;
    },
    revokeAllOf: async () => {
      calls.revokeAllOf += 1;
    },
  };
  return { repository: repository as unknown as SessionsRepository, calls };
}

describe('SessionService with the token cache', () => {
  const service = (answer: (n: number) => Partial<TokenCheck> = () => ({})) => {
    const { repository, calls } = fakeSessions(answer);
    const cache = new TokenCache({ ttlMs: 5_000, maxEntries: 100 });
    cache.setListening(true);
    return { sessions: new SessionService(repository, SESSION_TTLS, {} as DataSource, cache), calls };
  };

  it('asks the database once for a token used twice', async () => {
    const { sessions, calls } = service();
    const token = newToken();
    await sessions.authenticate(token);
    const again = await sessions.authenticate(token);
    expect(calls.check).toBe(1);
    expect(again.actor).toEqual({ user_id: 'u1', company_id: 'c1', role: 'CLIENT' });
  });

  it("answers a cached caller nobody can change: it is shared by that token's requests", async () => {
    const { sessions } = service();
    const caller = await sessions.authenticate(newToken());
    expect(Object.isFrozen(caller)).toBe(true);
    expect(Object.isFrozen(caller.actor)).toBe(true);
    expect(Object.isFrozen(caller.companyBiometry)).toBe(true);
  });

  it("asks again after this gateway revoked the user's sessions, without waiting for the notification", async () => {
    const { sessions, calls } = service((n) => (n === 1 ? {} : { usable: false }));
    const token = newToken();
    await sessions.authenticate(token);
    await sessions.revokeAllOf('u1');
    await expect(sessions.authenticate(token)).rejects.toMatchObject({ code: 7 });
    expect(calls.check).toBe(2);
  });

  it("asks again after this gateway changed the user, and keeps other users' tokens", async () => {
    const { sessions, calls } = service((n) => (n === 2 ? { user_id: 'u2' } : {}));
    const mine = newToken();
    const other = newToken();
    await sessions.authenticate(mine);
    await sessions.authenticate(other);
    sessions.forgetCheckedTokensOf('u1');
    await sessions.authenticate(other);
    expect(calls.check).toBe(2);
    await sessions.authenticate(mine);
    expect(calls.check).toBe(3);
  });

  it('forgets the pairs a refreshed pair retires on its first use, and keeps that first answer out of the cache', async () => {
    const { sessions, calls } = service((n) => (n === 2 ? { session_id: 's2', retiring: true } : {}));
    const old = newToken();
    const renewed = newToken();
    await sessions.authenticate(old);
    await sessions.authenticate(renewed);
    await sessions.authenticate(old);
    await sessions.authenticate(renewed);
    expect(calls.check).toBe(4);
  });

  it('keeps no answer for an unusable or expired token: each try asks', async () => {
    const { sessions, calls } = service((n) => (n === 1 ? { usable: false } : { expired: true }));
    const token = newToken();
    await expect(sessions.authenticate(token)).rejects.toMatchObject({ code: 7 });
    await expect(sessions.authenticate(token)).rejects.toMatchObject({ code: 8 });
    await expect(sessions.authenticate(token)).rejects.toMatchObject({ code: 8 });
    expect(calls.check).toBe(3);
  });
});
