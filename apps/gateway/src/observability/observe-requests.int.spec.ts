// Given the gateway's request observer in front of a real Nest app (the identity module on
// PostgreSQL), when requests end well or badly, then each is timed by route pattern, logged once
// with its correlation id, and answers that id in X-Request-Id.
import { type IdentityTestApp, startIdentityTestApp } from '../../test/identity-test-app';

describe('observed requests', () => {
  let gateway: IdentityTestApp;

  beforeAll(async () => {
    gateway = await startIdentityTestApp();
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
  });

  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    fetch(`${gateway.baseUrl}${path}`, { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) });
  /** How many requests the histogram counted with these labels. */
  const counted = async (method: string, route: string, status: number) => {
    const { values } = await gateway.metrics.requestSeconds.get();
    const match = values.find((v) => v.metricName === 'http_request_duration_seconds_count' && v.labels['method'] === method && v.labels['route'] === route && v.labels['status_code'] === String(status));
    return match?.value ?? 0;
  };
  /** The request's log line, once the answer is sent (the line is written when the response closes). */
  const lineOf = async (correlationId: string) => {
    for (let tries = 0; tries < 50; tries += 1) {
      const line = gateway.logged.find((entry) => entry['correlation_id'] === correlationId);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no log line with correlation_id ${correlationId}`);
  };

  it('given an X-Request-Id, then the answer carries it, and one line logs the route pattern, status and duration with it', async () => {
    const { status, headers } = await call('GET', '/test/public', { 'X-Request-Id': 'req-public-1' });

    expect([status, headers.get('x-request-id')]).toEqual([200, 'req-public-1']);
    expect(await lineOf('req-public-1')).toEqual({ level: 'info', message: 'request handled', method: 'GET', route: '/test/public', status: 200, duration_ms: expect.any(Number), correlation_id: 'req-public-1' });
  });

  it('given no usable X-Request-Id, then the request still gets an id of its own, in the answer and the log', async () => {
    const { headers } = await call('GET', '/test/public', { 'X-Request-Id': 'not a token; has spaces' });

    const id = headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lineOf(id)).toMatchObject({ route: '/test/public', status: 200 });
  });

  it('counts requests that end in errors: a guard refusal and a bad body by their route, an unknown URL and unparsable JSON as unmatched', async () => {
    const counts = () => Promise.all([counted('GET', '/test/whoami', 401), counted('GET', 'unmatched', 404), counted('POST', '/api/authorize/auth', 400), counted('POST', 'unmatched', 400)]);
    const before = await counts();

    const refused = await call('GET', '/test/whoami', { 'X-Request-Id': 'req-401' });
    const unknown = await call('GET', '/api/folders-typo/7f1c0f0e-2d4f-4a55-9a61-000000000000/', { 'X-Request-Id': 'req-404' });
    const bad = await call('POST', '/api/authorize/auth/', { 'X-Request-Id': 'req-400' }, JSON.stringify({ credentials: 'not an object' }));
    const notJson = await call('POST', '/api/authorize/auth/', { 'X-Request-Id': 'req-400-json' }, '{ not json');

    expect([refused.status, unknown.status, bad.status, notJson.status]).toEqual([401, 404, 400, 400]);
    expect([refused, unknown, bad, notJson].map((r) => r.headers.get('x-request-id'))).toEqual(['req-401', 'req-404', 'req-400', 'req-400-json']);
    // A body the parser refuses never reaches a route: it is counted, as unmatched.
    const routes = await Promise.all(['req-401', 'req-404', 'req-400', 'req-400-json'].map(async (id) => (await lineOf(id))['route']));
    expect(routes).toEqual(['/test/whoami', 'unmatched', '/api/authorize/auth', 'unmatched']);
    expect(await counts()).toEqual(before.map((n) => n + 1));
    // No time series per id: the URL's folder id is in no label.
    expect(await gateway.metrics.registry.metrics()).not.toContain('7f1c0f0e');
  });

  it('given a route with an id in its path, then it is counted under the pattern, never under the id', async () => {
    const token = await gateway.adminToken();
    const before = await counted('GET', '/api/users/:user_id', 404);
    const answer = await call('GET', '/api/users/5e0c1d2a-9b8f-4c3d-8e7f-0a1b2c3d4e5f', { 'X-Forensic-Access-Token': token, 'X-Request-Id': 'req-user-id' });

    expect(answer.status).toBe(404);
    expect((await lineOf('req-user-id'))['route']).toBe('/api/users/:user_id');
    expect(await counted('GET', '/api/users/:user_id', 404)).toBe(before + 1);
    expect(await gateway.metrics.registry.metrics()).not.toContain('5e0c1d2a');
  });
});
