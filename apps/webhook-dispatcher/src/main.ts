import 'reflect-metadata';
import { sizeThreadPool } from '@forensics/config';
import { NestFactory } from '@nestjs/core';
import { WebhookDispatcherModule } from './webhook-dispatcher.module';

async function bootstrap(): Promise<void> {
  sizeThreadPool(16);
  const app = await NestFactory.createApplicationContext(WebhookDispatcherModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
}

void bootstrap();
