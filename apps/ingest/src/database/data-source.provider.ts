import type { FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase } from '@forensics/event-store';
import { INGEST_CONFIG, type IngestConfig } from '../config/ingest.config';

/** The event store's database, connected and migrated before ingest takes its first command. */
export const dataSourceProvider: FactoryProvider<DataSource> = {
  provide: DataSource,
  inject: [INGEST_CONFIG],
  useFactory: (config: IngestConfig) => openDatabase({ url: config.databaseUrl, schema: config.eventStoreSchema, applicationName: 'ingest', genericPlans: true }),
};
