import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AnalysisWorkerModule } from './analysis-worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AnalysisWorkerModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
}

void bootstrap();
