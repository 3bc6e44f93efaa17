// The flows of the API end to end, every service as its own process: the multi-request flow of
// DESIGN.md §3, face matching across identities, an operator's decision, tenant isolation, and a
// restart of each service in the middle of a run.
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '@forensics/testing';
import { fixture, type ServiceName, startSystem, uploadForm } from '../test/system-harness';

jest.setTimeout(300_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('API flows', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let admin: string;
  let client: { token: string; companyId: string; userId: string };

  beforeAll(async () => {
    // Status streams check their token every second here (15 s by default).
    system = await startSystem({ env: { STREAM_HEARTBEAT_MS: '1000' } });
    admin = await system.adminToken();
    client = await system.companyUser(admin, 'CLIENT');
  }, 180_000);

  afterAll(() => system?.close());

  const get = async (url: string, token = client.token): Promise<Json> => {
    const { status, body } = await system.api('GET', url, { token });
    if (status !== 200) throw new Error(`GET ${url} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  /** Polls a folder as an Oz client would, until its analyses have all ended. */
  const settled = (folderId: string, token = client.token) =>
    waitFor(() => get(`/api/folders/${folderId}/?with_analyses=true`, token), (f) => f.resolution_status !== 'PROCESSING' && f.resolution_status !== 'INITIAL', {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `folder ${folderId} settled\n${system.logs()}`,
    });
  const singleRequest = async (files: Record<string, { file: string; tags: string[] }>, analyses: unknown[], token = client.token) => {
    const form = uploadForm(
      Object.fromEntries(Object.entries(files).map(([key, f]) => [key, { name: f.file, bytes: fixture(f.file) }])),
      { 'media:tags': Object.fromEntries(Object.entries(files).map(([key, f]) => [key, f.tags])), analyses },
    );
    const { status, body } = await system.api('POST', '/api/folders/', { token, form });
    expect({ status, error: status === 201 ? null : body }).toEqual({ status: 201, error: null });
    return body as Json;
  };

  it('follows the multi-request flow: create, add media, two groups one after the other, polled to the end; the verdict is the last-finished group', async () => {
    const created = await system.api('POST', '/api/folders/', {
      token: client.token,
      form: uploadForm({ selfie: { name: 'selfie.mp4', bytes: fixture('footballer-selfie.mp4') } }, { 'folder:meta_data': { transaction_id: 't-42' }, 'media:tags': { selfie: ['video_selfie'] } }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ resolution_status: 'INITIAL', system_resolution: 'INITIAL' });
    const folderId = created.body.folder_id as string;

    const added = await system.api('POST', `/api/folders/${folderId}/media/`, {
      token: client.token,
      form: uploadForm({ id: { name: 'id.jpg', bytes: fixture('footballer.jpg') } }, { 'media:tags': { id: ['photo_id_front'] } }),
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual([expect.objectContaining({ original_name: 'id.jpg', media_type: 'IMAGE_FOLDER', tags: ['photo_id_front'] })]);

    const quality = await system.api('POST', `/api/folders/${folderId}/analyses/`, { token: client.token, json: { analyses: [{ type: 'quality' }] } });
    expect(quality.status).toBe(201);
    expect(quality.body).toEqual([expect.objectContaining({ type: 'QUALITY', state: 'PROCESSING', folder_id: folderId })]);
    const first = await settled(folderId);
    expect(first.resolution_status).toBe('FINISHED');
    expect(first.system_resolution).toBe(first.analyses[0].resolution_status);

    const biometry = await system.api('POST', `/api/folders/${folderId}/analyses/`, { token: client.token, json: { analyses: [{ type: 'biometry' }] } });
    expect(biometry.status).toBe(201);
    const [biometryAnalysis] = biometry.body;
    expect((await get(`/api/folders/${folderId}/`)).resolution_status).toBe('PROCESSING');
    const second = await settled(folderId);
    const settledBiometry = second.analyses.find((a: Json) => a.analysis_id === biometryAnalysis.analysis_id);
    expect(settledBiometry).toMatchObject({ state: 'FINISHED', resolution_status: 'SUCCESS' });
    expect(settledBiometry.source_media.map((m: Json) => m.original_name).sort()).toEqual(['id.jpg', 'selfie.mp4']);
    expect(second.system_resolution).toBe('SUCCESS');

    // The analyses endpoints and their filters, and the list's metadata filter.
    expect((await get(`/api/folders/${folderId}/analyses/?type=BIOMETRY`)).map((a: Json) => a.analysis_id)).toEqual([biometryAnalysis.analysis_id]);
    expect((await get(`/api/folders/${folderId}/analyses/?type.exclude=BIOMETRY`)).map((a: Json) => a.type)).toEqual(['QUALITY']);
    expect(await get(`/api/analyses/${biometryAnalysis.analysis_id}`)).toMatchObject({ analysis_id: biometryAnalysis.analysis_id, resolution_status: 'SUCCESS' });
    const listed = await get('/api/folders/?meta_data=transaction_id==t-42&with_analyses=true');
    expect(listed.total_count).toBe(1);
    expect(listed.items[0]).toMatchObject({ folder_id: folderId, analyses: expect.any(Array) });

    // The audit trail: every event in order, the workers' results among them.
    const history = await get(`/api/folders/${folderId}/events`);
    expect(history.items.map((e: Json) => e.type)).toEqual([
      'FolderCreated',
      'MediaUploaded',
      'MediaUploaded',
      'AnalysisGroupSubmitted',
      'AnalysisFinished',
      'AnalysisGroupSubmitted',
      'AnalysisFinished',
    ]);
    expect(history.items.map((e: Json) => e.stream_version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(history.next_after_version).toBeNull();
    // In pages: after a version, so many at a time, and where the next page starts.
    const firstPage = await get(`/api/folders/${folderId}/events?limit=3`);
    expect([firstPage.items.map((e: Json) => e.stream_version), firstPage.next_after_version]).toEqual([[1, 2, 3], 3]);
    const lastPage = await get(`/api/folders/${folderId}/events?after_version=5&limit=3`);
    expect([lastPage.items.map((e: Json) => e.stream_version), lastPage.next_after_version]).toEqual([[6, 7], null]);
  });

  it('given the same Idempotency-Key twice, then one folder is created and both answers name it', async () => {
    const send = () =>
      system.api('POST', '/api/folders/', {
        token: client.token,
        headers: { 'Idempotency-Key': 'retry-of-order-7' },
        form: uploadForm({ photo: { name: 'photo.jpg', bytes: fixture('footballer.jpg') } }, { 'folder:meta_data': { order: 'order-7' }, 'media:tags': { photo: ['photo_selfie'] } }),
      });
    const [first, second] = [await send(), await send()];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.folder_id).toBe(first.body.folder_id);
    expect((await get('/api/folders/?meta_data=order==order-7')).total_count).toBe(1);
  });

  it('declines BIOMETRY for two different people', async () => {
    const folder = await singleRequest({ selfie: { file: 'astronaut.png', tags: ['photo_selfie'] }, id: { file: 'footballer.jpg', tags: ['photo_id_front'] } }, [{ type: 'biometry' }]);
    expect(folder).toMatchObject({ resolution_status: 'FINISHED', system_resolution: 'DECLINED' });
    expect(folder.analyses[0]).toMatchObject({ type: 'BIOMETRY', resolution_status: 'DECLINED' });
    expect(folder.analyses[0].results_data.min_confidence).toBeLessThan(0.6);
  });

  it("lets an operator settle an OPERATOR_REQUIRED case (the company's settings turn review on); an ADMIN or the client may not; the history says who decided", async () => {
    // Operator review is the company's setting (DESIGN.md §3): its ADMIN turns it on, with a wide grey band.
    const reviewed = await system.companyUser(admin, 'CLIENT');
    const biometry_settings = { operator_review: true, threshold_match: 0.9, grey_band_low: 0.3 };
    const patched = await system.api('PATCH', `/api/companies/${reviewed.companyId}/`, { token: admin, json: { biometry_settings } });
    expect({ status: patched.status, settings: patched.body.biometry_settings }).toEqual({ status: 200, settings: biometry_settings });
    const files = { selfie: { file: 'astronaut.png', tags: ['photo_selfie'] }, id: { file: 'footballer.jpg', tags: ['photo_id_front'] } };
    const folder = await singleRequest(files, [{ type: 'biometry' }], reviewed.token);
    expect(folder.system_resolution).toBe('OPERATOR_REQUIRED');
    const analysisId = folder.analyses[0].analysis_id as string;
    // The group's event records the settings the verdict was given under.
    const submitted = (await get(`/api/folders/${folder.folder_id}/events`, reviewed.token)).items.find((e: Json) => e.type === 'AnalysisGroupSubmitted');
    expect(submitted.data.analyses[0].params).toEqual(biometry_settings);
    // The same two faces for a company without review: DECLINED, not OPERATOR_REQUIRED.
    expect((await singleRequest(files, [{ type: 'biometry', params: { threshold_match: 0.9, grey_band_low: 0.3 } }])).system_resolution).toBe('DECLINED');

    for (const token of [admin, reviewed.token]) {
      const refused = await system.api('POST', `/api/analyses/${analysisId}/resolution`, { token, json: { resolution: 'SUCCESS', comment: 'looks fine' } });
      expect({ status: refused.status, code: refused.body.error_code }).toEqual({ status: 403, code: 9 });
    }
    const operator = await system.globalUser(admin, 'OPERATOR');
    const decided = await system.api('POST', `/api/analyses/${analysisId}/resolution`, { token: operator.token, json: { resolution: 'SUCCESS', comment: 'same person, old photo' } });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ resolution_status: 'SUCCESS', resolution_operator: operator.userId, resolution_comment: 'same person, old photo' });
    expect(await get(`/api/folders/${folder.folder_id}/`, reviewed.token)).toMatchObject({ system_resolution: 'SUCCESS', resolution_comment: JSON.stringify(['same person, old photo']) });
    const last = (await get(`/api/folders/${folder.folder_id}/events`, reviewed.token)).items.at(-1);
    expect(last).toMatchObject({ type: 'AnalysisResolvedByOperator', user_id: operator.userId, data: { resolution: 'SUCCESS' } });
    expect(typeof last.occurred_at).toBe('string');
  });

  it("keeps companies apart: another company's folder, analyses, files and history all answer as if they did not exist", async () => {
    const folder = await singleRequest({ selfie: { file: 'footballer.jpg', tags: ['photo_selfie'] } }, [{ type: 'quality' }]);
    const outsider = await system.companyUser(admin, 'CLIENT');
    const colleagueAdmin = await system.companyUser(admin, 'CLIENT_ADMIN', client.companyId);
    const analysisId = folder.analyses[0].analysis_id as string;
    const bestShot = folder.analyses[0].results_media[0].output_images[0].original_url.replace(system.baseUrl, '') as string;
    const mediaUrl = folder.media[0].original_url.replace(system.baseUrl, '') as string;
    for (const url of [`/api/folders/${folder.folder_id}/`, `/api/folders/${folder.folder_id}/analyses/`, `/api/folders/${folder.folder_id}/events`, `/api/analyses/${analysisId}`, mediaUrl, bestShot]) {
      const foreign = await system.api('GET', url, { token: outsider.token });
      expect({ url, status: foreign.status, code: foreign.body?.error_code }).toEqual({ url, status: 404, code: 10 });
      const colleague = await system.api('GET', url, { token: colleagueAdmin.token });
      expect({ url, status: colleague.status }).toEqual({ url, status: 200 });
    }
    expect((await get('/api/folders/', outsider.token)).total_count).toBe(0);
  });

  it('streams a folder: an SSE client sees PROCESSING, then the final status, and the stream ends; another company gets not found', async () => {
    const created = await system.api('POST', '/api/folders/', {
      token: client.token,
      form: uploadForm({ selfie: { name: 'selfie.mp4', bytes: fixture('astronaut-selfie.mp4') } }, { 'media:tags': { selfie: ['video_selfie'] } }),
    });
    const folderId = created.body.folder_id as string;
    const outsider = await system.companyUser(admin, 'CLIENT');
    const refused = await fetch(`${system.baseUrl}/api/folders/${folderId}/stream`, { headers: { 'X-Forensic-Access-Token': outsider.token } });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as Json).error_code).toBe(10);

    const stream = await fetch(`${system.baseUrl}/api/folders/${folderId}/stream`, { headers: { 'X-Forensic-Access-Token': client.token } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const statuses: string[] = [];
    const reading = (async () => {
      let buffered = '';
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += Buffer.from(chunk).toString();
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) statuses.push((JSON.parse(data.slice(6)) as Json).resolution_status as string);
        }
      }
    })();
    await waitFor(async () => statuses.length, (n) => n >= 1, { what: 'the first status event' });
    expect(statuses[0]).toBe('INITIAL');
    const analyses = await system.api('POST', `/api/folders/${folderId}/analyses/`, { token: client.token, json: { analyses: [{ type: 'quality' }] } });
    expect(analyses.status).toBe(201);
    await reading; // the server ends the stream once the group has finished
    expect(statuses).toContain('PROCESSING');
    expect(statuses.at(-1)).toBe('FINISHED');
  });

  /** A CLIENT with a folder and a kept-open status stream on it; `ended` resolves when the server ends the stream. */
  const watchedFolder = async () => {
    const watcher = await system.companyUser(admin, 'CLIENT');
    const created = await system.api('POST', '/api/folders/', {
      token: watcher.token,
      form: uploadForm({ selfie: { name: 'selfie.jpg', bytes: fixture('footballer.jpg') } }, { 'media:tags': { selfie: ['photo_selfie'] } }),
    });
    const stream = await fetch(`${system.baseUrl}/api/folders/${created.body.folder_id as string}/stream?keep_open=true`, { headers: { 'X-Forensic-Access-Token': watcher.token } });
    expect(stream.status).toBe(200);
    const ended = (async () => {
      for await (const _chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        // read until the server ends it
      }
      return Date.now();
    })();
    await sleep(1_500);
    return { watcher, folderId: created.body.folder_id as string, ended };
  };

  it('ends a status stream once its user is deactivated: a stream does not outlive its session', async () => {
    const { watcher, ended } = await watchedFolder();
    const deactivatedAt = Date.now();
    expect((await system.api('PATCH', `/api/users/${watcher.userId}`, { token: admin, json: { profile: { is_active: false } } })).status).toBe(200);
    expect((await ended) - deactivatedAt).toBeLessThan(5_000);
  });

  it("ends a status stream once its user's role changes: its reads were allowed under the old one", async () => {
    const { watcher, folderId, ended } = await watchedFolder();
    const changedAt = Date.now();
    // The token stays valid (a role change revokes nothing); the stream ends all the same.
    expect((await system.api('PATCH', `/api/users/${watcher.userId}`, { token: admin, json: { profile: { user_type: 'CLIENT_OPERATOR' } } })).status).toBe(200);
    expect((await ended) - changedAt).toBeLessThan(5_000);
    expect((await system.api('GET', `/api/folders/${folderId}/`, { token: watcher.token })).status).toBe(200);
  });

  it('lets one user hold at most 20 status streams at once (429 beyond), and a closed one frees its place', async () => {
    const watcher = await system.companyUser(admin, 'CLIENT');
    const created = await system.api('POST', '/api/folders/', {
      token: watcher.token,
      form: uploadForm({ selfie: { name: 'selfie.jpg', bytes: fixture('footballer.jpg') } }, { 'media:tags': { selfie: ['photo_selfie'] } }),
    });
    const open = () => {
      const controller = new AbortController();
      const answer = fetch(`${system.baseUrl}/api/folders/${created.body.folder_id as string}/stream?keep_open=true`, { headers: { 'X-Forensic-Access-Token': watcher.token }, signal: controller.signal });
      return { controller, answer };
    };
    const streams = Array.from({ length: 20 }, open);
    expect((await Promise.all(streams.map((s) => s.answer))).map((r) => r.status)).toEqual(Array(20).fill(200));
    const over = await open().answer;
    expect({ status: over.status, code: ((await over.json()) as Json).error_code, retry: over.headers.get('retry-after') }).toEqual({ status: 429, code: 9, retry: '5' });
    streams[0]!.controller.abort();
    await waitFor(async () => (await open().answer).status, (status) => status === 200, { what: 'a place freed by the closed stream' });
    for (const s of streams) s.controller.abort();
  });

  it.each<[ServiceName, boolean]>([
    ['ingest', true],
    ['relay', true],
    ['projection', true],
    ['analysis-worker', true],
    ['gateway', false],
  ])('loses nothing when %s is restarted in the middle of a run (kill -9: %s)', async (service, kill9) => {
    const folderIds: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const created = await system.api('POST', '/api/folders/', {
        token: client.token,
        form: uploadForm({ selfie: { name: 'selfie.mp4', bytes: fixture(n % 2 ? 'astronaut-selfie.mp4' : 'footballer-selfie.mp4') } }, { 'media:tags': { selfie: ['video_selfie'] } }),
      });
      expect(created.status).toBe(201);
      folderIds.push(created.body.folder_id);
      const analyses = await system.api('POST', `/api/folders/${created.body.folder_id}/analyses/`, { token: client.token, json: { analyses: [{ type: 'quality' }] } });
      expect(analyses.status).toBe(201);
    }
    const restarted = await system.restart(service, { kill9 });
    if (service === 'gateway') {
      await waitFor(() => fetch(`${system.baseUrl}/ready`).then((r) => r.status, () => 0), (s) => s === 200, { timeoutMs: 60_000, what: `the gateway back\n${restarted.output()}` });
    }
    // Work submitted while the service is down or coming back.
    await sleep(500);
    for (const folderId of folderIds) {
      const folder = await settled(folderId);
      expect(folder.analyses).toEqual([expect.objectContaining({ state: 'FINISHED' })]);
      const outcomes = (await get(`/api/folders/${folderId}/events`)).items.filter((e: Json) => e.type === 'AnalysisFinished' || e.type === 'AnalysisFailed');
      expect(outcomes).toHaveLength(1);
    }
  });
});
