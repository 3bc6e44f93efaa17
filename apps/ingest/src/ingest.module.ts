import { type DynamicModule, Module } from '@nestjs/common';
import { JsonLogger } from '@forensics/observability';
import { CLOCK, systemClock } from './commands/clock';
import { CommandDrain } from './commands/command-drain';
import { FolderCommandService } from './commands/folder-command.service';
import { INGEST_CONFIG, type IngestConfig } from './config/ingest.config';
import { DataSourceCloser } from './database/data-source.closer';
import { dataSourceProvider } from './database/data-source.provider';
import { eventStoreProvider } from './database/event-store.provider';
import { FolderCommandsController } from './folder-commands.controller';
import { CommandObserver } from './observability/command-observer';
import { IngestMetrics } from './observability/ingest-metrics';
import { metricsServer } from './observability/metrics-server.provider';

/** The write model: folder commands in over TCP, decided by the domain, appended to the event store. */
@Module({})
export class IngestModule {
  static register(config: IngestConfig, logger: JsonLogger = new JsonLogger('ingest')): DynamicModule {
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
        CommandDrain,
        FolderCommandService,
        { provide: IngestMetrics, useValue: new IngestMetrics() },
        CommandObserver,
        ...metricsServer,
      ],
    };
  }
}
