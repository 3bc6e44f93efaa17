// Password guessing, against the real identity tables: a few failed logins per e-mail and client
// address, more per e-mail from anywhere, then a pause, whatever the password, and whether or not
// a user has that e-mail. The test app trusts one proxy, so X-Forwarded-For plays the client.
import { setTimeout as sleep } from 'node:timers/promises';
import { type IdentityTestApp, startIdentityTestApp } from '../../test/identity-test-app';

describe('identity: failed logins slow guessing down', () => {
  let t: IdentityTestApp;
  const person = { email: 'guarded@identity.test', password: 'person-password-1' };
  const WINDOW_MS = 3_000;

  beforeAll(async () => {
    t = await startIdentityTestApp({
      env: { LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_EMAIL: '6', LOGIN_MAX_FAILURES_PER_ADDRESS: '8', LOGIN_FAILURE_WINDOW_MS: String(WINDOW_MS), GATEWAY_TRUST_PROXY_HOPS: '1' },
    });
    const admin = await t.adminToken();
    const company = await t.api('POST', '/api/companies/', { token: admin, json: { name: 'Guarded' } });
    await t.api('POST', '/api/users/', { token: admin, json: { credentials: person, profile: { company_id: company.body.company_id, user_type: 'CLIENT' } } });
  });

  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, from = '203.0.113.1') =>
    fetch(`${t.baseUrl}/api/authorize/auth/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ credentials: { email, password } }) });
  const statuses = async (requests: Promise<Response>[]) => (await Promise.all(requests)).map((r) => r.status).sort();

  it('given three wrong passwords from one address, then its next login is refused with 429, code 9 and Retry-After, even with the right password; another address and other e-mails are not affected', async () => {
    for (let n = 0; n < 3; n += 1) expect((await login(person.email, 'wrong-password')).status).toBe(401);
    const locked = await login('GUARDED@identity.test', person.password);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(await locked.json()).toMatchObject({ error_code: 9, details: { retry_after_s: retryAfter } });
    // Whoever guesses from one place does not lock the account for its owner elsewhere.
    expect((await login(person.email, person.password, '198.51.100.7')).status).toBe(200);
    expect((await login('root@identity.test', 'root-password-1')).status).toBe(200);

    // Once the failures have left the window, the right password works from there again.
    await sleep(WINDOW_MS + 200);
    expect((await login(person.email, person.password)).status).toBe(200);
  });

  it('given ten logins at once from one address, then only three passwords are tried: the rest are refused before hashing', async () => {
    const answers = await statuses(Array.from({ length: 10 }, () => login('parallel@identity.test', 'guess-password-1', '203.0.113.9')));
    expect(answers).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
  });

  it('given failures spread over many addresses, then the e-mail is refused everywhere once its own count is used up', async () => {
    for (let n = 0; n < 6; n += 1) expect((await login('spread@identity.test', 'guess-password-1', `192.0.2.${n + 1}`)).status).toBe(401);
    expect((await login('spread@identity.test', 'guess-password-1', '192.0.2.99')).status).toBe(429);
  });

  it('given an e-mail that no user has, then it locks the same way (the answers tell nothing about who exists)', async () => {
    for (let n = 0; n < 3; n += 1) expect((await login('nobody@identity.test', 'any-password-1')).status).toBe(401);
    expect((await login('nobody@identity.test', 'any-password-1')).status).toBe(429);
  });

  it('given a successful login, then the failures from that address before it no longer count', async () => {
    const from = '203.0.113.50';
    for (let n = 0; n < 2; n += 1) expect((await login(person.email, 'wrong-password', from)).status).toBe(401);
    expect((await login(person.email, person.password, from)).status).toBe(200);
    for (let n = 0; n < 2; n += 1) expect((await login(person.email, 'wrong-password', from)).status).toBe(401);
    expect((await login(person.email, person.password, from)).status).toBe(200);
    expect(await t.sql('SELECT * FROM login_failures WHERE attempt_key = $1', [`${person.email} ${from}`])).toEqual([]);
  });

  it('given failures for ever-new e-mails from one address (or one IPv6 /64), then that address is refused before hashing, and other addresses are not', async () => {
    const fresh = (n: number) => `nobody-${n}-${Date.now()}@identity.test`;
    for (let n = 0; n < 8; n += 1) expect((await login(fresh(n), 'guess-password-1', `2001:db8:aa:bb::${n + 1}`)).status).toBe(401);
    const refused = await login(fresh(99), 'guess-password-1', '2001:db8:aa:bb:ffff::1');
    expect({ status: refused.status, code: ((await refused.json()) as { error_code: number }).error_code }).toEqual({ status: 429, code: 9 });
    expect((await login(fresh(100), 'guess-password-1', '2001:db8:aa:cc::1')).status).toBe(401);
  });
});
