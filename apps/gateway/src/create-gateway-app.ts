import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from './config/gateway.config';
import { OzExceptionFilter } from './errors/oz-exception.filter';
import { GatewayModule } from './gateway.module';

export type Log = (entry: Record<string, unknown>) => void;

const jsonLog: Log = (entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'gateway', ...entry })}\n`);

/** The gateway as an HTTP app, listening; `app.getUrl()` says where. */
export async function createGatewayApp(config: GatewayConfig, log: Log = jsonLog): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forConfig(config), { logger: ['error', 'warn'], bodyParser: false });
  // JSON bodies are small in this API (files go as multipart): 1 MB is plenty.
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalFilters(new OzExceptionFilter(log));
  app.enableShutdownHooks();
  app.set('query parser', 'extended');
  await app.listen(config.port, config.host);
  log({ level: 'info', message: 'gateway listening', url: await app.getUrl() });
  return app;
}
