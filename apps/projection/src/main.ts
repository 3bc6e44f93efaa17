import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ProjectionModule } from './projection.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ProjectionModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
}

void bootstrap();
