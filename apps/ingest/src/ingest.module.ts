import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK, systemClock } from './commands/clock';
import { FolderCommandService } from './commands/folder-command.service';
import { INGEST_CONFIG, type IngestConfig } from './config/ingest.config';
import { DataSourceCloser } from './database/data-source.closer';
import { dataSourceProvider } from './database/data-source.provider';
import { eventStoreProvider } from './database/event-store.provider';
import { FolderCommandsController } from './folder-commands.controller';
import { JsonLogger } from './logging/json-logger';

/** The write model: folder commands in over TCP, decided by the domain, appended to the event store. */
@Module({})
export class IngestModule {
  static register(config: IngestConfig, logger: JsonLogger = new JsonLogger()): DynamicModule {
    return {
      module: IngestModule,
      controllers: [FolderCommandsController],
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        { provide: JsonLogger, useValue: logger },
        { provide: CLOCK, useValue: systemClock },
        dataSourceProvider,
        eventStoreProvider,
        DataSourceCloser,
        FolderCommandService,
      ],
    };
  }
}
