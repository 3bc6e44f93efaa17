// Bad input, end to end: each answers the Oz error body with its status, never 500, and leaves
// nothing behind: no folder in the list, no file in the blob store.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { waitFor } from '@forensics/testing';
import { fixture, startSystem, uploadForm } from '../test/system-harness';

jest.setTimeout(180_000);

const MAX_FILE_BYTES = 300_000;

describe('bad input', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let client: { token: string; companyId: string };
  let other: { token: string };

  const blobCount = (): number => {
    const walk = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? (e.name === 'tmp' ? 0 : walk(path.join(dir, e.name))) : 1), 0);
    try {
      return walk(system.env['BLOB_DIR'] as string);
    } catch {
      return 0;
    }
  };
  const folderCount = async (token: string) => (await system.api('GET', '/api/folders/?limit=1', { token })).body.total_count as number;
  /**
   * Events in the store that a request appends (the read model may lag, the store does not). The
   * workers' outcomes are left out: an analysis an earlier test started may finish at any moment.
   */
  const eventCount = async (): Promise<number> => {
    const db = new Client({ connectionString: system.env['DATABASE_URL'] });
    await db.connect();
    try {
      return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${system.env['EVENT_STORE_SCHEMA'] as string}".events WHERE type NOT IN ('AnalysisFinished', 'AnalysisFailed')`)).rows[0]?.n);
    } finally {
      await db.end();
    }
  };
  const video = () => ({ name: 'selfie.mp4', bytes: fixture('astronaut-selfie.mp4') });

  beforeAll(async () => {
    // As in production: webhook targets on private addresses are refused.
    system = await startSystem({ env: { MAX_FILE_BYTES: String(MAX_FILE_BYTES), MAX_FILES_PER_FOLDER: '3', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' } });
    const admin = await system.adminToken();
    client = await system.companyUser(admin, 'CLIENT');
    other = await system.companyUser(admin, 'CLIENT');
  }, 180_000);

  afterAll(() => system?.close());

  /** Sends a bad request and checks the error body, its status, and that nothing was stored. */
  const refused = async (request: () => ReturnType<typeof system.api>, status: number, code: number) => {
    const [folders, blobs, events] = [await folderCount(client.token), blobCount(), await eventCount()];
    const response = await request();
    expect({ status: response.status, code: response.body?.error_code }).toEqual({ status, code });
    expect(typeof response.body.error_message).toBe('string');
    expect(response.body).toHaveProperty('details');
    expect([await folderCount(client.token), blobCount(), await eventCount()]).toEqual([folders, blobs, events]);
    return response.body;
  };

  it.each([
    ['no token', undefined, 6],
    ['a token nobody issued', 'not-a-real-token', 7],
  ])('given %s (token %p), then 401 with code %p', async (_what, token, code) => {
    await refused(() => system.api('GET', '/api/folders/', token === undefined ? {} : { token }), 401, code);
  });

  it("given another company's folder id, then it answers exactly as an unknown one: 404, code 10", async () => {
    const created = await system.api('POST', '/api/folders/', { token: other.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] } }) });
    expect(created.status).toBe(201);
    const foreign = await system.api('GET', `/api/folders/${created.body.folder_id}/`, { token: client.token });
    const unknown = await system.api('GET', '/api/folders/3f1c9a52-0000-4000-8000-000000000000/', { token: client.token });
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, details: null }).toEqual({ ...unknown.body, details: null });
  });

  it("given a write to another company's folder (new media, an analysis group, metadata), then 404 with code 10 and nothing stored", async () => {
    const created = await system.api('POST', '/api/folders/', { token: other.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] } }) });
    expect(created.status).toBe(201);
    const folder = `/api/folders/${created.body.folder_id as string}`;
    // Bytes no other test stored, so a file left behind would show in the count.
    const photo = { name: 'photo.jpg', bytes: Buffer.concat([fixture('footballer.jpg'), randomBytes(16)]) };
    await refused(() => system.api('POST', `${folder}/media/`, { token: client.token, form: uploadForm({ p: photo }, { 'media:tags': { p: ['photo_selfie'] } }) }), 404, 10);
    await refused(() => system.api('POST', `${folder}/analyses/`, { token: client.token, json: { analyses: [{ type: 'quality' }] } }), 404, 10);
    await refused(() => system.api('PATCH', `${folder}/meta_data`, { token: client.token, json: { note: 'not yours' } }), 404, 10);
  });

  it('given a malformed multipart body, then 400 with code 3', async () => {
    await refused(
      () => system.api('POST', '/api/folders/', { token: client.token, headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, raw: '--xyz\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{}\r\n--xy' }),
      400,
      3,
    );
  });

  it('given no payload, then 400 with code 3', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }) }), 400, 3);
  });

  it('given a payload that is not JSON, then 400 with code 3', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, '{"media:tags": ') }), 400, 3);
  });

  it('given media:tags naming a file that was not sent, then 400 with code 4', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'], missing: ['photo_id_front'] } }) }), 400, 4);
  });

  it('given an unknown analysis type, then 400 with code 4', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] }, analyses: [{ type: 'palmistry' }] }) }), 400, 4);
  });

  it('given a bad analysis param, then 400 with code 4', async () => {
    const payload = { 'media:tags': { v: ['video_selfie'] }, analyses: [{ type: 'quality', params: { threshold_spoofing: 'high' } }] };
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, payload) }), 400, 4);
  });

  // MAX_FILES_PER_FOLDER is 3: four files reach the controller's own check, five stop in the upload parser.
  it.each([4, 5])('given %p files, more than a folder may hold, then 400 with code 4', async (count) => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].slice(0, count).map((k) => [k, { name: `${k}.jpg`, bytes: Buffer.concat([fixture('footballer.jpg'), randomBytes(16)]) }]));
    const body = await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm(files, {}) }), 400, 4);
    expect(body.error_message).toMatch(/files/i);
  });

  it('given media added with no file, or with a payload that is not JSON, then 400 with code 3 and nothing stored', async () => {
    const created = await system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] } }) });
    expect(created.status).toBe(201);
    const media = `/api/folders/${created.body.folder_id as string}/media/`;
    const noFile = new FormData();
    noFile.append('payload', '{}');
    await refused(() => system.api('POST', media, { token: client.token, form: noFile }), 400, 3);
    const notJson = new FormData();
    notJson.append('p', new Blob([new Uint8Array(Buffer.concat([fixture('footballer.jpg'), randomBytes(16)]))]), 'p.jpg');
    notJson.append('payload', '{not json');
    await refused(() => system.api('POST', media, { token: client.token, form: notJson }), 400, 3);
  });

  it('given a file larger than the limit, then 413 with code 4', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ p: { name: 'big.png', bytes: fixture('astronaut.png') } }, {}) }), 413, 4);
  });

  it('given a file whose content is not an allowed type, then 400 with code 4', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ p: { name: 'photo.jpg', bytes: fixture('not-media.jpg') } }, {}) }), 400, 4);
  });

  it('given a file name with a path, then 400 with code 4', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ p: { name: '../../etc/passwd.jpg', bytes: fixture('footballer.jpg') } }, {}) }), 400, 4);
  });

  it('given a file name with a control character, then 400: code 4, or 3 when the part header itself cannot be read', async () => {
    const response = await system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ p: { name: 'photo\u0007.jpg', bytes: fixture('footballer.jpg') } }, {}) });
    expect(response.status).toBe(400);
    expect([3, 4]).toContain(response.body.error_code);
  });

  it('given a 10 MB JSON payload, then 413 with code 4', async () => {
    const payload = JSON.stringify({ 'folder:meta_data': { blob: 'x'.repeat(10 * 1024 * 1024) } });
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, payload) }), 413, 4);
  });

  it.each([
    ['limit=100000', 4],
    ['offset=-1', 4],
    ['sorting=name', 4],
    ['resolution_status=MAYBE', 4],
  ])('given the list query %s, then 400 with code %s', async (query, code) => {
    await refused(() => system.api('GET', `/api/folders/?${query}`, { token: client.token }), 400, code);
  });

  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/hook', /host 127\.0\.0\.1 is not a public address/],
    // The answer does not say which address the name resolved to: clients learn nothing of the internal network.
    ['a name that resolves to loopback', 'http://localhost/hook', /^"resolution_endpoint" is refused: host localhost resolves to a non-public address$/],
    ['an IPv6 loopback address', 'http://[::1]/hook', /host ::1 is not a public address/],
    ['a private network address', 'https://10.1.2.3/hook', /host 10\.1\.2\.3 is not a public address/],
    ['a link-local (cloud metadata) address', 'http://169.254.169.254/latest/meta-data', /host 169\.254\.169\.254 is not a public address/],
    ['a scheme other than http(s)', 'ftp://example.com/hook', /http\(s\) URL/],
  ])('given a resolution_endpoint on %s, then the folder is refused: 400 with code 4 and the reason', async (_what, endpoint, reason) => {
    const body = await refused(
      () => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] }, resolution_endpoint: endpoint, analyses: [{ type: 'quality' }] }) }),
      400,
      4,
    );
    expect(body.error_message).toMatch(reason);
  });

  it('given a private resolution_endpoint on an analyses request, then 400 with code 4 and no group is added', async () => {
    const created = await system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] } }) });
    expect(created.status).toBe(201);
    const folderId = created.body.folder_id as string;
    const response = await system.api('POST', `/api/folders/${folderId}/analyses/`, { token: client.token, json: { analyses: [{ type: 'quality' }], resolution_endpoint: 'http://192.168.1.10/hook' } });
    expect({ status: response.status, code: response.body.error_code }).toEqual({ status: 400, code: 4 });
    expect(response.body.error_message).toMatch(/host 192\.168\.1\.10 is not a public address/);
    expect((await system.api('GET', `/api/folders/${folderId}/analyses/`, { token: client.token })).body).toEqual([]);
  });

  it("given a user whose can_start_analyse_biometry is off, then BIOMETRY is refused (403, code 9) before anything is stored, and QUALITY is not", async () => {
    const admin = await system.adminToken();
    const credentials = { email: `no-biometry-${Date.now()}@e2e.test`, password: 'user-password-1' };
    const profile = { company_id: client.companyId, user_type: 'CLIENT', first_name: 'No', last_name: 'Biometry', can_start_analyse_biometry: false };
    expect((await system.api('POST', '/api/users/', { token: admin, json: { credentials, profile } })).status).toBe(201);
    const token = await system.login(credentials.email, credentials.password);
    const photos = { a: { name: 'a.jpg', bytes: fixture('footballer.jpg') }, b: { name: 'b.mp4', bytes: fixture('footballer-selfie.mp4') } };
    const tags = { 'media:tags': { a: ['photo_id_front'], b: ['video_selfie'] } };
    const expectForbidden = (response: Awaited<ReturnType<typeof system.api>>) => {
      expect({ status: response.status, code: response.body?.error_code }).toEqual({ status: 403, code: 9 });
      expect(response.body.error_message).toMatch(/may not start BIOMETRY analyses/);
    };

    const [folders, blobs] = [await folderCount(token), blobCount()];
    expectForbidden(await system.api('POST', '/api/folders/', { token, form: uploadForm(photos, { ...tags, analyses: [{ type: 'quality' }, { type: 'biometry' }] }) }));
    expect([await folderCount(token), blobCount()]).toEqual([folders, blobs]);

    const created = await system.api('POST', '/api/folders/', { token, form: uploadForm(photos, tags) });
    expect(created.status).toBe(201);
    const analyses = `/api/folders/${created.body.folder_id as string}/analyses/`;
    expectForbidden(await system.api('POST', analyses, { token, json: { analyses: [{ type: 'biometry' }] } }));
    expect((await system.api('GET', analyses, { token })).body).toEqual([]);
    const quality = await system.api('POST', analyses, { token, json: { analyses: [{ type: 'quality' }] } });
    expect({ status: quality.status, type: quality.body?.[0]?.type }).toEqual({ status: 201, type: 'QUALITY' });
    // Its best shot is a new blob: let the analysis end here, not during a later test's count of the store.
    await waitFor(() => system.api('GET', `/api/folders/${created.body.folder_id as string}/`, { token }), (r) => r.body?.resolution_status !== 'PROCESSING', { timeoutMs: 60_000, what: 'the QUALITY group to end' });
  });

  it('given operator_review in the params of a request, then 400 with code 4: operator review is the company setting', async () => {
    const photos = { a: { name: 'a.jpg', bytes: fixture('footballer.jpg') }, b: { name: 'b.mp4', bytes: fixture('footballer-selfie.mp4') } };
    const payload = { 'media:tags': { a: ['photo_id_front'], b: ['video_selfie'] }, analyses: [{ type: 'biometry', params: { operator_review: true } }] };
    const body = await refused(() => system.api('POST', '/api/folders/', { token: client.token, form: uploadForm(photos, payload) }), 400, 4);
    expect(body.error_message).toMatch(/operator_review is a setting of the company/);
  });

  it("given a company's biometry settings changed by someone who may not, then 403 (a CLIENT) or 404 (another company), and bad settings 400", async () => {
    const settings = { biometry_settings: { operator_review: true } };
    const own = `/api/companies/${client.companyId}/`;
    expect((await system.api('PATCH', own, { token: client.token, json: settings })).body.error_code).toBe(9);
    const foreignAdmin = await system.companyUser(await system.adminToken(), 'CLIENT_ADMIN');
    expect((await system.api('PATCH', own, { token: foreignAdmin.token, json: settings })).status).toBe(404);
    const bad = await system.api('PATCH', own, { token: await system.adminToken(), json: { biometry_settings: { threshold_match: 2 } } });
    expect({ status: bad.status, code: bad.body.error_code }).toEqual({ status: 400, code: 4 });
    expect((await system.api('GET', own, { token: client.token })).body.biometry_settings).toEqual({ operator_review: false });
  });

  it('given a known path with a method it lacks, then 405 (code 1) with Allow; an Oz endpoint not built here, 501 (code 2); an unknown path, 404 (code 10)', async () => {
    const created = await system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] } }) });
    const folder = `/api/folders/${created.body.folder_id as string}/`;
    const put = await fetch(`${system.baseUrl}${folder}`, { method: 'PUT', headers: { 'X-Forensic-Access-Token': client.token } });
    expect({ status: put.status, code: ((await put.json()) as { error_code: number }).error_code }).toEqual({ status: 405, code: 1 });
    expect(put.headers.get('allow')).toMatch(/GET/);
    for (const [method, url] of [['DELETE', folder], ['GET', '/api/collections/'], ['POST', '/api/instant/folders/']] as const) {
      const answer = await system.api(method, url, { token: client.token });
      expect({ method, url, status: answer.status, code: answer.body.error_code }).toEqual({ method, url, status: 501, code: 2 });
    }
    expect((await system.api('GET', '/api/folders/')).status).toBe(401);
    const unknown = await system.api('GET', '/api/palmistry/', { token: client.token });
    expect({ status: unknown.status, code: unknown.body.error_code }).toEqual({ status: 404, code: 10 });
    // The folder is still there: a DELETE that is not built deletes nothing.
    expect((await system.api('GET', folder, { token: client.token })).status).toBe(200);
  });

  it('given any answer, then it carries its X-Request-Id and does not name the framework (no X-Powered-By)', async () => {
    const response = await fetch(`${system.baseUrl}/api/folders/`, { headers: { 'X-Request-Id': 'probe-1' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('probe-1');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it.each([
    ['a NUL in a folder id', '/api/folders/%00/'],
    ['a NUL in an analysis id', '/api/analyses/%00'],
    ['a NUL in a media id', '/api/media/%00/original'],
    ['a NUL in a query value', '/api/folders/?meta_data=name==a%00b'],
    ['a time filter past the year 9999', '/api/folders/?time_created.min=10000000000000'],
    ['a meta_data key 5,000 names deep', `/api/folders/?meta_data=${'a.'.repeat(4999)}a==x`],
  ])('given %s, then 400 with code 4 (PostgreSQL never sees it)', async (_what, url) => {
    await refused(() => system.api('GET', url, { token: client.token }), 400, 4);
  });

  it('given a NUL in the e-mail of a login, then 400 with code 4, before any lookup', async () => {
    await refused(() => system.api('POST', '/api/authorize/auth/', { json: { credentials: { email: 'a\u0000b@example.com', password: 'not-the-password' } } }), 400, 4);
  });

  it('given metadata nested 20,000 levels deep, as JSON or inside an upload payload, then 400 with code 4, not a 503', async () => {
    const created = await system.api('POST', '/api/folders/', { token: client.token, form: uploadForm({ v: video() }, { 'media:tags': { v: ['video_selfie'] } }) });
    expect(created.status).toBe(201);
    const deep = `{"note":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const patch = () => system.api('PATCH', `/api/folders/${created.body.folder_id as string}/meta_data`, { token: client.token, raw: deep, headers: { 'content-type': 'application/json' } });
    await refused(patch, 400, 4);
    const form = new FormData();
    form.append('v', new Blob([new Uint8Array(fixture('footballer.jpg'))]), 'photo.jpg');
    form.append('payload', `{"media:tags":{"v":["photo_selfie"]},"folder:meta_data":${deep}}`);
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, form }), 400, 4);
  });

  it('given a multipart Content-Type the parser cannot read (a space before "="), then 400 with code 3', async () => {
    await refused(() => system.api('POST', '/api/folders/', { token: client.token, raw: '--xyz\r\n', headers: { 'content-type': 'multipart/form-data; boundary =xyz' } }), 400, 3);
  });

  it('given a repeated Idempotency-Key with a different file, then the first folder answers and the new file is not kept', async () => {
    // Bytes no other test stored: a JPEG with a few random bytes after its end.
    const unique = () => Buffer.concat([fixture('footballer.jpg'), randomBytes(16)]);
    const key = `order-${randomBytes(4).toString('hex')}`;
    const sendWithKey = (bytes: Buffer) =>
      system.api('POST', '/api/folders/', { token: client.token, headers: { 'Idempotency-Key': key }, form: uploadForm({ photo: { name: 'photo.jpg', bytes } }, { 'media:tags': { photo: ['photo_selfie'] } }) });
    const first = await sendWithKey(unique());
    const blobs = blobCount();
    const second = await sendWithKey(unique());
    expect([first.status, second.status, second.body.folder_id]).toEqual([201, 201, first.body.folder_id]);
    expect(blobCount()).toBe(blobs);
  });

  it('never answered 500: the gateway logged no server error', () => {
    expect(system.processes.get('gateway')?.output()).not.toContain('"request failed"');
  });
});
