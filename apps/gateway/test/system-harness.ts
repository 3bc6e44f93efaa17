// The whole system for an e2e test file, every service as its own process (compiled, as
// production runs it) against the real Kafka and PostgreSQL: its own schemas, topic, consumer
// groups, ports and blob directory. `api` calls the gateway over HTTP.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isolatedSchema, startService, testInfra, uniqueName, waitFor, type ServiceProcess } from '@forensics/testing';

export const FIXTURES = path.resolve(__dirname, '../../../libs/analyzers/test/fixtures/media');
export const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));

const SERVICES = ['ingest', 'relay', 'projection', 'analysis-worker', 'webhook-dispatcher', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const ADMIN = { email: 'admin@e2e.test', password: 'admin-password-1' };

/** Private webhook targets are allowed (the test receivers are on 127.0.0.1) unless `env` says otherwise. */
export async function startSystem(options: Readonly<{ singleRequestTimeoutMs?: number; env?: Record<string, string>; workers?: number }> = {}) {
  const schemas = { events: isolatedSchema('e2e_events'), reads: isolatedSchema('e2e_reads'), identity: isolatedSchema('e2e_identity'), webhooks: isolatedSchema('e2e_webhooks') };
  const topic = uniqueName('e2e-folder-events');
  const blobDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-blobs-'));
  const [ingestPort, gatewayPort] = [await freePort(), await freePort()];
  const env: Record<string, string> = {
    DATABASE_URL: testInfra.databaseUrl,
    KAFKA_BROKERS: testInfra.kafkaBrokers.join(','),
    EVENT_STORE_SCHEMA: schemas.events.name,
    READ_MODEL_SCHEMA: schemas.reads.name,
    IDENTITY_SCHEMA: schemas.identity.name,
    WEBHOOK_SCHEMA: schemas.webhooks.name,
    WEBHOOK_DISPATCHER_GROUP_ID: uniqueName('e2e-webhooks'),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    FOLDER_EVENTS_TOPIC: topic,
    FOLDER_EVENTS_PARTITIONS: '6',
    DEAD_LETTER_TOPIC: `${topic}.dead-letter`,
    PROJECTION_GROUP_ID: uniqueName('e2e-projection'),
    // Every service's metrics on a free port: e2e files and the extra workers run side by side.
    GATEWAY_METRICS_PORT: '0',
    INGEST_METRICS_PORT: '0',
    RELAY_METRICS_PORT: '0',
    PROJECTION_METRICS_PORT: '0',
    ANALYSIS_WORKER_METRICS_PORT: '0',
    WEBHOOK_METRICS_PORT: '0',
    PROJECTION_CONCURRENCY: '6',
    ANALYSIS_WORKER_GROUP_ID: uniqueName('e2e-worker'),
    RELAY_NAME: uniqueName('e2e-relay'),
    INGEST_PORT: String(ingestPort),
    GATEWAY_PORT: String(gatewayPort),
    BLOB_DIR: blobDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SINGLE_REQUEST_TIMEOUT_MS: String(options.singleRequestTimeoutMs ?? 60_000),
    ...options.env,
  };
  const processes = new Map<ServiceName, ServiceProcess>();
  const start = (name: ServiceName) => {
    const service = startService(`apps/${name}/src/main.ts`, env);
    processes.set(name, service);
    return service;
  };
  for (const name of SERVICES) start(name);
  // More worker processes in the same group (one per core), stopped with the rest.
  const extraWorkers = Array.from({ length: Math.max(0, (options.workers ?? 1) - 1) }, () => startService('apps/analysis-worker/src/main.ts', env));
  const baseUrl = `http://127.0.0.1:${gatewayPort}`;
  const logs = () => [...processes].map(([name, p]) => `--- ${name}\n${p.output().slice(-1500)}`).join('\n');
  try {
    await waitFor(
      async () => fetch(`${baseUrl}/ready`).then((r) => r.status === 200, () => false),
      (ready) => ready,
      { timeoutMs: 90_000, intervalMs: 250, what: `the gateway ready\n${logs()}` },
    );
    for (const [name, line] of [['analysis-worker', 'analysis worker consuming'], ['projection', 'projection consuming'], ['webhook-dispatcher', 'webhook dispatcher consuming']] as const) {
      await waitFor(async () => processes.get(name)?.output().includes(line) ?? false, (ok) => ok, { timeoutMs: 90_000, what: `${name} consuming\n${logs()}` });
    }
  } catch (error) {
    // A system that never became ready leaves no process behind to load the machine.
    await Promise.all([...processes.values(), ...extraWorkers].map((p) => p.kill9()));
    await Promise.all(Object.values(schemas).map((s) => s.drop().catch(() => undefined)));
    rmSync(blobDir, { recursive: true, force: true });
    throw error;
  }

  const api = async (method: string, url: string, init: Readonly<{ token?: string; json?: unknown; form?: FormData; raw?: string; headers?: Record<string, string> }> = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers['X-Forensic-Access-Token'] = init.token;
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) body = init.form;
    else if (init.raw !== undefined) body = init.raw;
    const response = await fetch(`${baseUrl}${url}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    // Typed loosely on purpose: each test says what it expects of the body.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: json as any };
  };

  const login = async (email: string, password: string): Promise<string> => {
    const { status, body } = await api('POST', '/api/authorize/auth/', { json: { credentials: { email, password } } });
    if (status !== 200 && status !== 201) throw new Error(`login of ${email} answered ${status}: ${JSON.stringify(body)}`);
    return (body as { access_token: string }).access_token;
  };

  /** A company with one user of the given role; answers the user's token. */
  const companyUser = async (adminToken: string, role: 'CLIENT' | 'CLIENT_ADMIN' | 'CLIENT_OPERATOR' | 'CLIENT_SERVICE' = 'CLIENT', companyId?: string) => {
    const company = companyId ?? ((await api('POST', '/api/companies/', { token: adminToken, json: { name: uniqueName('company') } })).body as { company_id: string }).company_id;
    const email = `${uniqueName('user')}@e2e.test`;
    const password = 'user-password-1';
    const created = await api('POST', '/api/users/', { token: adminToken, json: { credentials: { email, password }, profile: { company_id: company, user_type: role, first_name: 'E2E', last_name: role } } });
    if (created.status !== 201 && created.status !== 200) throw new Error(`creating a ${role} answered ${created.status}: ${JSON.stringify(created.body)}`);
    return { companyId: company, token: await login(email, password), userId: (created.body as { user_id: string }).user_id };
  };

  /** A global user (OPERATOR) created by the admin. */
  const globalUser = async (adminToken: string, role: 'OPERATOR' | 'ADMIN') => {
    const email = `${uniqueName('staff')}@e2e.test`;
    const password = 'staff-password-1';
    const created = await api('POST', '/api/users/', { token: adminToken, json: { credentials: { email, password }, profile: { user_type: role, first_name: 'E2E', last_name: role } } });
    if (created.status !== 201 && created.status !== 200) throw new Error(`creating an ${role} answered ${created.status}: ${JSON.stringify(created.body)}`);
    return { token: await login(email, password), userId: (created.body as { user_id: string }).user_id };
  };

  return {
    env,
    baseUrl,
    api,
    login,
    companyUser,
    globalUser,
    adminToken: () => login(ADMIN.email, ADMIN.password),
    processes,
    /** Every process, the extra worker processes included (their logs too). */
    allProcesses: (): ServiceProcess[] => [...processes.values(), ...extraWorkers],
    /** Stops one service: SIGTERM, or SIGKILL like a crash. */
    async stop(name: ServiceName, { kill9 = false } = {}) {
      const running = processes.get(name);
      if (kill9) await running?.kill9();
      else await running?.stop();
    },
    /** Starts one service (again), with the system's settings. */
    start,
    /** Restarts one service (SIGTERM, then a new process), for the "nothing is lost" tests. */
    async restart(name: ServiceName, { kill9 = false } = {}) {
      const running = processes.get(name);
      if (kill9) await running?.kill9();
      else await running?.stop();
      return start(name);
    },
    logs,
    async close() {
      if (process.env['E2E_LOGS'] === '1') process.stdout.write(`${logs()}\n`);
      await Promise.all([...processes.values(), ...extraWorkers].map((p) => p.stop()));
      await Promise.all(Object.values(schemas).map((s) => s.drop().catch(() => undefined)));
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}

/** A multipart body: `files` by field name, and the `payload` JSON. */
export function uploadForm(files: Record<string, { name: string; bytes: Buffer; type?: string }>, payload?: unknown): FormData {
  const form = new FormData();
  for (const [key, file] of Object.entries(files)) form.append(key, new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  if (payload !== undefined) form.append('payload', typeof payload === 'string' ? payload : JSON.stringify(payload));
  return form;
}
