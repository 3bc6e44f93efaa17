import type { FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '@forensics/event-store';

export const eventStoreProvider: FactoryProvider<PostgresEventStore> = {
  provide: PostgresEventStore,
  inject: [DataSource],
  useFactory: (dataSource: DataSource) => new PostgresEventStore(dataSource),
};
