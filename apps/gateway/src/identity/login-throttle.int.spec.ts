// Password guessing, against the real identity tables: a few failed logins per e-mail, then a
// pause, whatever the password, and whether or not a user has that e-mail.
import { setTimeout as sleep } from 'node:timers/promises';
import { type IdentityTestApp, startIdentityTestApp } from '../../test/identity-test-app';

describe('identity: failed logins slow guessing down', () => {
  let t: IdentityTestApp;
  const person = { email: 'guarded@identity.test', password: 'person-password-1' };
  const WINDOW_MS = 3_000;

  beforeAll(async () => {
    t = await startIdentityTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_MS: String(WINDOW_MS) } });
    const admin = await t.adminToken();
    const company = await t.api('POST', '/api/companies/', { token: admin, json: { name: 'Guarded' } });
    await t.api('POST', '/api/users/', { token: admin, json: { credentials: person, profile: { company_id: company.body.company_id, user_type: 'CLIENT' } } });
  });

  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string) => fetch(`${t.baseUrl}/api/authorize/auth/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credentials: { email, password } }) });

  it('given three wrong passwords, then the next login is refused with 429, code 9 and Retry-After, even with the right password; other e-mails are not affected', async () => {
    for (let n = 0; n < 3; n += 1) expect((await login(person.email, 'wrong-password')).status).toBe(401);
    const locked = await login('GUARDED@identity.test', person.password);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(await locked.json()).toMatchObject({ error_code: 9, details: { retry_after_s: retryAfter } });
    expect((await login('root@identity.test', 'root-password-1')).status).toBe(200);

    // Once the failures have left the window, the right password works again.
    await sleep(WINDOW_MS + 200);
    expect((await login(person.email, person.password)).status).toBe(200);
    // The next failure, of any e-mail, prunes what has left the window.
    expect((await login('someone-else@identity.test', 'wrong-password')).status).toBe(401);
    expect(await t.sql('SELECT email_key FROM login_failures')).toEqual([{ email_key: 'someone-else@identity.test' }]);
  });

  it('given an e-mail that no user has, then it locks the same way (the answers tell nothing about who exists)', async () => {
    for (let n = 0; n < 3; n += 1) expect((await login('nobody@identity.test', 'any-password-1')).status).toBe(401);
    expect((await login('nobody@identity.test', 'any-password-1')).status).toBe(429);
  });

  it('given a successful login, then the failures before it no longer count', async () => {
    for (let n = 0; n < 2; n += 1) expect((await login(person.email, 'wrong-password')).status).toBe(401);
    expect((await login(person.email, person.password)).status).toBe(200);
    for (let n = 0; n < 2; n += 1) expect((await login(person.email, 'wrong-password')).status).toBe(401);
    expect((await login(person.email, person.password)).status).toBe(200);
    expect(await t.sql('SELECT * FROM login_failures WHERE email_key = $1', [person.email])).toEqual([]);
  });
});
