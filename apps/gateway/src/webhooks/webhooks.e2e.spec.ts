// Webhooks end to end: every service its own process against the real Kafka and PostgreSQL, and a
// real HTTP receiver on 127.0.0.1 standing in for the integrator. The result comes to them
// signed, is retried through failures and a dispatcher crash, and every delivery and attempt is
// visible (and a failed one re-sendable) through the API.
import { randomUUID } from 'node:crypto';
import { startWebhookReceiver, waitFor } from '@forensics/testing';
import { verifySignature } from '@forensics/webhooks';
import { fixture, startSystem, uploadForm } from '../../test/system-harness';

jest.setTimeout(180_000);

// Loosely typed on purpose: each test says what it expects of the JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('webhooks', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: string;
  let companyAdmin: { token: string; companyId: string; userId: string };
  let client: { token: string; companyId: string; userId: string };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    system = await startSystem({
      env: { WEBHOOK_MAX_ATTEMPTS: '5', WEBHOOK_BACKOFF_BASE_MS: '300', WEBHOOK_BACKOFF_CAP_MS: '1000', WEBHOOK_POLL_MS: '100', WEBHOOK_TIMEOUT_MS: '5000' },
    });
    admin = await system.adminToken();
    companyAdmin = await system.companyUser(admin, 'CLIENT_ADMIN');
    client = await system.companyUser(admin, 'CLIENT', companyAdmin.companyId);
  }, 180_000);

  afterAll(async () => {
    await system?.close();
    await receiver?.close();
  });

  const get = async (url: string, token = client.token): Promise<Json> => {
    const { status, body } = await system.api('GET', url, { token });
    expect({ url, status }).toEqual({ url, status: 200 });
    return body;
  };

  /** A single request with photo liveness (or the given analyses) whose result goes to `path` on the receiver. */
  const singleRequest = async (path: string, analyses: unknown[] = [{ type: 'quality' }], files: Record<string, string> = { photo: 'astronaut.png' }, headers: Record<string, string> = {}) => {
    const tags: Record<string, string[]> = { photo: ['photo_selfie'], id: ['photo_id_front'] };
    const form = uploadForm(
      Object.fromEntries(Object.entries(files).map(([key, file]) => [key, { name: file, bytes: fixture(file) }])),
      { 'media:tags': Object.fromEntries(Object.keys(files).map((key) => [key, tags[key] ?? ['photo_selfie']])), analyses, resolution_endpoint: receiver.url(path) },
    );
    const { status, body } = await system.api('POST', '/api/folders/', { token: client.token, form, headers });
    expect({ status, error: status === 201 ? null : body }).toEqual({ status: 201, error: null });
    return body as Json;
  };

  const deliveriesOf = (folderId: string, token = client.token): Promise<Json> => get(`/api/folders/${folderId}/webhooks`, token);
  const settled = (folderId: string, count: number) =>
    waitFor(
      async () => (await deliveriesOf(folderId)).items as Json[],
      (items) => items.length === count && items.every((d) => d.status !== 'PENDING'),
      { timeoutMs: 60_000, intervalMs: 100, what: `${count} settled deliveries of ${folderId}` },
    );

  it('given a folder with a resolution_endpoint, when its group finishes, then the integrator receives the folder JSON, signed with the company secret', async () => {
    const folder = await singleRequest('/delivered');
    expect(folder.resolution_status).toBe('FINISHED');
    const [delivery] = await settled(folder.folder_id, 1);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', reason: 'GROUP_FINISHED', target_url: receiver.url('/delivered'), attempts_count: 1 });
    expect(delivery.attempts).toEqual([{ attempt: 1, time: expect.any(Number), status_code: 200, error: null, duration_ms: expect.any(Number) }]);

    const [request] = receiver.requests('/delivered');
    const secret = (await get(`/api/companies/${companyAdmin.companyId}/webhook_secret/`, companyAdmin.token)).secret as string;
    const timestamp = Number(request!.headers['x-forensics-timestamp']);
    expect(verifySignature(secret, timestamp, request!.body, String(request!.headers['x-forensics-signature']))).toBe(true);
    expect(request!.headers['idempotency-key']).toBe(delivery.event_id);
    // Exactly what GET /api/folders/{id}/ with analyses answers, links included.
    expect(JSON.parse(request!.body)).toEqual(await get(`/api/folders/${folder.folder_id}/?with_analyses=true`));
  });

  it("given the company secret, then only an ADMIN or the company's CLIENT ADMIN reads or rotates it, and another company's reads as not existing", async () => {
    const path = `/api/companies/${companyAdmin.companyId}/webhook_secret/`;
    expect((await system.api('GET', path, { token: client.token })).status).toBe(403);
    const outsider = await system.companyUser(admin, 'CLIENT_ADMIN');
    const foreign = await system.api('GET', path, { token: outsider.token });
    expect({ status: foreign.status, code: foreign.body.error_code }).toEqual({ status: 404, code: 10 });
    expect((await system.api('GET', path, { token: admin })).body.secret).toBe((await get(path, companyAdmin.token)).secret);

    const before = (await get(path, companyAdmin.token)).secret as string;
    const rotated = await system.api('POST', `${path}rotate`, { token: companyAdmin.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.previous_secrets).toEqual([{ secret: before, valid_until: expect.any(Number) }]);
    expect(rotated.body.previous_secrets[0].valid_until).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
    expect(rotated.body.secret).not.toBe(before);

    // The next webhook verifies with both, so a receiver can switch secrets without losing one.
    const folder = await singleRequest('/after-rotation');
    await settled(folder.folder_id, 1);
    const [request] = receiver.requests('/after-rotation');
    const timestamp = Number(request!.headers['x-forensics-timestamp']);
    for (const secret of [rotated.body.secret, before]) expect(verifySignature(secret, timestamp, request!.body, String(request!.headers['x-forensics-signature']))).toBe(true);
  });

  it('given a receiver that answers 500 twice, then 200, then the delivery succeeds on the third attempt, and the attempts are visible through the API', async () => {
    receiver.answer('/flaky', 500, 500);
    const folder = await singleRequest('/flaky');
    const [delivery] = await settled(folder.folder_id, 1);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts_count: 3 });
    expect(delivery.attempts.map((a: Json) => [a.attempt, a.status_code, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 200, null],
    ]);
    expect(await get(`/api/webhooks/${delivery.delivery_id}`)).toEqual(delivery);
    // Another company's client does not see them; the platform's admin does.
    const outsider = await system.companyUser(admin, 'CLIENT');
    expect((await system.api('GET', `/api/webhooks/${delivery.delivery_id}`, { token: outsider.token })).status).toBe(404);
    expect((await system.api('GET', `/api/folders/${folder.folder_id}/webhooks`, { token: outsider.token })).status).toBe(404);
    expect((await deliveriesOf(folder.folder_id, admin)).items).toHaveLength(1);
  });

  it("given another CLIENT of the same company, or another company's CLIENT ADMIN, then a folder's deliveries, their re-send and the company's secret read as not existing", async () => {
    receiver.answer('/private-to-owner', 503, 503, 503, 503, 503);
    const folder = await singleRequest('/private-to-owner');
    const [failed] = await settled(folder.folder_id, 1);
    expect(failed.status).toBe('FAILED');
    const colleague = await system.companyUser(admin, 'CLIENT', companyAdmin.companyId);
    const foreignAdmin = await system.companyUser(admin, 'CLIENT_ADMIN');
    for (const token of [colleague.token, foreignAdmin.token]) {
      for (const [method, url] of [
        ['GET', `/api/folders/${folder.folder_id}/webhooks`],
        ['GET', `/api/webhooks/${failed.delivery_id}`],
        ['POST', `/api/webhooks/${failed.delivery_id}/resend`],
      ] as const) {
        const answer = await system.api(method, url, { token });
        expect({ url, status: answer.status, code: answer.body.error_code }).toEqual({ url, status: 404, code: 10 });
      }
    }
    for (const url of [`/api/companies/${companyAdmin.companyId}/webhook_secret/`, `/api/companies/${companyAdmin.companyId}/webhook_secret/rotate`]) {
      const answer = await system.api(url.endsWith('rotate') ? 'POST' : 'GET', url, { token: foreignAdmin.token });
      expect({ url, status: answer.status, code: answer.body.error_code }).toEqual({ url, status: 404, code: 10 });
    }
    // Nothing was re-sent or rotated by them; the company's own admin may re-send.
    expect((await get(`/api/webhooks/${failed.delivery_id}`)).status).toBe('FAILED');
    expect((await system.api('POST', `/api/webhooks/${failed.delivery_id}/resend`, { token: companyAdmin.token })).status).toBe(200);
  });

  it('given the dispatcher killed between attempts, when it restarts, then the delivery succeeds exactly once', async () => {
    receiver.answer('/crash', ...Array<number>(50).fill(503));
    const folder = await singleRequest('/crash');
    const pending = await waitFor(
      async () => ((await deliveriesOf(folder.folder_id)).items as Json[])[0],
      (d) => d !== undefined && d.status === 'PENDING' && d.attempts_count >= 1,
      { timeoutMs: 60_000, intervalMs: 50, what: 'a first failed attempt' },
    );
    await system.stop('webhook-dispatcher', { kill9: true });
    const triedBeforeCrash = receiver.requests('/crash').length;
    receiver.answer('/crash'); // the integrator is back: 200 from now on
    system.start('webhook-dispatcher');

    const [delivery] = await settled(folder.folder_id, 1);
    expect(delivery).toMatchObject({ delivery_id: pending.delivery_id, status: 'SUCCEEDED' });
    const codes = delivery.attempts.map((a: Json) => a.status_code);
    expect(codes.at(-1)).toBe(200);
    expect(codes.filter((c: number) => c === 200)).toHaveLength(1);
    expect(receiver.requests('/crash')).toHaveLength(triedBeforeCrash + 1);
    expect(new Set(receiver.requests('/crash').map((r) => r.headers['idempotency-key']))).toEqual(new Set([delivery.event_id]));
  });

  it('given a FAILED delivery, when the folder owner re-sends it, then it is tried again and succeeds; an operator may not re-send, nor anyone a delivery that did not fail', async () => {
    receiver.answer('/down', ...Array<number>(5).fill(503));
    const folder = await singleRequest('/down');
    const [failed] = await settled(folder.folder_id, 1);
    expect(failed).toMatchObject({ status: 'FAILED', attempts_count: 5 });

    const operator = await system.globalUser(admin, 'OPERATOR');
    const refused = await system.api('POST', `/api/webhooks/${failed.delivery_id}/resend`, { token: operator.token });
    expect({ status: refused.status, code: refused.body.error_code }).toEqual({ status: 403, code: 9 });
    const resent = await system.api('POST', `/api/webhooks/${failed.delivery_id}/resend`, { token: client.token });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: 'PENDING', resent_by: client.userId, time_resent: expect.any(Number) });

    const [delivery] = await settled(folder.folder_id, 1);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts_count: 6 });
    expect(delivery.attempts.map((a: Json) => a.status_code)).toEqual([503, 503, 503, 503, 503, 200]);
    const again = await system.api('POST', `/api/webhooks/${failed.delivery_id}/resend`, { token: client.token });
    expect({ status: again.status, code: again.body.error_code }).toEqual({ status: 400, code: 4 });
    expect((await system.api('POST', `/api/webhooks/${randomUUID()}/resend`, { token: client.token })).status).toBe(404);
  });

  it('given an OPERATOR_REQUIRED case, when an operator decision changes the verdict, then a second webhook carries it', async () => {
    // The company's own CLIENT ADMIN turns operator review on, with a wide grey band.
    const biometry_settings = { operator_review: true, threshold_match: 0.9, grey_band_low: 0.3 };
    expect((await system.api('PATCH', `/api/companies/${companyAdmin.companyId}/`, { token: companyAdmin.token, json: { biometry_settings } })).status).toBe(200);
    const folder = await singleRequest('/operator', [{ type: 'biometry' }], { photo: 'astronaut.png', id: 'footballer.jpg' });
    expect(folder.system_resolution).toBe('OPERATOR_REQUIRED');
    await settled(folder.folder_id, 1);
    const operator = await system.globalUser(admin, 'OPERATOR');
    const decided = await system.api('POST', `/api/analyses/${folder.analyses[0].analysis_id}/resolution`, { token: operator.token, json: { resolution: 'SUCCESS', comment: 'same person, old photo' } });
    expect(decided.status).toBe(201);

    const deliveries = await settled(folder.folder_id, 2);
    expect(deliveries.map((d) => [d.reason, d.status])).toEqual([
      ['GROUP_FINISHED', 'SUCCEEDED'],
      ['VERDICT_CHANGED', 'SUCCEEDED'],
    ]);
    const verdicts = receiver.requests('/operator').map((r) => JSON.parse(r.body).system_resolution);
    expect(verdicts).toEqual(['OPERATOR_REQUIRED', 'SUCCESS']);
  });

  it("given one request's X-Request-Id, then that correlation_id is in the JSON log lines of every service that handled it", async () => {
    const correlationId = `e2e-${randomUUID()}`;
    const folder = await singleRequest('/correlated', [{ type: 'quality' }], { photo: 'astronaut.png' }, { 'X-Request-Id': correlationId });
    await settled(folder.folder_id, 1);
    const carries = (line: Json): boolean => line?.correlation_id === correlationId || (Array.isArray(line?.correlation_ids) && line.correlation_ids.includes(correlationId));
    const services = ['gateway', 'ingest', 'relay', 'analysis-worker', 'projection', 'webhook-dispatcher'] as const;
    const logging = () =>
      services.filter((name) =>
        (system.processes.get(name)?.output() ?? '').split('\n').some((text) => {
          try {
            return carries(JSON.parse(text));
          } catch {
            return false;
          }
        }),
      );
    // The last lines (the projection's batch, the dispatcher's attempt) may still be on their way.
    await waitFor(async () => logging(), (names) => names.length === services.length, { timeoutMs: 10_000, what: 'the correlation id in every log' }).catch(() => undefined);
    expect(logging()).toEqual([...services]);
  });
});
