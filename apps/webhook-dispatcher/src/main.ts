import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WebhookDispatcherModule } from './webhook-dispatcher.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WebhookDispatcherModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
}

void bootstrap();
