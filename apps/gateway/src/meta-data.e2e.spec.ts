// The metadata endpoints of folders, media and analyses end to end, every service as its own
// process: each change goes gateway -> ingest -> event store -> relay -> Kafka -> projection, and
// the answer is the object the read model holds after it.
import { randomUUID } from 'node:crypto';
import { fixture, startSystem, uploadForm } from '../test/system-harness';

jest.setTimeout(300_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type User = Readonly<{ token: string; companyId: string; userId: string }>;

describe('metadata endpoints', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let client: User;
  let foreign: User;
  let clientOperator: User;
  let folderId: string;
  let mediaId: string;
  let analysisId: string;

  beforeAll(async () => {
    system = await startSystem();
    const admin = await system.adminToken();
    client = await system.companyUser(admin, 'CLIENT');
    foreign = await system.companyUser(admin, 'CLIENT');
    clientOperator = await system.companyUser(admin, 'CLIENT_OPERATOR', client.companyId);
    const created = await system.api('POST', '/api/folders/', {
      token: client.token,
      form: uploadForm(
        { photo: { name: 'selfie.jpg', bytes: fixture('footballer.jpg') } },
        { 'folder:meta_data': { transaction_id: 't-1' }, 'media:tags': { photo: ['photo_selfie'] }, 'media:meta_data': { photo: { camera: 'front' } } },
      ),
    });
    expect(created.status).toBe(201);
    folderId = created.body.folder_id;
    mediaId = created.body.media[0].media_id;
    const submitted = await system.api('POST', `/api/folders/${folderId}/analyses/`, { token: client.token, json: { analyses: [{ type: 'quality', meta_data: { run: 1 } }] } });
    expect(submitted.status).toBe(201);
    analysisId = submitted.body[0].analysis_id;
  }, 180_000);

  afterAll(() => system?.close());

  const call = (method: string, url: string, json?: unknown, token = client.token) => system.api(method, url, json === undefined ? { token } : { token, json });
  /** A request that must answer 200; its body. */
  const ok = async (method: string, url: string, json?: unknown, token = client.token): Promise<Json> => {
    const { status, body } = await call(method, url, json, token);
    expect({ method, url, status, error: status === 200 ? null : body }).toEqual({ method, url, status: 200, error: null });
    return body;
  };
  const history = async (): Promise<Json[]> => (await ok('GET', `/api/folders/${folderId}/events`)).items;

  it("a folder's metadata through GET, POST (replace), PATCH (merge) and DELETE (some keys, then all), each answering the resulting object", async () => {
    const url = `/api/folders/${folderId}/meta_data`;

    expect(await ok('GET', url)).toEqual({ transaction_id: 't-1' });
    expect(await ok('POST', url, { client_iin: '770101300123', channel: 'web' })).toEqual({ client_iin: '770101300123', channel: 'web' });
    expect(await ok('PATCH', url, { channel: 'mobile', attempt: 2 })).toEqual({ client_iin: '770101300123', channel: 'mobile', attempt: 2 });
    expect(await ok('GET', url)).toEqual({ client_iin: '770101300123', channel: 'mobile', attempt: 2 });
    expect((await ok('GET', `/api/folders/${folderId}/`)).meta_data).toEqual({ client_iin: '770101300123', channel: 'mobile', attempt: 2 });

    // The list's metadata filter sees the changed value, and no longer the replaced one.
    const listed = await ok('GET', '/api/folders/?meta_data=channel==mobile');
    expect(listed.items.map((f: Json) => f.folder_id)).toEqual([folderId]);
    expect((await ok('GET', '/api/folders/?meta_data=transaction_id==t-1')).total_count).toBe(0);
    // A number is found by its digits.
    expect((await ok('GET', '/api/folders/?meta_data=attempt==2')).items.map((f: Json) => f.folder_id)).toEqual([folderId]);

    expect(await ok('DELETE', url, { keys: ['attempt', 'never-set'] })).toEqual({ client_iin: '770101300123', channel: 'mobile' });
    // A DELETE whose body is not JSON is refused: read as no body, it would remove every key.
    const notJson = await system.api('DELETE', url, { token: client.token, raw: '{"keys":["channel"]}', headers: { 'content-type': 'text/plain' } });
    expect({ status: notJson.status, code: notJson.body.error_code }).toEqual({ status: 400, code: 3 });
    // A number beyond what JSON's doubles hold is refused, not stored as null.
    const huge = await system.api('PATCH', url, { token: client.token, raw: '{"attempt":1e400}', headers: { 'content-type': 'application/json' } });
    expect({ status: huge.status, code: huge.body.error_code }).toEqual({ status: 400, code: 4 });
    expect(await ok('GET', url)).toEqual({ client_iin: '770101300123', channel: 'mobile' });
    expect(await ok('DELETE', url)).toEqual({});
    expect(await ok('GET', url)).toEqual({});
  });

  it('the list finds a nested key by its dotted path, and a value with a comma whole', async () => {
    const created = await system.api('POST', '/api/folders/', {
      token: client.token,
      form: uploadForm({ v: { name: 'selfie.mp4', bytes: fixture('astronaut-selfie.mp4') } }, { 'media:tags': { v: ['video_selfie'] }, 'folder:meta_data': { person_info: { last_name: 'Doe, John' }, score: 7 } }),
    });
    expect(created.status).toBe(201);
    const ids = async (filter: string) => (await ok('GET', `/api/folders/?${filter}`)).items.map((f: Json) => f.folder_id);
    expect(await ids(`meta_data=${encodeURIComponent('person_info.last_name==Doe, John')}&meta_data=score==7`)).toEqual([created.body.folder_id]);
    expect(await ids(`meta_data=${encodeURIComponent('person_info.last_name!=Doe, John')}`)).not.toContain(created.body.folder_id);
  });

  it("the folder's event history shows each change, the whole object it left and who made it; a change that changes nothing adds no event", async () => {
    const before = await history();
    expect(await ok('PATCH', `/api/folders/${folderId}/meta_data`, {})).toEqual({});
    expect(await ok('DELETE', `/api/folders/${folderId}/meta_data`)).toEqual({});
    const after = await history();

    // Only metadata events count: the folder's analysis may record its result meanwhile.
    const metaDataEvents = (events: Json[]) => events.filter((e) => e.type === 'MetaDataChanged');
    expect(metaDataEvents(after)).toHaveLength(metaDataEvents(before).length);
    const changes = after.filter((e) => e.type === 'MetaDataChanged' && e.data.target === 'FOLDER');
    expect(changes.map((e) => e.data.meta_data)).toEqual([
      { client_iin: '770101300123', channel: 'web' },
      { client_iin: '770101300123', channel: 'mobile', attempt: 2 },
      { client_iin: '770101300123', channel: 'mobile' },
      {},
    ]);
    for (const change of changes) {
      expect(change).toMatchObject({ schema_version: 1, user_id: client.userId, data: { target_id: folderId }, occurred_at: expect.any(String) });
    }
  });

  it("a media's metadata through the four verbs, shown in the folder's media too", async () => {
    const url = `/api/media/${mediaId}/meta_data`;

    expect(await ok('GET', url)).toEqual({ camera: 'front' });
    expect(await ok('PATCH', url, { resolution: '1080p' })).toEqual({ camera: 'front', resolution: '1080p' });
    expect(await ok('POST', url, { source: 'web-sdk' })).toEqual({ source: 'web-sdk' });
    expect((await ok('GET', `/api/folders/${folderId}/`)).media[0].meta_data).toEqual({ source: 'web-sdk' });
    expect(await ok('DELETE', url, { keys: ['source'] })).toEqual({});
    expect(await ok('GET', url)).toEqual({});
    expect((await history()).filter((e) => e.type === 'MetaDataChanged' && e.data.target === 'MEDIA').map((e) => e.data.target_id)).toEqual([mediaId, mediaId, mediaId]);
  });

  it("an analysis's metadata through the four verbs, shown in the analysis too", async () => {
    const url = `/api/analyses/${analysisId}/meta_data`;

    expect(await ok('GET', url)).toEqual({ run: 1 });
    expect(await ok('PATCH', url, { reviewed: true })).toEqual({ run: 1, reviewed: true });
    expect((await ok('GET', `/api/analyses/${analysisId}`)).meta_data).toEqual({ run: 1, reviewed: true });
    expect(await ok('POST', url, { case: 'C-9' })).toEqual({ case: 'C-9' });
    expect(await ok('DELETE', url)).toEqual({});
    expect(await ok('GET', url)).toEqual({});
  });

  it("another company's folder, media and analysis answer 404 code 10 to every verb, exactly like ids that do not exist", async () => {
    const targets = [
      [`/api/folders/${folderId}/meta_data`, `/api/folders/${randomUUID()}/meta_data`],
      [`/api/media/${mediaId}/meta_data`, `/api/media/${randomUUID()}/meta_data`],
      [`/api/analyses/${analysisId}/meta_data`, `/api/analyses/${randomUUID()}/meta_data`],
    ] as const;
    for (const [theirs, unknown] of targets) {
      for (const [method, json] of [['GET', undefined], ['POST', { k: 'v' }], ['PATCH', { k: 'v' }], ['DELETE', undefined]] as const) {
        const answer = await call(method, theirs, json, foreign.token);
        const absent = await call(method, unknown, json, foreign.token);
        expect({ method, theirs, status: answer.status, code: answer.body.error_code }).toEqual({ method, theirs, status: 404, code: 10 });
        expect({ status: absent.status, message: absent.body.error_message }).toEqual({ status: 404, message: answer.body.error_message });
      }
    }
    expect(await ok('GET', `/api/folders/${folderId}/meta_data`)).toEqual({});
  });

  it('a body that is not a JSON object answers 400 with the Oz error body, and nothing is recorded', async () => {
    const url = `/api/folders/${folderId}/meta_data`;
    const before = (await history()).length;
    const refused = async (answer: Promise<{ status: number; body: Json }>, code: number) => {
      const { status, body } = await answer;
      expect({ status, code: body.error_code, message: typeof body.error_message }).toEqual({ status: 400, code, message: 'string' });
    };

    await refused(call('POST', url, ['client_iin']), 4);
    await refused(call('PATCH', url, ['client_iin']), 4);
    await refused(system.api('POST', url, { token: client.token, headers: { 'content-type': 'application/json' }, raw: '{"client_iin": ' }), 3);
    await refused(system.api('PATCH', url, { token: client.token, headers: { 'content-type': 'text/plain' }, raw: 'client_iin=1' }), 3);
    await refused(call('POST', url), 3);
    await refused(call('DELETE', url, { keys: 'client_iin' }), 4);
    await refused(call('DELETE', url, ['client_iin']), 3);

    expect((await history()).length).toBe(before);
  });

  it('a CLIENT OPERATOR of the company may read the metadata but not change it (403 code 9)', async () => {
    expect(await ok('GET', `/api/folders/${folderId}/meta_data`, undefined, clientOperator.token)).toEqual({});
    const refused = await call('PATCH', `/api/folders/${folderId}/meta_data`, { k: 'v' }, clientOperator.token);
    expect({ status: refused.status, code: refused.body.error_code }).toEqual({ status: 403, code: 9 });
  });
});
