import 'reflect-metadata';
import { Controller, Get, Global, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Actor } from '@forensics/domain';
import { isolatedSchema, testInfra } from '@forensics/testing';
import { Client } from 'pg';
import { type GatewayConfig, loadGatewayConfig } from '../src/config/gateway.config';
import { gatewayConfigProvider } from '../src/config/gateway-config.provider';
import { StorableInputInterceptor } from '../src/errors/storable-input.interceptor';
import { OzExceptionFilter } from '../src/errors/oz-exception.filter';
import { GatewayMetrics } from '../src/observability/gateway-metrics';
import { observeRequests } from '../src/observability/observe-requests';
import { CurrentActor, IdentityModule, Public } from '../src/identity';

/** One protected and one public endpoint, to watch the guard from outside. */
@Controller('test')
class ProbeController {
  @Get('whoami')
  whoami(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Public()
  @Get('public')
  open(): { open: true } {
    return { open: true };
  }
}

export type Api = (method: string, path: string, init?: Readonly<{ token?: string; json?: unknown; raw?: string }>) => Promise<{ status: number; body: ApiBody }>;
/** A JSON answer, typed loosely: each test says what it expects of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiBody = any;

export type IdentityTestApp = Readonly<{
  config: GatewayConfig;
  /** Where the first app listens, for a test that needs the raw response. */
  baseUrl: string;
  api: Api;
  /** SQL in the test's identity schema, to look at or age what the API stored. */
  sql: <Row>(text: string, values?: unknown[]) => Promise<Row[]>;
  login: (email: string, password: string) => Promise<string>;
  /** The latency histogram and the request log lines of the first app, as the gateway's own. */
  metrics: GatewayMetrics;
  logged: Record<string, unknown>[];
  adminToken: () => Promise<string>;
  /** A second app on the same schema, as a second gateway would be. */
  startAnother: () => Promise<INestApplication>;
  close: () => Promise<void>;
}>;

async function startApp(config: GatewayConfig, observed = { metrics: new GatewayMetrics(), logged: [] as Record<string, unknown>[] }): Promise<INestApplication> {
  @Global()
  @Module({ providers: [gatewayConfigProvider(config)], exports: [gatewayConfigProvider(config).provide] })
  class TestConfigModule {}
  @Module({ imports: [TestConfigModule, IdentityModule], controllers: [ProbeController] })
  class TestModule {}
  const app = await NestFactory.create<NestExpressApplication>(TestModule, { logger: ['error'], bodyParser: false });
  // Wired as createGatewayApp wires it: first, before the body parser.
  app.use(observeRequests(observed.metrics, (entry) => observed.logged.push(entry)));
  app.useBodyParser('json', { limit: '1mb' });
  app.set('trust proxy', config.trustProxyHops);
  // A 500 is a bug in a test of bad input: say why on stderr.
  app.useGlobalFilters(new OzExceptionFilter((entry) => process.stderr.write(`${JSON.stringify(entry)}\n`)));
  app.useGlobalInterceptors(new StorableInputInterceptor());
  await app.listen(0, '127.0.0.1');
  return app;
}

/**
 * The identity module alone in a Nest app on a free port, on an identity schema of its own.
 * `instances` start at the same moment on that schema, as gateways of one deployment would.
 */
export async function startIdentityTestApp({ instances = 1, env = {} }: Readonly<{ instances?: number; env?: Record<string, string> }> = {}): Promise<IdentityTestApp> {
  const schema = isolatedSchema('identity');
  const config = loadGatewayConfig({ DATABASE_URL: testInfra.databaseUrl, IDENTITY_SCHEMA: schema.name, ADMIN_EMAIL: 'root@identity.test', ADMIN_PASSWORD: 'root-password-1', ...env });
  const observed = { metrics: new GatewayMetrics(), logged: [] as Record<string, unknown>[] };
  const apps = await Promise.all(Array.from({ length: instances }, (_, index) => (index === 0 ? startApp(config, observed) : startApp(config))));
  const baseUrl = (await (apps[0] as INestApplication).getUrl()).replace('[::1]', '127.0.0.1');
  const client = new Client({ connectionString: testInfra.databaseUrl, options: `-c search_path=${schema.name}` });
  await client.connect();

  const api: Api = async (method, path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.token !== undefined) headers['X-Forensic-Access-Token'] = init.token;
    const body = init.raw ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (email: string, password: string) => {
    const { status, body } = await api('POST', '/api/authorize/auth/', { json: { credentials: { email, password } } });
    if (status !== 200) throw new Error(`login of ${email} answered ${status}: ${JSON.stringify(body)}`);
    return body.access_token as string;
  };

  return {
    config,
    baseUrl,
    api,
    sql: async <Row>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as Row[],
    login,
    ...observed,
    adminToken: () => login(config.adminEmail, config.adminPassword),
    startAnother: async () => {
      const app = await startApp(config);
      apps.push(app);
      return app;
    },
    close: async () => {
      await Promise.all(apps.map((app) => app.close()));
      await client.end();
      await schema.drop();
    },
  };
}
