import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CURRENT_SCHEMA_VERSION, type FolderCommand } from '@forensics/domain';
import { handleCommand, PostgresEventStore } from '@forensics/event-store';
import { INGEST_CONFIG, type IngestConfig } from '../config/ingest.config';
import type { IngestReply } from '@forensics/contracts';
import { toIngestReply } from '../transport/ingest-reply';
import { type FolderDecider, folderDecider } from './folder.decider';
import { scopedIdempotencyKey } from './idempotency-key';

/** Runs a folder command: read the stream, decide, append; retried by handleCommand on a conflict. */
@Injectable()
export class FolderCommandService {
  private readonly decider: FolderDecider;

  constructor(
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(INGEST_CONFIG) config: IngestConfig,
  ) {
    this.decider = folderDecider({ maxMediaPerFolder: config.maxFilesPerFolder });
  }

  async handle(command: FolderCommand, idempotencyKey?: string): Promise<IngestReply> {
    const folderId = command.data.folder_id;
    const result = await handleCommand(this.store, this.decider, folderId, command, {
      idempotencyKey: idempotencyKey === undefined ? undefined : scopedIdempotencyKey(command.metadata.actor, idempotencyKey),
      newEventId: randomUUID,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      // A new folder has no history to read; if it exists after all, the retry reads it.
      expectNewStream: command.type === 'CreateFolder',
    });
    return toIngestReply(folderId, result);
  }
}
