import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { MulterModule } from '@nestjs/platform-express';
import { BlobStore } from '@forensics/blob-store';
import { createDataSource, PostgresEventStore } from '@forensics/event-store';
import { memoryStorage } from 'multer';
import type { DataSource } from 'typeorm';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import type { GatewayConfig } from '../config/gateway.config';
import { IngestClient } from '../ingest/ingest-client';
import { FolderReader } from '../read/folder-reader';
import { FolderUpdates } from '../read/folder-updates';
import { AnalysesController } from './analyses.controller';
import { FilesController } from './files.controller';
import { FolderCommands } from './folder-commands';
import { FolderEventsController } from './folder-events.controller';
import { FolderStreamController } from './folder-stream.controller';
import { FoldersController } from './folders.controller';
import { MetaDataController } from './meta-data.controller';
import { BLOBS, EVENT_STORE, FOLDER_UPDATES, INGEST, READ_MODEL_DB } from './folders.tokens';

const EVENT_STORE_DB = Symbol('EVENT_STORE_DB');
const READ_MODEL_ROWS_DB = Symbol('READ_MODEL_ROWS_DB');

/** Opens and closes the connections the folder endpoints use. */
class FolderConnections implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(READ_MODEL_DB) private readonly readModel: DataSource,
    @Inject(READ_MODEL_ROWS_DB) private readonly readModelRows: DataSource,
    @Inject(EVENT_STORE_DB) private readonly eventStore: DataSource,
    @Inject(FOLDER_UPDATES) private readonly updates: FolderUpdates,
    @Inject(INGEST) private readonly ingest: IngestClient,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.readModel.initialize();
    await this.readModelRows.initialize();
    await this.eventStore.initialize();
    await this.updates.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.updates.close();
    await this.ingest.close();
    await this.readModel.destroy();
    await this.readModelRows.destroy();
    await this.eventStore.destroy();
  }
}

@Module({
  imports: [
    // The biometry settings of a folder's company (decision 0015).
    IdentityModule,
    // Files stay in memory within the size limit (a file over it is a 413 while it streams in);
    // `payload` is at most 1 MB.
    MulterModule.registerAsync({
      useFactory: (config: GatewayConfig) => ({
        storage: memoryStorage(),
        // Keep the name as sent, so a name with a path in it is refused rather than silently cut.
        preservePath: true,
        limits: { fileSize: config.maxFileBytes, files: config.maxFilesPerFolder + 1, fields: 20, fieldSize: 1024 * 1024, parts: config.maxFilesPerFolder + 21, headerPairs: 200 },
      }),
      inject: [GATEWAY_CONFIG],
    }),
  ],
  controllers: [FoldersController, AnalysesController, FilesController, FolderEventsController, MetaDataController, FolderStreamController],
  providers: [
    { provide: READ_MODEL_DB, useFactory: (c: GatewayConfig) => createDataSource({ url: c.databaseUrl, schema: c.readModelSchema, applicationName: 'gateway', poolSize: 10, migrations: [] }), inject: [GATEWAY_CONFIG] },
    // Folders' rows by id, with generic plans (FolderReader); lists and filters stay on READ_MODEL_DB.
    { provide: READ_MODEL_ROWS_DB, useFactory: (c: GatewayConfig) => createDataSource({ url: c.databaseUrl, schema: c.readModelSchema, applicationName: 'gateway-rows', poolSize: 6, migrations: [], genericPlans: true }), inject: [GATEWAY_CONFIG] },
    { provide: EVENT_STORE_DB, useFactory: (c: GatewayConfig) => createDataSource({ url: c.databaseUrl, schema: c.eventStoreSchema, applicationName: 'gateway-history', poolSize: 2, migrations: [] }), inject: [GATEWAY_CONFIG] },
    { provide: EVENT_STORE, useFactory: (db: DataSource) => new PostgresEventStore(db), inject: [EVENT_STORE_DB] },
    { provide: BLOBS, useFactory: (c: GatewayConfig) => new BlobStore({ root: c.blobDir, maxBytes: c.maxFileBytes }), inject: [GATEWAY_CONFIG] },
    { provide: INGEST, useFactory: (c: GatewayConfig) => new IngestClient(c.ingestHost, c.ingestPort), inject: [GATEWAY_CONFIG] },
    { provide: FOLDER_UPDATES, useFactory: (c: GatewayConfig) => new FolderUpdates(c.databaseUrl, c.readModelSchema), inject: [GATEWAY_CONFIG] },
    { provide: FolderReader, useFactory: (db: DataSource, rows: DataSource) => new FolderReader(db, rows), inject: [READ_MODEL_DB, READ_MODEL_ROWS_DB] },
    { provide: FolderCommands, useFactory: (i: IngestClient, r: FolderReader, u: FolderUpdates) => new FolderCommands(i, r, u), inject: [INGEST, FolderReader, FOLDER_UPDATES] },
    FolderConnections,
  ],
  exports: [READ_MODEL_DB, FolderReader],
})
export class FoldersModule {}
