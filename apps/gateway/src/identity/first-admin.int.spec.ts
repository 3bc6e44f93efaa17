import { type IdentityTestApp, startIdentityTestApp } from '../../test/identity-test-app';

describe('identity: the first ADMIN from the configuration', () => {
  let t: IdentityTestApp;

  beforeAll(async () => {
    // Three gateways start together on an empty schema: they race to migrate and to create the admin.
    t = await startIdentityTestApp({ instances: 3 });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('exists after start, as an ADMIN of no company who can log in', async () => {
    const { body } = await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: t.config.adminEmail, password: t.config.adminPassword } } });
    expect(body.user).toMatchObject({ email: t.config.adminEmail, user_type: 'ADMIN', company_id: null });
  });

  it('is created once, however many gateways start on the same schema, even together', async () => {
    await t.startAnother();
    const admins = await t.sql<{ count: string }>(`SELECT count(*) FROM users WHERE lower(email) = lower($1)`, [t.config.adminEmail]);
    expect(admins[0]!.count).toBe('1');
  });

  it('keeps a password changed through the API when the gateway starts again', async () => {
    const token = await t.adminToken();
    const [admin] = await t.sql<{ user_id: string }>(`SELECT user_id FROM users WHERE email = $1`, [t.config.adminEmail]);
    expect((await t.api('PATCH', `/api/users/${admin!.user_id}`, { token, json: { credentials: { password: 'a-new-password' } } })).status).toBe(200);
    await t.startAnother();
    await expect(t.login(t.config.adminEmail, 'a-new-password')).resolves.toEqual(expect.any(String));
  });

  it('is not created again once the admins retired it: another ADMIN exists and the first one was deleted', async () => {
    const token = await t.login(t.config.adminEmail, 'a-new-password');
    const other = { credentials: { email: `second-admin-${Date.now()}@example.test`, password: 'second-admin-pw' }, profile: { user_type: 'ADMIN', first_name: 'Second', last_name: 'Admin' } };
    expect((await t.api('POST', '/api/users/', { token, json: other })).status).toBe(201);
    const secondToken = await t.login(other.credentials.email, other.credentials.password);
    const [first] = await t.sql<{ user_id: string }>(`SELECT user_id FROM users WHERE email = $1`, [t.config.adminEmail]);
    expect((await t.api('DELETE', `/api/users/${first!.user_id}`, { token: secondToken })).status).toBeLessThan(300);
    await t.startAnother();
    const live = await t.sql<{ count: string }>(`SELECT count(*) FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL`, [t.config.adminEmail]);
    expect(live[0]!.count).toBe('0');
    expect((await t.api('POST', '/api/authorize/auth/', { json: { credentials: { email: t.config.adminEmail, password: t.config.adminPassword } } })).status).toBe(401);
  });
});
