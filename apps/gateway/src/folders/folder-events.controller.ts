import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { PostgresEventStore } from '@forensics/event-store';
import { CurrentActor } from '../identity/current-actor.decorator';
import { FolderReader } from '../read/folder-reader';
import { EVENT_STORE } from './folders.tokens';

/** Beyond Oz: the audit trail of a folder, every event in order, as the event store keeps it. */
@Controller('api/folders')
export class FolderEventsController {
  constructor(
    @Inject(FolderReader) private readonly reader: FolderReader,
    @Inject(EVENT_STORE) private readonly store: PostgresEventStore,
  ) {}

  @Get(':folderId/events')
  async history(@Param('folderId') folderId: string, @CurrentActor() actor: Actor) {
    await this.reader.folder(folderId, actor);
    const events = await this.store.readStream(folderId);
    return {
      folder_id: folderId,
      items: events.map((e) => ({
        event_id: e.event_id,
        type: e.type,
        schema_version: e.schema_version,
        stream_version: e.stream_version,
        occurred_at: (e.metadata as { occurred_at?: string }).occurred_at ?? null,
        recorded_at: e.recorded_at instanceof Date ? e.recorded_at.toISOString() : e.recorded_at,
        user_id: (e.metadata as { user_id?: string }).user_id ?? null,
        correlation_id: (e.metadata as { correlation_id?: string }).correlation_id ?? null,
        data: e.data,
      })),
    };
  }
}
