import { createHash } from 'node:crypto';
import { type IdentityTestApp, startIdentityTestApp } from '../../test/identity-test-app';
import { verifyPassword } from './passwords/password-hash';

describe('identity: login, tokens and their expiry', () => {
  let t: IdentityTestApp;
  let serviceUserId: string;
  const person = { email: 'Person@Identity.Test', password: 'person-password-1' };

  beforeAll(async () => {
    t = await startIdentityTestApp();
    const admin = await t.adminToken();
    const company = await t.api('POST', '/api/companies/', { token: admin, json: { name: 'Acme' } });
    await t.api('POST', '/api/users/', { token: admin, json: { credentials: person, profile: { company_id: company.body.company_id, user_type: 'CLIENT' } } });
    const service = await t.api('POST', '/api/users/', { token: admin, json: { credentials: { email: 'sdk@identity.test', password: 'service-password-1' }, profile: { company_id: company.body.company_id, user_type: 'CLIENT_SERVICE' } } });
    serviceUserId = service.body.user_id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const expiresAtOf = async (token: string) => {
    const digest = createHash('sha256').update(token).digest();
    const [row] = await t.sql<{ expires_at: Date }>('SELECT expires_at FROM sessions WHERE token_hash = $1', [digest]);
    return row!.expires_at.getTime();
  };

  it('logs a person in with any case of the e-mail and answers the Oz pair, expiring in 15 minutes', async () => {
    const { status, body } = await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: 'person@identity.test', password: person.password } } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expire_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), user: { user_type: 'CLIENT', email: person.email, is_active: true } });
    expect(body.user.password_hash).toBeUndefined();
    expect(body.expire_date * 1000 - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(body.expire_date * 1000 - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    const whoami = await t.api('GET', '/test/whoami', { token: body.access_token });
    expect(whoami).toEqual({ status: 200, body: { user_id: body.user.user_id, company_id: body.user.company_id, role: 'CLIENT' } });
  });

  it('answers a wrong password and an unknown e-mail alike: 401, AUTH INVALID', async () => {
    const wrong = await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: person.email, password: 'not-the-password' } } });
    const unknown = await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: 'nobody@identity.test', password: 'whatever-1' } } });
    expect(wrong).toEqual({ status: 401, body: { error_code: 7, error_message: 'Wrong e-mail or password', details: null } });
    expect(unknown).toEqual(wrong);
  });

  it('refuses a malformed login with 400 and the right code, never 500', async () => {
    expect((await t.api('POST', '/api/authorize/auth/', { json: { email: person.email } })).body.error_code).toBe(3);
    expect((await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: person.email, password: 12 } } })).body.error_code).toBe(5);
    expect((await t.api('POST', '/api/authorize/auth/', { raw: '{"credentials":' })).status).toBe(400);
    expect((await t.api('POST', '/api/authorize/auth/', { json: ['credentials'] })).body.error_code).toBe(3);
    // Text PostgreSQL cannot hold: refused before the login's lookups, not a 500 from them.
    const nul = await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: 'person\u0000@identity.test', password: person.password } } });
    expect({ status: nul.status, code: nul.body.error_code }).toEqual({ status: 400, code: 4 });
    const search = await t.api('GET', '/api/users/?search_text=a%00', { token: await t.adminToken() });
    expect({ status: search.status, code: search.body.error_code }).toEqual({ status: 400, code: 4 });
  });

  it('lets a @Public() endpoint through without a token', async () => {
    expect(await t.api('GET', '/test/public')).toEqual({ status: 200, body: { open: true } });
  });

  it('answers a missing token with 6, an unknown one with 7, an expired one with 8, all 401', async () => {
    expect(await t.api('GET', '/test/whoami')).toMatchObject({ status: 401, body: { error_code: 6 } });
    expect(await t.api('GET', '/test/whoami', { token: 'A'.repeat(43) })).toMatchObject({ status: 401, body: { error_code: 7 } });
    expect(await t.api('GET', '/test/whoami', { token: 'not a token at all' })).toMatchObject({ status: 401, body: { error_code: 7 } });
    const token = await t.login(person.email, person.password);
    await t.sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(token).digest()]);
    expect(await t.api('GET', '/test/whoami', { token })).toMatchObject({ status: 401, body: { error_code: 8 } });
  });

  it('slides a person\'s expiry: a request pushes it back to 15 minutes from now', async () => {
    const token = await t.login(person.email, person.password);
    await t.sql(`UPDATE sessions SET expires_at = now() + interval '1 minute' WHERE token_hash = $1`, [createHash('sha256').update(token).digest()]);
    const before = await expiresAtOf(token);
    expect((await t.api('GET', '/test/whoami', { token })).status).toBe(200);
    const after = await expiresAtOf(token);
    expect(after - before).toBeGreaterThan(13 * 60_000);
    expect(after - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it('stores only SHA-256 digests of tokens, and a password hash that is not the password but verifies', async () => {
    const { body } = await t.api('POST', '/api/authorize/auth/', { json: { credentials: person } });
    const sessions = await t.sql<Record<string, unknown>>('SELECT * FROM sessions');
    const stored = JSON.stringify(sessions.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Buffer.isBuffer(value) ? value.toString('base64url') : value]))));
    expect(stored).not.toContain(body.access_token);
    expect(stored).not.toContain(body.expire_token);
    expect(stored).toContain(createHash('sha256').update(body.access_token).digest().toString('base64url'));
    const [user] = await t.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE lower(email) = lower($1)', [person.email]);
    expect(user!.password_hash).not.toContain(person.password);
    await expect(verifyPassword(person.password, user!.password_hash)).resolves.toBe(true);
  });

  describe('refresh', () => {
    it('answers a fresh pair; the old pair works until the new one is first used, then is retired', async () => {
      const first = (await t.api('POST', '/api/authorize/auth/', { json: { credentials: person } })).body;
      const renewed = await t.api('POST', '/api/authorize/refresh/', { token: first.access_token, json: { expire_token: first.expire_token } });
      expect(renewed.status).toBe(200);
      expect(renewed.body.access_token).not.toBe(first.access_token);
      expect((await t.api('GET', '/test/whoami', { token: first.access_token })).status).toBe(200);
      expect((await t.api('GET', '/test/whoami', { token: renewed.body.access_token })).status).toBe(200);
      expect(await t.api('GET', '/test/whoami', { token: first.access_token })).toMatchObject({ status: 401, body: { error_code: 7 } });
      // An expire_token renews once.
      expect(await t.api('POST', '/api/authorize/refresh/', { token: renewed.body.access_token, json: { expire_token: first.expire_token } })).toMatchObject({ status: 401, body: { error_message: 'Session not found' } });
    });

    it('given a pair refreshed twice before use (A -> B -> C), then the first use of C retires both B and A', async () => {
      const a = (await t.api('POST', '/api/authorize/auth/', { json: { credentials: person } })).body;
      const b = (await t.api('POST', '/api/authorize/refresh/', { token: a.access_token, json: { expire_token: a.expire_token } })).body;
      const c = await t.api('POST', '/api/authorize/refresh/', { token: b.access_token, json: { expire_token: b.expire_token } });
      expect(c.status).toBe(200);
      expect((await t.api('GET', '/test/whoami', { token: c.body.access_token })).status).toBe(200);
      for (const old of [a.access_token, b.access_token]) expect(await t.api('GET', '/test/whoami', { token: old })).toMatchObject({ status: 401, body: { error_code: 7 } });
    });

    it('renews with an access token that has already expired: that is what refresh is for', async () => {
      const first = (await t.api('POST', '/api/authorize/auth/', { json: { credentials: person } })).body;
      await t.sql(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [createHash('sha256').update(first.access_token).digest()]);
      const renewed = await t.api('POST', '/api/authorize/refresh/', { token: first.access_token, json: { expire_token: first.expire_token } });
      expect(renewed.status).toBe(200);
      expect((await t.api('GET', '/test/whoami', { token: renewed.body.access_token })).status).toBe(200);
    });

    it('answers 400 without expire_token, 401 "Session not found" for an unknown one, 403 to someone else', async () => {
      const mine = (await t.api('POST', '/api/authorize/auth/', { json: { credentials: person } })).body;
      const admin = await t.adminToken();
      expect(await t.api('POST', '/api/authorize/refresh/', { token: mine.access_token, json: {} })).toMatchObject({ status: 400, body: { error_code: 3, error_message: 'Could not locate field expire_token' } });
      expect(await t.api('POST', '/api/authorize/refresh/', { token: mine.access_token, json: { expire_token: 'B'.repeat(43) } })).toMatchObject({ status: 401, body: { error_message: 'Session not found' } });
      expect(await t.api('POST', '/api/authorize/refresh/', { token: admin, json: { expire_token: mine.expire_token } })).toMatchObject({ status: 403, body: { error_code: 9, error_message: 'You have not access to refresh this session' } });
      expect(await t.api('POST', '/api/authorize/refresh/', { json: { expire_token: mine.expire_token } })).toMatchObject({ status: 401, body: { error_code: 6 } });
    });
  });

  describe('service tokens', () => {
    it('lets an ADMIN mint a 5-year token for a CLIENT_SERVICE user', async () => {
      const { status, body } = await t.api('POST', `/api/authorize/service_token/${serviceUserId}`, { token: await t.adminToken() });
      expect(status).toBe(200);
      expect(body.user).toMatchObject({ user_id: serviceUserId, user_type: 'CLIENT_SERVICE', is_service: true });
      expect(body.expire_date * 1000 - Date.now()).toBeGreaterThan(4.9 * 365 * 24 * 3600_000);
      expect(await t.api('GET', '/test/whoami', { token: body.access_token })).toMatchObject({ status: 200, body: { user_id: serviceUserId, role: 'CLIENT_SERVICE' } });
      const [session] = await t.sql<{ kind: string }>('SELECT kind FROM sessions WHERE token_hash = $1', [createHash('sha256').update(body.access_token).digest()]);
      expect(session!.kind).toBe('service');
    });

    it('gives a CLIENT_SERVICE a long-lived token at login too', async () => {
      const { body } = await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: 'sdk@identity.test', password: 'service-password-1' } } });
      expect(body.expire_date * 1000 - Date.now()).toBeGreaterThan(4.9 * 365 * 24 * 3600_000);
    });

    it('refuses anyone but an ADMIN (403, 9), a person (400, 4) and an unknown user (404, 10)', async () => {
      const personToken = await t.login(person.email, person.password);
      const [personRow] = await t.sql<{ user_id: string }>('SELECT user_id FROM users WHERE lower(email) = lower($1)', [person.email]);
      expect(await t.api('POST', `/api/authorize/service_token/${serviceUserId}`, { token: personToken })).toMatchObject({ status: 403, body: { error_code: 9 } });
      expect(await t.api('POST', `/api/authorize/service_token/${personRow!.user_id}`, { token: await t.adminToken() })).toMatchObject({ status: 400, body: { error_code: 4 } });
      expect(await t.api('POST', '/api/authorize/service_token/00000000-0000-4000-8000-000000000000', { token: await t.adminToken() })).toMatchObject({ status: 404, body: { error_code: 10 } });
      expect(await t.api('POST', '/api/authorize/service_token/not-a-uuid', { token: await t.adminToken() })).toMatchObject({ status: 404, body: { error_code: 10 } });
    });
  });

  it("given users who change their own password, then every other session of theirs ends, and the one they changed it with goes on", async () => {
    const admin = await t.adminToken();
    const [company] = await t.sql<{ company_id: string }>('SELECT company_id FROM companies LIMIT 1');
    const created = await t.api('POST', '/api/users/', { token: admin, json: { credentials: { email: 'mover@identity.test', password: 'mover-password-1' }, profile: { company_id: company!.company_id } } });
    const stolen = await t.login('mover@identity.test', 'mover-password-1');
    const own = await t.login('mover@identity.test', 'mover-password-1');
    expect((await t.api('PATCH', `/api/users/${created.body.user_id}`, { token: own, json: { credentials: { password: 'mover-password-2' } } })).status).toBe(200);
    expect(await t.api('GET', '/test/whoami', { token: stolen })).toMatchObject({ status: 401, body: { error_code: 7 } });
    expect((await t.api('GET', '/test/whoami', { token: own })).status).toBe(200);
  });

  it('ends the sessions of a deactivated user and refuses its login', async () => {
    const admin = await t.adminToken();
    const [company] = await t.sql<{ company_id: string }>('SELECT company_id FROM companies LIMIT 1');
    const created = await t.api('POST', '/api/users/', { token: admin, json: { credentials: { email: 'leaver@identity.test', password: 'leaver-password' }, profile: { company_id: company!.company_id } } });
    const token = await t.login('leaver@identity.test', 'leaver-password');
    expect((await t.api('PATCH', `/api/users/${created.body.user_id}`, { token: admin, json: { profile: { is_active: false } } })).status).toBe(200);
    expect(await t.api('GET', '/test/whoami', { token })).toMatchObject({ status: 401, body: { error_code: 7 } });
    expect((await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: 'leaver@identity.test', password: 'leaver-password' } } })).status).toBe(401);
  });
});
