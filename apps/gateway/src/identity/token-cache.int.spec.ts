import { createHash } from 'node:crypto';
import { type ApiBody, type IdentityTestApp, startIdentityTestApp } from '../../test/identity-test-app';

const digestOf = (token: string) => createHash('sha256').update(token).digest();

/** Asks until `done` holds or `withinMs` passes; answers how long it took, or null. */
async function msUntil(ask: () => Promise<boolean>, withinMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started <= withinMs) {
    if (await ask()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

/**
 * Decision 0018: a token checked a moment ago is believed without a database round trip, but no
 * longer than TOKEN_CACHE_MS, and a change to who the token is reaches every gateway at once.
 */
describe('identity: the token cache', () => {
  let t: IdentityTestApp;
  let companyId: string;
  let users = 0;

  /** A CLIENT of the company with a token that was just used once (so it is in the cache). */
  const usedClient = async (app: IdentityTestApp = t) => {
    users += 1;
    const email = `cached-${users}@identity.test`;
    const admin = await app.adminToken();
    const created = await app.api('POST', '/api/users/', { token: admin, json: { credentials: { email, password: 'cached-password-1' }, profile: { company_id: companyId, user_type: 'CLIENT' } } });
    const token = await app.login(email, 'cached-password-1');
    expect((await app.api('GET', '/test/whoami', { token })).status).toBe(200);
    return { token, userId: created.body.user_id as string };
  };
  /** A gateway (or two) on a schema of its own, with a company whose users the tests create. */
  const startWithCompany = async (options: Parameters<typeof startIdentityTestApp>[0], name: string) => {
    const app = await startIdentityTestApp(options);
    const company = await app.api('POST', '/api/companies/', { token: await app.adminToken(), json: { name } });
    companyId = company.body.company_id;
    return app;
  };
  const whoami = (token: string, app: IdentityTestApp = t): Promise<{ status: number; body: ApiBody }> => app.api('GET', '/test/whoami', { token });
  /** Moves the session's expiry behind the cache's back: no trigger fires for it. */
  const expireQuietly = (app: IdentityTestApp, token: string) => app.sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [digestOf(token)]);

  describe('with the longest cache time (10 s), so that only a notification can explain a change seen within 2 s', () => {
    beforeAll(async () => {
      t = await startWithCompany({ instances: 2, env: { TOKEN_CACHE_MS: '10000' } }, 'Cached');
    });

    afterAll(async () => {
      await t?.close();
    });

    it('answers a token it checked a moment ago from the cache: an expiry moved quietly in the database is not seen', async () => {
      const { token } = await usedClient();
      await expireQuietly(t, token);
      expect(await whoami(token)).toMatchObject({ status: 200, body: { role: 'CLIENT' } });
    });

    it("does not forget for a check that slides a person's expiry, nor for another user's change", async () => {
      const { token } = await usedClient();
      await expireQuietly(t, token);
      const sliding = await usedClient();
      const expiresAt = async () => (await t.sql<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE token_hash = $1', [digestOf(sliding.token)]))[0]!.expires_at.getTime();
      await t.sql(`UPDATE sessions SET expires_at = now() + interval '1 minute' WHERE token_hash = $1`, [digestOf(sliding.token)]);
      const before = await expiresAt();
      // A change to the user forgets its token, so the next request asks the database, which slides the expiry.
      await t.sql(`UPDATE users SET first_name = 'Changed' WHERE user_id = $1`, [sliding.userId]);
      expect(await msUntil(async () => (await whoami(sliding.token)).status === 200 && (await expiresAt()) > before, 2_000)).not.toBeNull();
      expect((await expiresAt()) - Date.now()).toBeGreaterThan(14 * 60_000);
      // The slide notified nothing: the token stays cached, and so does the other user's.
      await expireQuietly(t, sliding.token);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await whoami(sliding.token)).status).toBe(200);
      expect(await whoami(token)).toMatchObject({ status: 200, body: { role: 'CLIENT' } });
    });

    it('refuses a token within moments when its session row is deleted', async () => {
      const { token } = await usedClient();
      await t.sql('DELETE FROM sessions WHERE token_hash = $1', [digestOf(token)]);
      expect(await msUntil(async () => (await whoami(token)).status === 401, 2_000)).not.toBeNull();
    });

    it("refuses a token at once on the gateway that deactivated its user, though it was in that gateway's cache", async () => {
      const { token, userId } = await usedClient();
      expect((await t.api('PATCH', `/api/users/${userId}`, { token: await t.adminToken(), json: { profile: { is_active: false } } })).status).toBe(200);
      expect(await whoami(token)).toMatchObject({ status: 401, body: { error_code: 7 } });
    });

    it('refuses a token within moments when another gateway, or anyone, revokes its session in the database', async () => {
      const { token } = await usedClient();
      await t.sql('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [digestOf(token)]);
      const took = await msUntil(async () => (await whoami(token)).status === 401, 2_000);
      expect(took).not.toBeNull();
      expect(await whoami(token)).toMatchObject({ status: 401, body: { error_code: 7 } });
    });

    it("answers a user's new role within moments of a change made elsewhere", async () => {
      const { token, userId } = await usedClient();
      await t.sql(`UPDATE users SET user_type = 'CLIENT_ADMIN' WHERE user_id = $1`, [userId]);
      expect(await msUntil(async () => (await whoami(token)).body?.role === 'CLIENT_ADMIN', 2_000)).not.toBeNull();
    });

    it("forgets its tokens when a company changes (their callers carry the company's biometry settings)", async () => {
      const { token } = await usedClient();
      await expireQuietly(t, token);
      await t.sql(`UPDATE companies SET name = name || '.' WHERE company_id = $1`, [companyId]);
      expect(await msUntil(async () => (await whoami(token)).status === 401, 2_000)).not.toBeNull();
      expect(await whoami(token)).toMatchObject({ status: 401, body: { error_code: 8 } });
    });

    it('keeps nothing it may have missed a change for: losing the notification connection forgets every token', async () => {
      const { token } = await usedClient();
      await expireQuietly(t, token);
      const listeners = () => t.sql<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = 'gateway-identity-changes' AND datname = current_database()`);
      const before = (await listeners()).map((row) => row.pid);
      await t.sql('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
      // Both gateways listen again on fresh connections.
      const back = await msUntil(async () => {
        const now = (await listeners()).map((row) => row.pid);
        return now.length === before.length && now.every((pid) => !before.includes(pid));
      }, 5_000);
      expect(back).not.toBeNull();
      expect(await whoami(token)).toMatchObject({ status: 401, body: { error_code: 8 } });
    });
  });

  describe('with a short cache time', () => {
    let short: IdentityTestApp;

    beforeAll(async () => {
      short = await startWithCompany({ env: { TOKEN_CACHE_MS: '300' } }, 'Short');
    });

    afterAll(async () => {
      await short?.close();
    });

    it('asks the database again once the cache time is up', async () => {
      const { token } = await usedClient(short);
      await expireQuietly(short, token);
      expect(await msUntil(async () => (await whoami(token, short)).status === 401, 2_000)).not.toBeNull();
      expect(await whoami(token, short)).toMatchObject({ status: 401, body: { error_code: 8 } });
    });
  });

  describe('turned off (TOKEN_CACHE_MS=0)', () => {
    let off: IdentityTestApp;

    beforeAll(async () => {
      off = await startWithCompany({ env: { TOKEN_CACHE_MS: '0' } }, 'Off');
    });

    afterAll(async () => {
      await off?.close();
    });

    it('asks the database on every request', async () => {
      const { token } = await usedClient(off);
      await expireQuietly(off, token);
      expect(await whoami(token, off)).toMatchObject({ status: 401, body: { error_code: 8 } });
    });
  });
});
