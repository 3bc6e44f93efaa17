import 'reflect-metadata';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { jsonLog, type Log, metricsServerProviders } from '@forensics/observability';
import type { GatewayConfig } from './config/gateway.config';
import { OzExceptionFilter } from './errors/oz-exception.filter';
import { StorableInputInterceptor } from './errors/storable-input.interceptor';
import { type RouteMethods, routeMethodsOf } from './errors/route-methods';
import { GatewayModule } from './gateway.module';
import { GatewayMetrics } from './observability/gateway-metrics';
import { observeRequests } from './observability/observe-requests';

/** The API and, beside it, the metrics server that starts and stops with it. */
@Module({})
class GatewayAppModule {}

/** The gateway as an HTTP app, listening; `app.getUrl()` says where. Prometheus reads `/metrics` on `config.metrics`. */
export async function createGatewayApp(config: GatewayConfig, log: Log = jsonLog('gateway')): Promise<INestApplication> {
  const metrics = new GatewayMetrics();
  const root = { module: GatewayAppModule, imports: [GatewayModule.forConfig(config)], providers: metricsServerProviders([], () => ({ registry: metrics.registry, endpoint: config.metrics, log })) };
  const app = await NestFactory.create<NestExpressApplication>(root, { logger: ['error', 'warn'], bodyParser: false });
  // Before the body parser, so that a body it refuses is timed and logged too.
  app.use(observeRequests(metrics, log));
  // JSON bodies are small in this API (files go as multipart): 1 MB is plenty.
  app.useBodyParser('json', { limit: '1mb' });
  // The routes are known once the app is initialised; the filter asks them when a method has none.
  let routeMethods: RouteMethods = () => [];
  app.useGlobalFilters(new OzExceptionFilter(log, (path) => routeMethods(path)));
  // Text PostgreSQL cannot store, in any route's path, query or JSON body, is the client's error (400), never a 500.
  app.useGlobalInterceptors(new StorableInputInterceptor());
  app.enableShutdownHooks();
  app.set('query parser', 'extended');
  // Answers do not advertise the framework (and its version range) to whoever probes the API.
  app.disable('x-powered-by');
  // Behind N proxies, the client's address is the one they put in X-Forwarded-For (login throttling keys on it).
  app.set('trust proxy', config.trustProxyHops);
  await app.init();
  routeMethods = routeMethodsOf(app.getHttpAdapter().getInstance());
  await app.listen(config.port, config.host);
  log({ level: 'info', message: 'gateway listening', url: await app.getUrl() });
  return app;
}
