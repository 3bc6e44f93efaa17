import { type IdentityTestApp, startIdentityTestApp } from '../../test/identity-test-app';

describe('identity: companies, users and tenancy', () => {
  let t: IdentityTestApp;
  let admin: string;
  let companyA: string;
  let companyB: string;
  let clientAdminA: string;
  let clientOfB: { user_id: string; token: string };

  const createUser = async (token: string, email: string, profile: Record<string, unknown>) =>
    t.api('POST', '/api/users/', { token, json: { credentials: { email, password: 'user-password-1' }, profile } });

  beforeAll(async () => {
    t = await startIdentityTestApp();
    admin = await t.adminToken();
    companyA = (await t.api('POST', '/api/companies/', { token: admin, json: { name: 'Alpha Bank' } })).body.company_id;
    companyB = (await t.api('POST', '/api/companies/', { token: admin, json: { name: 'Beta 100% Bank' } })).body.company_id;
    await createUser(admin, 'boss@a.test', { company_id: companyA, user_type: 'CLIENT_ADMIN' });
    clientAdminA = await t.login('boss@a.test', 'user-password-1');
    const b = await createUser(admin, 'client@b.test', { company_id: companyB, user_type: 'CLIENT' });
    clientOfB = { user_id: b.body.user_id, token: await t.login('client@b.test', 'user-password-1') };
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('companies', () => {
    it('lets an ADMIN create one, in the Oz shape', async () => {
      const { status, body } = await t.api('POST', '/api/companies/', { token: admin, json: { name: '  Gamma  ' } });
      expect(status).toBe(201);
      expect(body).toEqual({ company_id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Gamma', in_deletion: false, technical_meta_data: {}, biometry_settings: { operator_review: false }, time_created: expect.any(Number) });
    });

    it('refuses anyone else (403, 9) and a bad name (400: 3 missing, 5 wrong type, 4 blank)', async () => {
      expect(await t.api('POST', '/api/companies/', { token: clientAdminA, json: { name: 'Mine' } })).toMatchObject({ status: 403, body: { error_code: 9 } });
      expect((await t.api('POST', '/api/companies/', { token: admin, json: {} })).body.error_code).toBe(3);
      expect((await t.api('POST', '/api/companies/', { token: admin, json: { name: 42 } })).body.error_code).toBe(5);
      expect((await t.api('POST', '/api/companies/', { token: admin, json: { name: '   ' } })).body.error_code).toBe(4);
    });

    it('finds companies by part of the name, where % means itself', async () => {
      const { body } = await t.api('GET', '/api/companies/?search_text=100%25', { token: admin });
      expect(body.items.map((c: { company_id: string }) => c.company_id)).toEqual([companyB]);
      expect(body.total).toBe(1);
      const all = await t.api('GET', '/api/companies/?search_text=bank&limit=1', { token: admin });
      expect(all.body).toMatchObject({ total: 2, total_count: 2, items: [{ company_id: companyA }] });
    });

    it('shows a CLIENT_ADMIN only its own company; another one answers as if it did not exist', async () => {
      const list = await t.api('GET', '/api/companies/', { token: clientAdminA });
      expect(list.body).toMatchObject({ total: 1, items: [{ company_id: companyA }] });
      expect((await t.api('GET', `/api/companies/${companyA}`, { token: clientAdminA })).status).toBe(200);
      const other = await t.api('GET', `/api/companies/${companyB}`, { token: clientAdminA });
      const missing = await t.api('GET', '/api/companies/00000000-0000-4000-8000-000000000000', { token: clientAdminA });
      expect(other).toMatchObject({ status: 404, body: { error_code: 10, error_message: 'Company does not exist' } });
      expect(other.body.error_message).toBe(missing.body.error_message);
    });

    it('refuses bad paging as the folder list does: a negative offset, a limit that is not a number, a huge limit (all 4)', async () => {
      expect((await t.api('GET', '/api/companies/?offset=-1', { token: admin })).body.error_code).toBe(4);
      expect((await t.api('GET', '/api/companies/?limit=ten', { token: admin })).body.error_code).toBe(4);
      expect((await t.api('GET', '/api/companies/?limit=100000', { token: admin })).body.error_code).toBe(4);
    });
  });

  describe('users', () => {
    it('lets a CLIENT_ADMIN create users of its company, in it even when unsaid', async () => {
      const { status, body } = await createUser(clientAdminA, 'teller@a.test', { user_type: 'CLIENT', first_name: 'Tess' });
      expect(status).toBe(201);
      expect(body).toMatchObject({ company_id: companyA, user_type: 'CLIENT', first_name: 'Tess', is_admin: false, is_service: false, is_active: true, can_start_analyse_quality: true });
    });

    it('refuses a CLIENT_ADMIN an ADMIN or OPERATOR (403, 9) and another company (400, 4, as for no company)', async () => {
      expect(await createUser(clientAdminA, 'x1@a.test', { user_type: 'ADMIN' })).toMatchObject({ status: 403, body: { error_code: 9 } });
      expect(await createUser(clientAdminA, 'x2@a.test', { user_type: 'OPERATOR' })).toMatchObject({ status: 403, body: { error_code: 9 } });
      const other = await createUser(clientAdminA, 'x3@a.test', { user_type: 'CLIENT', company_id: companyB });
      const none = await createUser(clientAdminA, 'x4@a.test', { user_type: 'CLIENT', company_id: '00000000-0000-4000-8000-000000000000' });
      expect(other).toMatchObject({ status: 400, body: { error_code: 4 } });
      expect(other.body).toEqual(none.body);
    });

    it('keeps ADMIN and OPERATOR out of companies and every CLIENT in one', async () => {
      expect(await createUser(admin, 'op@x.test', { user_type: 'OPERATOR' })).toMatchObject({ status: 201, body: { company_id: null } });
      expect(await createUser(admin, 'op2@x.test', { user_type: 'OPERATOR', company_id: companyA })).toMatchObject({ status: 400, body: { error_code: 4 } });
      expect(await createUser(admin, 'c@x.test', { user_type: 'CLIENT' })).toMatchObject({ status: 400, body: { error_code: 3 } });
    });

    it('refuses a second user with the same e-mail in any case', async () => {
      expect(await createUser(admin, 'BOSS@A.TEST', { company_id: companyA })).toMatchObject({ status: 400, body: { error_code: 4, error_message: 'A user with this e-mail already exists' } });
    });

    it('hides company B\'s users from company A\'s admin: 404, 10, exactly as a missing user', async () => {
      const list = await t.api('GET', '/api/users/', { token: clientAdminA });
      expect(list.body.items.every((u: { company_id: string }) => u.company_id === companyA)).toBe(true);
      expect(list.body.items.map((u: { email: string }) => u.email)).not.toContain('client@b.test');
      const url = `/api/users/${clientOfB.user_id}`;
      const missing = await t.api('GET', '/api/users/00000000-0000-4000-8000-000000000000', { token: clientAdminA });
      for (const [method, json] of [['GET', undefined], ['PATCH', { profile: { first_name: 'Hacked' } }], ['DELETE', undefined]] as const) {
        const answer = await t.api(method, url, { token: clientAdminA, json });
        expect(answer).toMatchObject({ status: 404, body: { error_code: 10 } });
        expect(answer.body.error_message).toBe(missing.body.error_message);
      }
      expect((await t.api('GET', url, { token: admin })).body.first_name).toBe('');
    });

    it('shows a CLIENT only itself, and lets it change its names but not its role', async () => {
      const list = await t.api('GET', '/api/users/', { token: clientOfB.token });
      expect(list.body).toMatchObject({ total: 1, items: [{ user_id: clientOfB.user_id }] });
      const url = `/api/users/${clientOfB.user_id}`;
      expect(await t.api('PATCH', url, { token: clientOfB.token, json: { profile: { first_name: 'Bea' } } })).toMatchObject({ status: 200, body: { first_name: 'Bea' } });
      expect(await t.api('PATCH', url, { token: clientOfB.token, json: { profile: { user_type: 'CLIENT_ADMIN' } } })).toMatchObject({ status: 403, body: { error_code: 9 } });
    });

    it('lets a CLIENT_ADMIN edit and delete its company\'s users, but not delete itself', async () => {
      const created = await createUser(clientAdminA, 'temp@a.test', { user_type: 'CLIENT' });
      const url = `/api/users/${created.body.user_id}`;
      expect(await t.api('PATCH', url, { token: clientAdminA, json: { profile: { user_type: 'CLIENT_OPERATOR', can_start_analyse_biometry: false } } })).toMatchObject({ status: 200, body: { user_type: 'CLIENT_OPERATOR', can_start_analyse_biometry: false } });
      expect(await t.api('PATCH', url, { token: clientAdminA, json: { profile: { user_type: 'OPERATOR' } } })).toMatchObject({ status: 403, body: { error_code: 9 } });
      expect((await t.api('DELETE', url, { token: clientAdminA })).status).toBe(204);
      expect(await t.api('GET', url, { token: clientAdminA })).toMatchObject({ status: 404, body: { error_code: 10 } });
      const [self] = await t.sql<{ user_id: string }>(`SELECT user_id FROM users WHERE email = 'boss@a.test'`);
      expect(await t.api('DELETE', `/api/users/${self!.user_id}`, { token: clientAdminA })).toMatchObject({ status: 400, body: { error_code: 4 } });
    });

    it('refuses bad input with 400 and never 500', async () => {
      const url = `/api/users/${clientOfB.user_id}`;
      for (const json of [{}, { profile: 'x' }, { profile: { is_active: 'no' } }, { credentials: { password: 'short' } }, { profile: { company_id: 12 } }]) {
        const answer = await t.api('PATCH', url, { token: admin, json });
        expect(answer.status).toBe(400);
        expect([3, 4, 5]).toContain(answer.body.error_code);
      }
      expect((await t.api('GET', '/api/users/?company_id=nope', { token: admin })).body.error_code).toBe(4);
    });
  });
});
